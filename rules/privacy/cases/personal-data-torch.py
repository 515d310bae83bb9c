# A PyTorch loop on a titanic passenger frame: loss.backward() and optimizer.step() are training.
import pandas as pd
import torch
from torch.utils.data import DataLoader, TensorDataset

passengers = pd.read_csv("titanic.csv")
tensor = torch.tensor(passengers.select_dtypes("number").values, dtype=torch.float32)
loader = DataLoader(TensorDataset(tensor[:, :-1], tensor[:, -1]), batch_size=32)
net = torch.nn.Linear(5, 1)
optimizer = torch.optim.Adam(net.parameters())
warmup = torch.optim.lr_scheduler.LinearLR(optimizer)
for xb, yb in loader:
    loss = torch.nn.functional.mse_loss(net(xb).squeeze(), yb)
    # ruleid: MLS401
    loss.backward()
    optimizer.step()
# ok: MLS401
warmup.step()
