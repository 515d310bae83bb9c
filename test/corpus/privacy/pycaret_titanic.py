"""AutoML comparison on the Titanic passenger list."""
import pandas as pd
from pycaret.classification import compare_models, create_model, finalize_model, predict_model, setup

passengers = pd.read_csv("data/titanic.csv", usecols=["Survived", "Pclass", "Name", "Sex", "Age", "SibSp", "Parch", "Fare", "Embarked"])
exp = setup(data=passengers.drop(columns="Name"), target="Survived", session_id=7, verbose=False)
# ruleid: MLS401
best = compare_models(n_select=1)
# ruleid: MLS401
rf = create_model("rf")
final = finalize_model(best)
# ok: MLS401
preds = predict_model(final, data=passengers.sample(5, random_state=0))
