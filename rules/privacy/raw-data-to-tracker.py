import mlflow
import pandas as pd
import wandb
from torch.utils.tensorboard import SummaryWriter

patients = pd.read_csv("patients.csv")
writer = SummaryWriter()

# ruleid: MLS405
wandb.log({"samples": wandb.Table(dataframe=patients.head(100))})
# ruleid: MLS405
table = wandb.Table(dataframe=patients)
# ruleid: MLS405
wandb.log({"row": {"email": "x", "score": 0.3}})
# ruleid: MLS405
mlflow.log_table(data=patients, artifact_file="patients.json")
# ruleid: MLS405
mlflow.autolog(log_datasets=True)
# ruleid: MLS405
writer.add_embedding(embeddings, metadata=patients["name"])

# ok: MLS405
wandb.log({"loss": 0.12, "rows": len(patients)})
# ok: MLS405
mlflow.log_dict({"lr": 3e-4, "epochs": 10}, "params.json")
# ok: MLS405
mlflow.autolog()

results = pd.DataFrame({"model": ["rf", "lr"], "auc": [0.91, 0.87]})
summary = patients.describe()
importances = pd.DataFrame({"feature": ["a", "b"], "importance": model.feature_importances_})
contacts = pd.DataFrame({"email": ["a@b.c"], "score": [1]})
# ok: MLS405
wandb.log({"comparison": wandb.Table(dataframe=results)})
# ok: MLS405
mlflow.log_table(data=summary, artifact_file="summary.json")
# ok: MLS405
wandb.log({"importances": wandb.Table(dataframe=importances)})
# ok: MLS405
wandb.log({"by_group": wandb.Table(dataframe=patients.groupby("ward").mean())})
# ruleid: MLS405
wandb.log({"raw": patients})
# ruleid: MLS405
wandb.log({"contacts": wandb.Table(dataframe=contacts)})
# ruleid: MLS405
writer.add_text("sample", patients.head().to_string())

from sklearn.datasets import fetch_openml, load_digits

census = fetch_openml("adult", version=2, as_frame=True)
digits = load_digits(as_frame=True)
# ruleid: MLS405
wandb.log({"census": wandb.Table(dataframe=census.frame.head(50))})
# ok: MLS405
wandb.log({"digits": digits.frame})

iris = pd.read_csv("data/iris.csv")
# ok: MLS405
wandb.log({"iris": wandb.Table(dataframe=iris)})


def load_patients(path):
    return pd.read_csv(path)


def log_sample(path):
    rows = load_patients(path)
    # ruleid: MLS405
    wandb.log({"rows": rows})


import polars as pl

patients = pd.read_csv("patients.csv")
# ruleid: MLS405
mlflow.log_input(mlflow.data.from_pandas(patients), context="training")
# ruleid: MLS405
mlflow.log_input(mlflow.data.from_polars(pl.read_parquet("members.parquet")), context="training")
wrapped = mlflow.data.from_polars(pl.read_parquet("members.parquet"))
# ruleid: MLS405
mlflow.log_input(wrapped, context="training")
# ok: MLS405
mlflow.log_input(mlflow.data.from_pandas(pd.read_csv("iris.csv")), context="training")
# ok: MLS405
mlflow.log_input(mlflow.data.from_pandas(pd.DataFrame({"accuracy": [0.9]})), context="eval")
