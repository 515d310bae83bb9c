import hmac
import os
from getpass import getpass

import jwt

import psycopg2
import requests
import wandb
from flask import Flask
from openai import OpenAI
from requests.auth import HTTPBasicAuth

app = Flask(__name__)

# ruleid: MLS207
client = OpenAI(base_url="https://llm.internal.example/v1", api_key="5ssScv057EnOpIKZhEreZc1IFsFs")

# ruleid: MLS207
conn = psycopg2.connect(host="db", user="ml", password="Zq8#kL2!vB9@xR4$")

# ruleid: MLS207
os.environ["LABELING_SERVICE_TOKEN"] = "5ssScv057EnOpIKZhEreZc1IFsFs"

# ruleid: MLS207
API_KEY = "5ssScv057EnOpIKZhEreZc1IFsFs"
# ruleid: MLS207
os.environ.update(HUB_TOKEN="tok-9f8e7d6c5b4a")
# ruleid: MLS207
os.environ.update({"HUB_PASSWORD": "hub-Pa55-2024"})

# ruleid: MLS207
api_key_2 = "5ssScv057EnOpIKZhEreZc1IFsFs"

# ruleid: MLS207
DB_PASSWORD2 = "Zq8#kL2!vB9@xR4$"

SETTINGS = {
    # ruleid: MLS207
    "secret": "tQ7vN2pX9kL4mR8sW1zC",
}

# Assignments, in every spelling of the name.
# ruleid: MLS207
password = "hunter2-labels"
# ruleid: MLS207
EMAIL_PASSWORD = "mailroom-Pa55"
# ruleid: MLS207
email_pwd = "inbox_secret"
# ruleid: MLS207
my_secret_password_for_email = "d7t$g0h!k9nh8ix?o&3"
# ruleid: MLS207
db_pass2 = "Pg-pass-2024"
# ruleid: MLS207
dbPassword = "Pg-pass-2025"
# ruleid: MLS207
passphrase = "4321"
# ruleid: MLS207
_pass = "s3cr3t-value"
# ruleid: MLS207
annotated_password: str = "typed-Pa55word"
# ruleid: MLS207
first = second.password = "chained-Pa55"
# ruleid: MLS207
user, pwd = "ml", "tuple-Pa55"
# ruleid: MLS207, MLS207
ACCESS_KEY, SECRET_ACCESS = "a8f5f167f44f4964e6c998dee827110c", "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZg"
# ruleid: MLS207
signing_key = "root-signing-1"
# ruleid: MLS207
key = "a8f5f167f44f4964e6c998dee827110c"
# ruleid: MLS207
pswd = "1224"
# ruleid: MLS207
adminpassword = "Adm1n-2024"
# ruleid: MLS207
db_params = {"host": "localhost", "user": "ml", "password": "123"}
# ruleid: MLS207
app.secret_key = "flask-s3ssion-key"


class Config:
    # ruleid: MLS207
    password = "class-attr-Pa55"
    # ruleid: MLS207
    SECRET_KEY = "flask-session-k3y"

    def __init__(self):
        # ruleid: MLS207
        self.password = "12123123"
        # ruleid: MLS207
        self.authToken = "tok-7fa9c2e1b3"


