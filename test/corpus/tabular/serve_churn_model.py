"""Flask service scoring churn risk with the model the nightly job exports."""
import base64
import pickle

import joblib
import pandas as pd
from flask import Flask, jsonify, request

app = Flask(__name__)
# ruleid: MLS105
model = joblib.load("models/churn_rf.joblib")
# ruleid: MLS106
feature_frame = pd.read_pickle("models/feature_template.pkl")


@app.route("/predict", methods=["POST"])
def predict():
    rows = pd.DataFrame(request.json["rows"])
    # ok: MLS105
    proba = model.predict_proba(rows[feature_frame.columns])[:, 1]
    return jsonify(churn=proba.tolist())


@app.route("/predict-batch", methods=["POST"])
def predict_batch():
    # Clients send a pickled DataFrame, base64-encoded.
    payload = base64.b64decode(request.data)
    # ruleid: MLS101
    frame = pickle.loads(payload)
    return jsonify(churn=model.predict_proba(frame)[:, 1].tolist())


@app.route("/reload", methods=["POST"])
def reload_model():
    global model
    # ruleid: MLS105
    model = joblib.load(request.args["path"])
    return "ok"


def export(model, path):
    # ok: MLS105
    joblib.dump(model, path, compress=3)
    # ok: MLS106
    feature_frame.to_pickle("models/feature_template.pkl")


if __name__ == "__main__":
    app.run(host="127.0.0.1", port=8080)
