# Where personal data comes from: a census data set named by its loader, and what counts as training.
import numpy as np
import torch
from sklearn.datasets import fetch_openml, make_classification
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GridSearchCV
from sklearn.preprocessing import StandardScaler

census = fetch_openml("adult", version=2, as_frame=True)
X = census.data.select_dtypes("number")
y = (census.target == ">50K") * 1

X_syn, y_syn = make_classification(n_samples=500, n_features=4, random_state=0)
toy = np.array([[1, 2], [3, 4]])
# ok: MLS401
LogisticRegression().fit(X_syn, y_syn)
# ok: MLS401
LogisticRegression().fit(toy, [0, 1])
scaler = StandardScaler()
# ok: MLS401
scaler.fit(X)
model = torch.nn.Linear(4, 1)
scheduler = torch.optim.lr_scheduler.StepLR(torch.optim.SGD(model.parameters(), lr=0.1), step_size=1)
# ok: MLS401
scheduler.step()
# ok: MLS401
model.train()
search = GridSearchCV(LogisticRegression(), {"C": [0.1, 1.0]})
# ruleid: MLS401
search.fit(scaler.transform(X), y)