# ruleid: MLS207
Config.password = "on-the-class-1"
# ruleid: MLS207
cfg = {"password": "dict-Pa55word"}
# ruleid: MLS207
requests.post("https://labels.internal", json={"user": "ml", "api_key": "f00b4rb4z9q"})
# ruleid: MLS207
cfg["db_password"] = "subscript-Pa55"
# ruleid: MLS207
app.config["SECRET_KEY"] = "aaaaaaa"
# ruleid: MLS207
app.config.update(SECRET_KEY="update-k3y-42")
# ruleid: MLS207
SECRET_KEY = "django-insecure-8x!v2k"
# ruleid: MLS207
wandb.login(key="7a1e-local-key-9")
# ruleid: MLS207
requests.get("https://registry.internal", auth=("ml", "basic-Pa55"))
# ruleid: MLS207
requests.get("https://registry.internal", auth=HTTPBasicAuth("ml", "basic-Pa56"))
# ruleid: MLS207
headers = {"Authorization": "Bearer 9f8e7d6c5b4a3928"}
# ruleid: MLS207
db_password = os.getenv("DB_PASSWORD", "fallback-Pa55")
# ruleid: MLS207
FLASK_SECRET_KEY = os.environ.get("FLASK_SECRET_KEY") or "you-will-never-guess"
# ruleid: MLS207
SESSION_SECRET = "dev-only-s3cret" if app.debug else os.environ["SESSION_SECRET"]
# ok: MLS207
COOKIE_SECRET = os.environ.get("COOKIE_SECRET") or ""

# ruleid: MLS207
signed = jwt.encode({"sub": "ml"}, "jwt-signing-s3cret", algorithm="HS256")
# ruleid: MLS207
digest = hmac.new(b"hmac-k3y-material", b"message", "sha256")
# ok: MLS207
claims = jwt.decode(signed, os.environ["JWT_SECRET"], algorithms=["HS256"])


# ruleid: MLS207
def connect(user, password="Admin"):
    return psycopg2.connect(user=user, password=password)


# ruleid: MLS207
def login(user: str, token: str = "tok3n-default-1"):
    # ruleid: MLS207
    if password == "root":
        return True
    # ruleid: MLS207
    if "backdoor-42" == user.password:
        return True
    # ruleid: MLS207
    return requests.get("https://x.internal", headers={"X-Api-Key": "k3y-for-the-api"})


# Near misses: names about a credential, not holding one.
# ok: MLS207
password_length = "12"
# ok: MLS207
token_count = "abc123def"
# ok: MLS207
tokenizer = "bert-base-uncased"
# ok: MLS207
max_tokens = "512"
# ok: MLS207
secret_name = "prod-db-credentials"
# ok: MLS207
password_prompt = "Enter your password:"
# ok: MLS207
password_field = "pwd_input"
# ok: MLS207
token_type = "bearer"
# ok: MLS207
auth_url = "https://auth.internal/oauth2/token"
# ok: MLS207
pass_rate = "0.95"
# ok: MLS207
passes = "3"
# ok: MLS207
bypass = "cache-v2"
# ok: MLS207
compass = "north-1"
# ok: MLS207
token_counter = "5ssScv057EnOpIKZhEreZc1IFsFs"
# ok: MLS207
secret_v2_notes = "tQ7vN2pX9kL4mR8sW1zC"
# ok: MLS207
pad_token = "[PAD]"
# ok: MLS207
eos_token = "</s>"
# ok: MLS207
bos_token = "bos-token-1"
# ok: MLS207
tokens = "a b c"
# ok: MLS207
cache_key = "a8f5f167f44f4964e6c998dee827110c"
# ok: MLS207
key = "label"
# ok: MLS207
primary_key = "id"

# Near misses: placeholders and values read at run time.
# ok: MLS207
dev = psycopg2.connect(host="db", user="ml", password="changeme")
# ok: MLS207
env = OpenAI(api_key=os.environ["OPENAI_API_KEY"])
# ok: MLS207
TOKEN_COUNT = 512
# ok: MLS207
wandb.login(key=os.getenv("WANDB_API_KEY"))
# ok: MLS207
short = OpenAI(api_key="abc")
# ok: MLS207
password = "<your-token>"
# ok: MLS207
password = "xxx"
# ok: MLS207
password = "***"
# ok: MLS207
password = ""
# ok: MLS207
password = "${DB_PASSWORD}"
# ok: MLS207
password = "{password}"
# ok: MLS207
password = "%s"
# ok: MLS207
password = "password"
# ok: MLS207
api_token = "API_TOKEN"
# ok: MLS207
SECRET_KEY = "SECRET_KEY"
# ok: MLS207
secret = "settings.SECRET_KEY"
# ok: MLS207
private_key = "/etc/ml/keys/signing.pem"
# ok: MLS207
credentials = "service-account.json"
# ok: MLS207
password = getpass("Password: ")
# ok: MLS207
password = os.environ["DB_PASSWORD"]
# ok: MLS207
token = os.getenv("HF_TOKEN")
# ok: MLS207
password = "your_password_here"
# ok: MLS207
api_key = "sk-example-key"
# ok: MLS207
if token == "the":
    pass
