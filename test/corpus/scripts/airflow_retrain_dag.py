"""Weekly retraining DAG: pull features, train, push the model to the registry."""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.hooks.base import BaseHook
from airflow.models import Variable
from airflow.operators.python import PythonOperator
from airflow.providers.postgres.hooks.postgres import PostgresHook

default_args = {
    "owner": "ml-platform",
    "retries": 2,
    "retry_delay": timedelta(minutes=10),
    # ok: MLS406
    "email": ["ml-oncall@example.com"],
}

# ok: MLS207
REGISTRY_TOKEN = Variable.get("model_registry_token")
# ok: MLS207
conn = BaseHook.get_connection("feature_store")
# ruleid: MLS207
# ok: MLS406
FALLBACK_DSN = "postgresql://airflow:Airfl0w-f3at-99@features.internal:5432/features"
# ruleid: MLS207
MLFLOW_TRACKING_PASSWORD = "mlfl0w-Tr4ck-77x"
# ok: MLS207
MLFLOW_TRACKING_USERNAME = "airflow"


def pull_features(**ctx):
    hook = PostgresHook(postgres_conn_id="feature_store")
    return hook.get_pandas_df("SELECT * FROM weekly_features").to_json()


def push_model(**ctx):
    import requests

    # ruleid: MLS207
    requests.post("https://registry.internal/api/models", headers={"Authorization": "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhaXJmbG93In0.Yk3v9Qm2Lr8Tz4Wx6Nb1Pc5Dg7Fh0Jk"}, timeout=30)
    # ok: MLS207
    requests.post("https://registry.internal/api/models", headers={"Authorization": f"Bearer {REGISTRY_TOKEN}"}, timeout=30)


def notify(token: str = "x0x0-n0t1fy-T0k3n-8812"):
    # ok: MLS207
    return token


with DAG("weekly_retrain", start_date=datetime(2024, 1, 1), schedule="@weekly", default_args=default_args, catchup=False) as dag:
    PythonOperator(task_id="pull", python_callable=pull_features) >> PythonOperator(task_id="push", python_callable=push_model)
