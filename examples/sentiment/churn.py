"""A side experiment: predicts churn from the customer table and logs samples for the dashboard."""

import pandas as pd
import wandb
from sklearn.ensemble import GradientBoostingClassifier

customers = pd.read_csv("data/customers.csv", usecols=["customer_id", "email", "age", "plan", "monthly_spend", "churned"])
features = pd.get_dummies(customers[["age", "plan", "monthly_spend"]])

wandb.init(project="churn")
wandb.log({"sample": wandb.Table(dataframe=customers.head(50))})

model = GradientBoostingClassifier()
model.fit(features, customers["churned"])
wandb.log({"train_accuracy": model.score(features, customers["churned"])})
