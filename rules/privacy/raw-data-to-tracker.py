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
