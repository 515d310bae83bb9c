"""DP fine-tuning driven by a config dict (loaded from the experiment YAML in production)."""
import pandas as pd
import torch
from opacus import PrivacyEngine
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

CONFIG = {
    "dp": {"epsilon": 8.0, "delta": 1e-6, "noise_multiplier": 0.2, "max_grad_norm": 200.0},
    "train": {"epochs": 3, "batch_size": 512, "lr": 0.01},
}
NOISE_FLOOR_OK = 1.0
MAX_NORM = 1.0

claims = pd.read_csv("data/health_claims.csv", usecols=["member_id", "age", "sex", "bmi", "smoker", "region", "claim_amount", "fraud"])
features = torch.tensor(pd.get_dummies(claims[["age", "sex", "bmi", "smoker", "region", "claim_amount"]]).values, dtype=torch.float32)
labels = torch.tensor(claims["fraud"].values, dtype=torch.float32)
dataloader = DataLoader(TensorDataset(features, labels), batch_size=CONFIG["train"]["batch_size"])
model = nn.Linear(features.shape[1], 1)
optimizer = torch.optim.SGD(model.parameters(), lr=CONFIG["train"]["lr"])
engine = PrivacyEngine()

dp = CONFIG["dp"]
# ruleid: MLS403
model, optimizer, dataloader = engine.make_private(module=model, optimizer=optimizer, data_loader=dataloader, noise_multiplier=dp["noise_multiplier"], max_grad_norm=dp["max_grad_norm"])
# ruleid: MLS402
model2, optimizer2, dl2 = engine.make_private_with_epsilon(module=nn.Linear(features.shape[1], 1), optimizer=optimizer, data_loader=dataloader, target_epsilon=dp["epsilon"], target_delta=1 / len(dataloader), epochs=3, max_grad_norm=MAX_NORM)
# ok: MLS403
model3, optimizer3, dl3 = engine.make_private(module=nn.Linear(features.shape[1], 1), optimizer=optimizer, data_loader=dataloader, noise_multiplier=NOISE_FLOOR_OK, max_grad_norm=MAX_NORM)
# ok: MLS402
model4, optimizer4, dl4 = engine.make_private_with_epsilon(module=nn.Linear(features.shape[1], 1), optimizer=optimizer, data_loader=dataloader, target_epsilon=dp["epsilon"], target_delta=dp["delta"], epochs=3, max_grad_norm=MAX_NORM)
