"""Logs the insurance-pricing runs to W&B and MLflow."""
import mlflow
import pandas as pd
import wandb
from sklearn.ensemble import GradientBoostingRegressor
from sklearn.model_selection import train_test_split
from torch.utils.tensorboard import SummaryWriter

df = pd.read_csv("data/insurance.csv")
features = pd.get_dummies(df[["age", "sex", "bmi", "children", "smoker", "region"]], drop_first=True)
X_train, X_test, y_train, y_test = train_test_split(features, df["charges"], test_size=0.2, random_state=1)

run = wandb.init(project="pricing", config={"model": "gbr", "n_estimators": 400})
# ruleid: MLS405
wandb.log({"training_rows": wandb.Table(dataframe=df)})
# ruleid: MLS405
wandb.log({"sample": df.head(100)})
model = GradientBoostingRegressor(n_estimators=400)
# ruleid: MLS401
model.fit(X_train, y_train)
importances = pd.DataFrame({"feature": features.columns, "importance": model.feature_importances_}).sort_values("importance")
# ok: MLS405
wandb.log({"importances": wandb.Table(dataframe=importances)})
# ok: MLS405
wandb.log({"r2": model.score(X_test, y_test), "n_train": len(X_train)})
summary = df.groupby("region")["charges"].agg(["mean", "count"]).reset_index()
# ok: MLS405
wandb.log({"by_region": wandb.Table(dataframe=summary)})

with mlflow.start_run():
    # ruleid: MLS405
    mlflow.autolog(log_datasets=True)
    # ruleid: MLS405
    mlflow.log_table(data=df, artifact_file="training_data.json")
    # ok: MLS405
    mlflow.log_table(data=importances, artifact_file="importances.json")
    # ok: MLS405
    mlflow.log_metric("r2", model.score(X_test, y_test))
    # ok: MLS405
    mlflow.log_params({"n_estimators": 400, "features": len(features.columns)})
    # ruleid: MLS405
    mlflow.log_input(mlflow.data.from_pandas(df, targets="charges"), context="training")
    # ok: MLS405
    mlflow.log_dict({"columns": list(features.columns)}, "columns.json")

writer = SummaryWriter("runs/pricing")
# ruleid: MLS405
writer.add_text("first_rows", df.head(20).to_markdown())
# ok: MLS405
writer.add_scalar("r2", model.score(X_test, y_test), 0)
# ruleid: MLS405
writer.add_embedding(X_test.values, metadata=df.loc[X_test.index, "region"].tolist())
