import os

import psycopg2
import wandb
from openai import OpenAI

# ruleid: MLS207
client = OpenAI(base_url="https://llm.internal.example/v1", api_key="5ssScv057EnOpIKZhEreZc1IFsFs")

# ruleid: MLS207
conn = psycopg2.connect(host="db", user="ml", password="Zq8#kL2!vB9@xR4$")

# ruleid: MLS207
os.environ["LABELING_SERVICE_TOKEN"] = "5ssScv057EnOpIKZhEreZc1IFsFs"

# ruleid: MLS207
API_KEY = "5ssScv057EnOpIKZhEreZc1IFsFs"

# ruleid: MLS207
api_key_2 = "5ssScv057EnOpIKZhEreZc1IFsFs"

# ruleid: MLS207
DB_PASSWORD2 = "Zq8#kL2!vB9@xR4$"

SETTINGS = {
    # ruleid: MLS207
    "secret": "tQ7vN2pX9kL4mR8sW1zC",
}

# ok: MLS207
dev = psycopg2.connect(host="db", user="ml", password="changeme")
# ok: MLS207
env = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: MLS207
TOKEN_COUNT = 512
# ok: MLS207
token_counter = "5ssScv057EnOpIKZhEreZc1IFsFs"
# ok: MLS207
secret_v2_notes = "tQ7vN2pX9kL4mR8sW1zC"
# ok: MLS207
wandb.login(key=os.getenv("WANDB_API_KEY"))
# ok: MLS207
short = OpenAI(api_key="abc")
