"""Django settings for the labelling tool (annotators review model predictions here)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# ruleid: MLS207
SECRET_KEY = "django-insecure-7x!k2#p9v$w3m@q8z&n5r^t1y*u4i(o6"
DEBUG = False
ALLOWED_HOSTS = ["label.internal"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "labelling",
        "USER": "labelling_app",
        # ruleid: MLS207
        "PASSWORD": "pg-L4b3ll1ng-2024!",
        "HOST": "db.internal",
        "PORT": "5432",
    },
    "replica": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "labelling",
        "USER": "readonly",
        # ok: MLS207
        "PASSWORD": os.environ.get("REPLICA_PASSWORD", ""),
        "HOST": "replica.internal",
    },
}

# ok: MLS207
AUTH_PASSWORD_VALIDATORS = [{"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"}]
# ok: MLS207
PASSWORD_RESET_TIMEOUT = 259200
# ok: MLS207
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.mailgun.org"
# ok: MLS406
EMAIL_HOST_USER = "postmaster@mg.label.internal"
# ruleid: MLS207
EMAIL_HOST_PASSWORD = "5f1c2b9e8d7a6c5b4a3f2e1d0c9b8a7f-1b2c3d4e-5f6a7b8c"

# ruleid: MLS205
AWS_ACCESS_KEY_ID = "AKIA2IJB4LAJLJ6HDU6G"
# ruleid: MLS205
AWS_SECRET_ACCESS_KEY = "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"
AWS_STORAGE_BUCKET_NAME = "label-media"

# ok: MLS207
SESSION_COOKIE_NAME = "label_session"
# ok: MLS207
CSRF_COOKIE_SECURE = True
# ok: MLS207
SECRET_KEY_FALLBACKS = [os.environ["OLD_SECRET_KEY"]] if "OLD_SECRET_KEY" in os.environ else []

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
# ruleid: MLS207
# ok: MLS406
CELERY_RESULT_BACKEND = "redis://:r3d1sPa55w0rdXy@cache.internal:6379/1"
# ok: MLS207
CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:6379"}}
