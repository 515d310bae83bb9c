# PyCaret trains in compare_models() / create_model() on the data given to setup().
import pandas as pd
from pycaret.regression import compare_models, create_model, setup

policies = pd.read_csv("data/insurance.csv")
# ok: MLS401
setup(data=policies, target="charges", session_id=1)
# ruleid: MLS401
best = compare_models()
# ruleid: MLS401
tuned = create_model("lr")
