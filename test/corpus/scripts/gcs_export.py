"""Copies evaluation reports to GCS and the partner SFTP."""
import json
import os

import paramiko
from google.cloud import storage
from google.oauth2 import service_account

SERVICE_ACCOUNT = {
    "type": "service_account",
    "project_id": "ml-reports-361205",
    "private_key_id": "3f1e9a7c5b2d4e6f8a0b1c2d3e4f5a6b7c8d9e0f",
    # ruleid: MLS205
    "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj\nMzEfYyjiWA4R4/M2bS1GB4t7NXp98C3SC6dVMvDuictGeurT8jNbvJZHtCSuYEvu\n-----END PRIVATE KEY-----\n",
    # ok: MLS406
    "client_email": "reports@ml-reports-361205.iam.gserviceaccount.com",
    "token_uri": "https://oauth2.googleapis.com/token",
}
# ok: MLS205
creds_from_file = service_account.Credentials.from_service_account_file(os.environ["GOOGLE_APPLICATION_CREDENTIALS"])


class SftpTarget:
    host = "sftp.partner.example.com"
    # ruleid: MLS207
    password = "Pa55-partner-Jw83kd"
    # ok: MLS207
    password_length = 16

    def __init__(self, user, key_path=None):
        self.user = user
        # ok: MLS207
        self.passphrase = os.environ.get("SFTP_KEY_PASSPHRASE")
        # ruleid: MLS207
        self.api_secret = "sEcR3t-9dL2mQ7xV4bN1"

    def connect(self):
        ssh = paramiko.SSHClient()
        # ok: MLS207
        ssh.connect(self.host, username=self.user, password=self.password)
        return ssh


def upload(path, bucket="ml-reports"):
    creds = service_account.Credentials.from_service_account_info(SERVICE_ACCOUNT)
    client = storage.Client(credentials=creds, project=SERVICE_ACCOUNT["project_id"])
    client.bucket(bucket).blob(os.path.basename(path)).upload_from_filename(path)


def connect_ftp(host, user="reports", passwd="ftp-R3p0rts-88"):
    # The default above is the partner's shared account.
    import ftplib

    # ok: MLS207
    return ftplib.FTP(host, user, passwd)


# ruleid: MLS207
SIGNING_KEYS = ("a1b2c3d4e5f60718293a4b5c6d7e8f90", "0f9e8d7c6b5a49382716f5e4d3c2b1a0")
# ok: MLS207
REPORT_COLUMNS = json.loads('["model", "auc", "f1"]')
