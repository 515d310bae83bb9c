import pandas as pd
import torch
from sklearn.linear_model import LogisticRegression
from torch.utils.data import DataLoader, TensorDataset

df = pd.read_csv("customers.csv", usecols=["email", "age", "income", "churned"])
features = torch.tensor(df[["age", "income"]].values, dtype=torch.float32)
labels = torch.tensor(df["churned"].values, dtype=torch.float32)
model = torch.nn.Linear(2, 1)
optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
loader = DataLoader(TensorDataset(features, labels), batch_size=64)
from opacus import PrivacyEngine
privacy_engine = PrivacyEngine()
model, optimizer, loader = privacy_engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=1.0, max_grad_norm=1.0)

for epoch in range(3):
    for x, y in loader:
        optimizer.zero_grad()
        loss = torch.nn.functional.binary_cross_entropy_with_logits(model(x).squeeze(), y)
        # ruleid: MLS401
        loss.backward()
        # ok: MLS401
        optimizer.step()


def baseline():
    clf = LogisticRegression()
    # ruleid: MLS401
    clf.fit(df[["age", "income"]], df["churned"])
    return clf
