# sensitive_features= says the rows are people; fairlearn reductions train a model on them.
import pandas as pd
from fairlearn.reductions import DemographicParity, ExponentiatedGradient
from sklearn.tree import DecisionTreeClassifier

loans = pd.read_parquet("applications.parquet")
features = loans.drop(columns=["approved", "group"])
mitigator = ExponentiatedGradient(DecisionTreeClassifier(), constraints=DemographicParity())
# ruleid: MLS401
mitigator.fit(features, loans["approved"], sensitive_features=loans["group"])
# ok: MLS401
mitigator.predict(features)
