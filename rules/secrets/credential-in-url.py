import os

import pymongo
import pyodbc
import redis
from sqlalchemy import create_engine

# ruleid: MLS209
engine = create_engine("postgresql+psycopg2://ml:Tr41n-d4ta-2024x@db.internal:5432/features")
# ruleid: MLS209
DATABASE_URL = "mysql://etl:My5ql-Pa55word@10.0.0.7/warehouse"
# ruleid: MLS209
client = pymongo.MongoClient("mongodb+srv://admin:M0ng0-Atlas-Pw@cluster0.abcde.mongodb.net/?retryWrites=true")
# ruleid: MLS209
cache = redis.Redis.from_url("redis://:R3dis-Cache-Pw@cache.internal:6379/0")
# ruleid: MLS209
BROKER_URL = "amqp://celery:Rabb1t-Queue-Pw@mq.internal:5672//"
# ruleid: MLS209
MLFLOW_TRACKING_URI = "https://tracker:Mlfl0w-Track-Pw@mlflow.internal"
# ruleid: MLS209
conn = pyodbc.connect("Driver={ODBC Driver 18};Server=sql.internal;Uid=ml;Pwd=Odbc-Conn-Pw1;")
# ruleid: MLS209
dsn = "host=db.internal user=ml password=LibPq-Pa55-w0rd dbname=features"
# ruleid: MLS209
uri = "postgresql://ml:p%40ss-w0rd-enc@db.internal/features"
# ruleid: MLS209
mirrors = ["https://download.internal/a", "http://svc:Http-Mirror-Pw@mirror.internal/simple"]
# ruleid: MLS209
REDIS_URL = "rediss://default:Tw6ILWm45CnQ36Iu+9HeGkmLuN=@cache.internal:10000"
# ruleid: MLS209
BROKER = "amqp://worker:guest@mq.internal/vhost"
# ruleid: MLS209
url = ("postgresql://ml:Split-Across-Pw"
       "@db.internal/features")

# ok: MLS209
placeholder = create_engine("postgresql://user:password@localhost/db")
# ok: MLS209
masked = "postgresql://ml:****@db.internal/features"
# ok: MLS209
templated = "postgresql://ml:${DB_PASS}@db.internal/features"
# ok: MLS209
formatted = "postgresql://{user}:{password}@{host}/features"
# ok: MLS209
interpolated = f"postgresql://ml:{os.environ['PGPASSWORD']}@db.internal/features"
# ok: MLS209
printf = "postgresql://%s:%s@%s/features"
# ok: MLS209
local = "postgresql://postgres:postgres@localhost:5432/test"
# ok: MLS209
docs = "https://alice:hunter2-docs@example.com/private"
# ok: MLS209
no_password = "postgresql://ml@db.internal/features"
# ok: MLS209
email = "mailto:ml-team@internal.org"
# ok: MLS209
ssh = "git@github.com:org/repo.git"
# ok: MLS209
plain = "https://db.internal:5432/features"
# ok: MLS209
prose = "Set the password= option in the config file"
# ok: MLS209
ports = "https://host:8080/path@v2"
# ok: MLS209
empty = "redis://:@cache.internal:6379/0"
# ok: MLS209
env_dsn = "host=db.internal user=ml password=$PGPASSWORD dbname=features"
# ok: MLS209
rabbit = "amqp://guest:guest@localhost:5672//"
# ok: MLS209
guest_only = "amqp://guest@localhost//"
