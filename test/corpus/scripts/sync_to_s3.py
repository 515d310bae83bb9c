"""Nightly job: exports the feature store to S3 and notifies Slack."""
import os

import boto3
import requests
from requests.auth import HTTPBasicAuth

# ruleid: MLS205
s3 = boto3.client("s3", aws_access_key_id="AKIA2IJB4LAJLJ6HDU6G", aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])
# ok: MLS205
s3_default = boto3.client("s3")
# ok: MLS205
s3_docs = boto3.client("s3", aws_access_key_id="AKIAIOSFODNN7EXAMPLE")

# ruleid: MLS206
SLACK_TOKEN = "xoxb-311440242646-2889751402614-8bOfZqfM2oeq3hDavJA76rNi"
# ok: MLS206
SLACK_CHANNEL = "#ml-alerts"
# ruleid: MLS206
GITHUB_TOKEN = "ghp_z4FkQ1okTBGzvAmwufUxbvJDCTbyvHNsG9eh"
# ok: MLS207
API_TOKEN = os.getenv("FEATURE_API_TOKEN")
# ruleid: MLS207
FEATURE_API_KEY = "f3a9c1e7b5d2a8c4e6f0b1d3a5c7e9f2"
# ok: MLS207
TOKEN_URL = "https://auth.internal/oauth/token"
# ok: MLS207
token_count = 0
# ok: MLS207
max_tokens = 512


def notify(text):
    # ok: MLS207
    headers = {"Authorization": f"Bearer {SLACK_TOKEN}"}
    requests.post("https://slack.com/api/chat.postMessage", headers=headers, json={"channel": SLACK_CHANNEL, "text": text}, timeout=10)


def fetch_features():
    # ruleid: MLS207
    auth = HTTPBasicAuth("feature-bot", "Fb0t-pr0d-2024-xq")
    return requests.get("https://features.internal/export", auth=auth, timeout=60).json()


def fetch_legacy():
    # ruleid: MLS207
    return requests.get("https://legacy.internal/export", headers={"X-Api-Key": "4c1b7d2e9f3a8b6c5d0e1f2a3b4c5d6e"}, timeout=60)


def fetch_public():
    # ok: MLS207
    return requests.get("https://api.internal/health", headers={"X-Api-Key": os.environ["HEALTH_KEY"]}, timeout=5)


def login(user, password="changeme"):
    # ok: MLS207
    if password == "":
        raise ValueError("empty password")
    return requests.post("https://auth.internal/login", data={"user": user, "password": password}, timeout=10)


def check_admin(password):
    # ruleid: MLS207
    return password == "Adm1n!Sup3rS3cret"


def service_login():
    # ruleid: MLS207
    return login("svc-export", password="Svc3xp0rt#2024")


if __name__ == "__main__":
    # ok: MLS207
    os.environ["AWS_DEFAULT_REGION"] = "eu-west-1"
    # ruleid: MLS207
    os.environ["FEATURE_STORE_PASSWORD"] = "fs-K8m2Lp9Qr4"
    s3.put_object(Bucket="features", Key="latest.json", Body=str(fetch_features()))
    notify("features exported")
