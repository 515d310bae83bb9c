import os
import boto3
import google.generativeai as genai
from openai import AzureOpenAI

# ruleid: MLS205
s3 = boto3.client("s3", aws_access_key_id=os.environ["AWS_ACCESS_KEY_ID"],
    # ruleid: MLS205
    aws_secret_access_key=os.environ["AWS_SECRET_ACCESS_KEY"])

# ruleid: MLS205
genai.configure(api_key=os.environ["GOOGLE_API_KEY"])

azure = AzureOpenAI(
    azure_endpoint="https://team.openai.azure.com/",
    # ruleid: MLS205
    api_key=os.environ["AZURE_OPENAI_API_KEY"],
)

SERVICE_ACCOUNT = {
    "type": "service_account",
    # ruleid: MLS205
    "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n",
}

# ok: MLS205
EXAMPLE_ID = "AKIAXXXXXXXXXXXXXXXX"
# ok: MLS205
checksum = "dff4fbccfe78db0dd922e863a072bfcc"
# ok: MLS205
s3_default = boto3.client("s3")
