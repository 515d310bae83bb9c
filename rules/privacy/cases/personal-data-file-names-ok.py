# Names that only look like a data set about people: a word that starts like one, a generic loader.
import pandas as pd
import wandb
from pycaret.regression import setup
from sklearn.ensemble import RandomForestClassifier
from sklearn.linear_model import Ridge

timber = pd.read_csv("heartwood_density.csv")
clf = RandomForestClassifier()
# ok: MLS401
clf.fit(timber.drop(columns="grade"), timber["grade"])
# Raw rows of a frame read from a file are still raw rows (MLS405), whoever they describe.
# ruleid: MLS405
wandb.log({"timber": wandb.Table(dataframe=timber)})


def load_data():
    return pd.read_csv("sensor_readings.csv")


readings = load_data()
reg = Ridge()
# ok: MLS401
reg.fit(readings[["temperature", "pressure"]], readings["yield"])

wines = pd.read_csv("winequality-red.csv", sep=";")
experiment = setup(data=wines, target="quality", session_id=1)
# ok: MLS401
best = experiment.compare_models()
