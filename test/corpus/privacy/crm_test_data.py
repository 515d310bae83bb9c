"""Records for the CRM export tests and the demo dashboard."""
import pandas as pd

DEMO_CUSTOMERS = pd.DataFrame(
    {
        "name": ["Ada Example", "Grace Sample"],
        # ok: MLS406
        "email": ["ada@example.com", "grace@example.org"],
        # ok: MLS406
        "phone": ["(555) 555-0134", "+1 555 010 9999"],
    }
)

# Copied from the production export for the bug report (ticket 4512).
ESCALATIONS = [
    # ruleid: MLS406
    {"customer": "Marta Kowalczyk", "email": "marta.kowalczyk@gmail.com", "plan": "pro"},
    # ruleid: MLS406
    {"customer": "Dev Patel", "contact": {"phone": "+1 415 839 2271"}, "plan": "team"},
    # ruleid: MLS406
    {"customer": "Jonas Berg", "contact": {"phone": "(312) 647-9083", "ssn": "536-22-8190"}, "plan": "free"},
]

# ruleid: MLS406
CARD_ON_FILE = "4539 1488 0343 6467"
# ok: MLS406
TEST_CARD = "4242 4242 4242 4241"
# ok: MLS406
SUPPORT_ADDRESS = "support@example.com"
# ok: MLS406
ORDER_ID = "4000-1234-5678-9012-7"
# ruleid: MLS406
OWNER = "priya.raman@acme-analytics.io"
# ok: MLS406
BUILD_TAG = "release-2024.06.01"
# ok: MLS406
VERSION_PHONE_LIKE = "2024-06-01 12:30:45"
