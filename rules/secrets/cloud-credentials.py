import boto3
import google.generativeai as genai
from openai import AzureOpenAI

# ruleid: MLS205
s3 = boto3.client("s3", aws_access_key_id="AKIARQDEARPL42ZXBZIK",
    # ruleid: MLS205
    aws_secret_access_key="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")

# ruleid: MLS205
genai.configure(api_key="AIzapBKG7m85VKqF6b9Rw9NSp6lpBOpnbxR5KvW")

azure = AzureOpenAI(
    azure_endpoint="https://team.openai.azure.com/",
    # ruleid: MLS205
    api_key="dff4fbccfe78db0dd922e863a072bfcc",
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
