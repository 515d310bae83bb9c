"""Throughput benchmark of the classifiers on synthetic data (no real records involved)."""
import time

import numpy as np
import torch
import torch.nn as nn
from sklearn.datasets import make_classification, make_regression
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import Ridge

X, y = make_classification(n_samples=20000, n_features=40, random_state=0)
clf = RandomForestClassifier(n_estimators=100, n_jobs=-1)
t0 = time.perf_counter()
# ok: MLS401
clf.fit(X, y)
print("rf fit", time.perf_counter() - t0)

Xr, yr = make_regression(n_samples=5000, n_features=10, noise=0.1)
# ok: MLS401
Ridge(alpha=1.0).fit(Xr, yr)

toy = np.array([[1.0, 2.0], [2.0, 1.0], [3.0, 4.0], [4.0, 3.0]])
labels = np.array([0, 0, 1, 1])
# ok: MLS401
RandomForestClassifier(n_estimators=10).fit(toy, labels)

net = nn.Sequential(nn.Linear(40, 64), nn.ReLU(), nn.Linear(64, 2))
opt = torch.optim.SGD(net.parameters(), lr=0.1)
xt, yt = torch.randn(4096, 40), torch.randint(0, 2, (4096,))
for _ in range(10):
    opt.zero_grad()
    nn.functional.cross_entropy(net(xt), yt).backward()
    # ok: MLS401
    opt.step()
