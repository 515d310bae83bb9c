# A model trained only on synthetic data is not reported, even in a file that loads personal data.
import pandas as pd
from sklearn.datasets import load_diabetes, make_regression
from sklearn.linear_model import Ridge

patients = pd.read_csv("heart.csv", usecols=["age", "sex", "cholesterol", "target"])
X, y = make_regression(n_samples=200, n_features=3, noise=0.1, random_state=0)
# ok: MLS401
Ridge().fit(X, y)
bunch = load_diabetes()
# ok: MLS401
Ridge().fit(bunch.data, bunch.target)
# ruleid: MLS401
Ridge().fit(patients[["age", "cholesterol"]], patients["target"])
