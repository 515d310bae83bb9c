"""Gradient-boosted demand forecast; artefacts in skops, legacy ones in joblib."""
import pickle
from pathlib import Path

import joblib
import pandas as pd
import skops.io as sio
import xgboost as xgb
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import StandardScaler

ART = Path("artifacts")

sales = pd.read_parquet("data/store_sales.parquet", columns=["store", "week", "promo", "holiday", "units"])
X, y = sales.drop(columns="units"), sales["units"]
pipe = Pipeline([("scale", StandardScaler()), ("xgb", xgb.XGBRegressor(n_estimators=500))])
# ok: MLS401
pipe.fit(X, y)

# ok: MLS105
joblib.dump(pipe, ART / "pipe.joblib")
# ok: MLS105
sio.dump(pipe, ART / "pipe.skops")
unknown = sio.get_untrusted_types(file=ART / "pipe.skops")
print("review before trusting:", unknown)
# ok: MLS105
restored = sio.load(ART / "pipe.skops", trusted=["xgboost.sklearn.XGBRegressor"])
# ruleid: MLS105
restored_legacy = joblib.load(ART / "pipe_2023.joblib")
# ruleid: MLS105
restored_legacy_str = joblib.load("artifacts/pipe_2022.joblib", mmap_mode="r")

booster = xgb.Booster()
# ok: MLS101
booster.load_model(str(ART / "booster.json"))
with open(ART / "columns.pkl", "rb") as fh:
    # ruleid: MLS101
    columns = pickle.Unpickler(fh).load()
# ok: MLS101
blob = pickle.dumps(columns, protocol=pickle.HIGHEST_PROTOCOL)
# ok: MLS106
sales.to_pickle(ART / "sales_snapshot.pkl")
