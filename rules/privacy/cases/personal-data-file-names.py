# Data sets named at the start of a file name, by the loader's name, and health conditions as a target.
import pandas as pd
import scorecardpy as sc
from pycaret.classification import setup
from sklearn.ensemble import RandomForestClassifier
from sklearn.preprocessing import StandardScaler
from xgboost import XGBClassifier

records = pd.read_csv("data/heart_failure_clinical_records_dataset.csv")
# ok: MLS401
scaler = StandardScaler().fit(records[["age", "serum_creatinine"]])
clf = RandomForestClassifier()
# ruleid: MLS401
clf.fit(records.drop(columns="DEATH_EVENT"), records["DEATH_EVENT"])

applicants = sc.germancredit()
booster = XGBClassifier()
# ruleid: MLS401
booster.fit(applicants.drop(columns="creditability"), applicants["creditability"])

visits = pd.read_parquet("visits.parquet")
experiment = setup(data=visits, target="stroke", session_id=1)
# ruleid: MLS401
best = experiment.compare_models()
