import pandas as pd

# ruleid: MLS406
FIXTURE = {"name": "Dana Whitfield", "email": "dana.whitfield@gmail.com"}
# ruleid: MLS406
PHONE = "call +1 312-867-2041 after 5pm"
# ruleid: MLS406
ABROAD = "+48605917284"
# ruleid: MLS406
CONTACTS = pd.DataFrame({"name": ["Dana"], "phone": ["(312) 867-2041"]})
ROWS = {
    "customer": {
        # ruleid: MLS406
        "contact": {"mobile": "+44 7911 583 406"},
    },
}
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
# ok: MLS406
TEAM = "team@featuretools.com"
# ok: MLS406
SALES = "sales@acme-analytics.io"
# ok: MLS406
FICTION = "call +1 415-555-0199 after 5pm"
# ok: MLS406
RESERVED = {"owner": {"email": "dana@example.org", "backup": "ops@ci.test"}}
# ok: MLS406
PLACEHOLDER = "john.doe@gmail.com or +1 234-567-8901"
# ok: MLS406
COUNTING = "+1 987 654 3210"

frame = pd.DataFrame([FIXTURE])

# ok: MLS406
DATABASE_URL = "postgresql://dana.whitfield:Xk29vLq7pR@db.prod.internal/scoring"
# ok: MLS406
BROKER = "amqp://worker:s3cret@rabbit.internal:5672//"
# ok: MLS406
SERVICE_ACCOUNT = "reports@ml-reports-361205.iam.gserviceaccount.com"
# ok: MLS406
EMAIL_HOST_USER = "postmaster@mg.label.internal"
# ruleid: MLS406
NOTE = "escalate to dana.whitfield@gmail.com, see https://tickets.internal/42"
