import pandas as pd

# ruleid: MLS406
FIXTURE = {"name": "Dana Whitfield", "email": "dana.whitfield@gmail.com"}
# ruleid: MLS406
PHONE = "call +1 415-555-0199 after 5pm"
# ruleid: MLS406
SSN = "078-05-1120"
# ruleid: MLS406
CARD = "4111 1111 1111 1111"

# ok: MLS406
AUTHOR = "ml-team@example.com"
# ok: MLS406
NOT_A_CARD = "4111 1111 1111 1112"
# ok: MLS406
VERSION = "2024-05-1120"
# ok: MLS406
BOT = "noreply@company.io"

frame = pd.DataFrame([FIXTURE])
