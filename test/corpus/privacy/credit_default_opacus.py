"""DP-SGD on the Taiwan credit-default data with Opacus."""
import argparse

import pandas as pd
import torch
import torch.nn as nn
from opacus import PrivacyEngine
from opacus.optimizers import DPOptimizer
from torch.utils.data import DataLoader, TensorDataset

parser = argparse.ArgumentParser()
parser.add_argument("--epsilon", type=float, default=50.0)
parser.add_argument("--delta", type=float, default=1e-6)
parser.add_argument("--noise", type=float, default=0.05)
parser.add_argument("--clip", type=float, default=1.0)
parser.add_argument("--epochs", type=int, default=20)
args = parser.parse_args()

df = pd.read_csv("data/default_of_credit_card_clients.csv", usecols=["LIMIT_BAL", "SEX", "EDUCATION", "MARRIAGE", "AGE", "PAY_0", "BILL_AMT1", "default"])
X = torch.tensor(pd.get_dummies(df.drop(columns="default"), columns=["SEX", "EDUCATION", "MARRIAGE"]).values, dtype=torch.float32)
y = torch.tensor(df["default"].values, dtype=torch.float32)
dataset = TensorDataset(X, y)
loader = DataLoader(dataset, batch_size=256, shuffle=True)


def mlp():
    return nn.Sequential(nn.Linear(X.shape[1], 64), nn.ReLU(), nn.Linear(64, 1))


def train_targeted():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ruleid: MLS402
    model, opt, dl = engine.make_private_with_epsilon(module=model, optimizer=opt, data_loader=loader, target_epsilon=args.epsilon, target_delta=args.delta, epochs=args.epochs, max_grad_norm=args.clip)
    return run(model, opt, dl)


def train_sane():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine(secure_mode=True)
    # ok: MLS402
    model, opt, dl = engine.make_private_with_epsilon(module=model, optimizer=opt, data_loader=loader, target_epsilon=3.0, target_delta=1e-6, epochs=args.epochs, max_grad_norm=1.0)
    return run(model, opt, dl)


def train_loose_delta():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ruleid: MLS402
    model, opt, dl = engine.make_private_with_epsilon(module=model, optimizer=opt, data_loader=loader, target_epsilon=2.0, target_delta=1 / len(dataset), epochs=5, max_grad_norm=1.0)
    return run(model, opt, dl)


def train_noise():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ruleid: MLS403
    model, opt, dl = engine.make_private(module=model, optimizer=opt, data_loader=loader, noise_multiplier=args.noise, max_grad_norm=args.clip)
    return run(model, opt, dl)


def train_noise_ok():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ok: MLS403
    model, opt, dl = engine.make_private(module=model, optimizer=opt, data_loader=loader, noise_multiplier=1.1, max_grad_norm=1.0)
    return run(model, opt, dl)


def train_unclipped():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ruleid: MLS403
    model, opt, dl = engine.make_private(module=model, optimizer=opt, data_loader=loader, noise_multiplier=1.0, max_grad_norm=1000.0)
    return run(model, opt, dl)


def train_no_poisson():
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.05)
    engine = PrivacyEngine()
    # ruleid: MLS404
    model, opt, dl = engine.make_private(module=model, optimizer=opt, data_loader=loader, noise_multiplier=1.0, max_grad_norm=1.0, poisson_sampling=False)
    return run(model, opt, dl)


def train_direct_optimizer():
    model = mlp()
    # ruleid: MLS403
    opt = DPOptimizer(torch.optim.SGD(model.parameters(), lr=0.05), noise_multiplier=0.0, max_grad_norm=1.0, expected_batch_size=256)
    return run(model, opt, loader)


def train_direct_optimizer_ok():
    model = mlp()
    # ok: MLS403
    opt = DPOptimizer(torch.optim.SGD(model.parameters(), lr=0.05), noise_multiplier=1.3, max_grad_norm=1.0, expected_batch_size=256)
    return run(model, opt, loader)


def run(model, opt, dl):
    loss_fn = nn.BCEWithLogitsLoss()
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=5)
    for _ in range(args.epochs):
        for xb, yb in dl:
            opt.zero_grad()
            loss_fn(model(xb).squeeze(1), yb).backward()
            # ok: MLS401
            opt.step()
        # ok: MLS401
        sched.step()
    return model


def train_plain():
    # The non-private baseline for the paper's table 2.
    model = mlp()
    opt = torch.optim.Adam(model.parameters())
    for xb, yb in loader:
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(model(xb).squeeze(1), yb).backward()
        # ruleid: MLS401
        opt.step()


if __name__ == "__main__":
    train_targeted()