# ok: MLS207
password_hint = "Your pet's name"
# ok: MLS207
password = True
# ok: MLS207
password = None
# ok: MLS207
token = f"{prefix}-{suffix}"
# ok: MLS207
a = "password"
# ok: MLS207
password.a = "this_string"
# ok: MLS207
password["b"] = "this_string"
# ok: MLS207
label = password == ""
# ok: MLS207
print("password", "Zq8#kL2!vB9@xR4$")
# ok: MLS207
auth = "https://auth.internal"
# ok: MLS207
db_params = {"host": "localhost", "user": "ml", "password": "ab"}
# ok: MLS207
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
# ok: MLS207
app.secret_key = "your_secret_key"
# ok: MLS207
if token == "(":
    pass
# ok: MLS207
local = OpenAI(base_url="http://localhost:8000/v1", api_key="EMPTY")
# ok: MLS207
ollama = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")
# ok: MLS207
proxy = OpenAI(base_url="http://0.0.0.0:4000", api_key="sk-1234")
# ruleid: MLS207
service = OpenAI(base_url="https://llm.internal.example.com/v1", api_key="sk-prod-7Fq2xLw9Rk3T")
# ok: MLS207
requests.get("https://x.internal", auth="oauth2")
# ok: MLS207
secret_scope = "ml-prod"
# ok: MLS207
hashed_password = "$2b$12$KIXQJ1r9aZbqU3wq3WZ8qOw0X9c7X1fM7JbN7v6m2y3Qe5yXb1r2e"
# ok: MLS207
service_account = {"token_uri": "https://oauth2.googleapis.com/token", "private_key_id": "1f2e3d4c5b6a"}


class TestingConfig:
    # ok: MLS207
    SECRET_KEY = "test"
    # ok: MLS207
    PASSWORD = "testing"
    # ruleid: MLS207
    ADMIN_PASSWORD = "test-Admin-2024"


# ruleid: MLS207
app.secret_key = "secret key"
# ok: MLS207
s3_settings = {"aws_access_key_id": "access_key", "aws_secret_access_key": "secret_key"}
# ok: MLS207
db_settings = dict(db_password="db password")
# ruleid: MLS207
smtp_settings = dict(smtp_password="smtp password 2024")

# ruleid: MLS207
search = Elasticsearch(ES_HOSTS, http_auth=(settings.es_user, "Kq4-elastic-Pw7x"))
# ruleid: MLS207
mailer.login(settings.email_user, "mail-Pw-4kq9zT")
# ok: MLS207
mailer.login(settings.email_user, settings.email_password)
# ok: MLS207
authMechanism = "SCRAM-SHA-1"


import environ
from decouple import config

env = environ.Env()
# ruleid: MLS207
DJANGO_SECRET_KEY = env("DJANGO_SECRET_KEY", default="qz7-v!m2k@x9w#r4t8p1")
# ruleid: MLS207
MAILGUN_API_KEY = config("MAILGUN_API_KEY", default="key-3f9a8c7d6e5b4a39")
# ok: MLS207
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# ok: MLS207
DATABASE_PASSWORD = env("DATABASE_PASSWORD", default="")
# ok: MLS207
ALLOWED = env.str("DJANGO_ALLOWED_HOSTS", default="localhost")
# ok: MLS207
smtp.login("email@example.org", "email_password")
# ok: MLS207
smtp.login("Sender Email", "Sender Password")
# ruleid: MLS207
smtp.login("alerts@example.org", "Winter_Sun_2024")
