"""Fairness audit of the loan-approval model on the German credit data."""
import pandas as pd
from fairlearn.metrics import MetricFrame, selection_rate
from fairlearn.postprocessing import ThresholdOptimizer
from fairlearn.reductions import DemographicParity, ExponentiatedGradient
from sklearn.datasets import fetch_openml
from sklearn.linear_model import LogisticRegression
from sklearn.tree import DecisionTreeClassifier

credit = fetch_openml("credit-g", version=1, as_frame=True)
X = pd.get_dummies(credit.data)
y = (credit.target == "good").astype(int)
sex = credit.data["personal_status"].str.contains("female").map({True: "female", False: "male"})
age_group = pd.cut(credit.data["age"], [0, 25, 120], labels=["young", "old"])

base = LogisticRegression(max_iter=2000)
# ruleid: MLS401
base.fit(X, y)
mitigator = ExponentiatedGradient(DecisionTreeClassifier(max_depth=4), constraints=DemographicParity())
# ruleid: MLS401
mitigator.fit(X, y, sensitive_features=sex)
post = ThresholdOptimizer(estimator=base, constraint="demographic_parity", prefit=True)
# ruleid: MLS401
post.fit(X, y, sensitive_features=age_group)
# ok: MLS401
frame = MetricFrame(metrics=selection_rate, y_true=y, y_pred=base.predict(X), sensitive_features=sex)
print(frame.by_group)
