# Columns that are personal attributes, named in get_dummies(columns=...) and a ColumnTransformer.
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import RandomForestRegressor
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from transformers import Trainer

frame = pd.get_dummies(pd.read_csv("visits.csv"), columns=["smoker", "region"])
prep = ColumnTransformer([("cat", OneHotEncoder(), ["sex", "race"])], remainder="passthrough")
pipe = Pipeline([("prep", prep), ("rf", RandomForestRegressor())])
# ok: MLS401
prep.fit(frame)
# ruleid: MLS401
pipe.fit(frame, frame["charges"])
trainer = Trainer(model=None, train_dataset=frame)
# ruleid: MLS401
trainer.train()
