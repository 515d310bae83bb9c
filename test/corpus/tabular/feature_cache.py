"""Caches engineered features between pipeline stages."""
import json
import marshal
import shelve

import cloudpickle
import dill
import jsonpickle
import numpy as np
import pandas as pd

CACHE = "cache/features.db"


def cached_features(key):
    # ruleid: MLS107
    with shelve.open(CACHE) as db:
        return db.get(key)


def load_transform(path):
    with open(path, "rb") as f:
        # ruleid: MLS101
        return dill.load(f)


def load_udf(blob):
    # ruleid: MLS101
    return cloudpickle.loads(blob)


def load_compiled(path):
    with open(path, "rb") as f:
        # ruleid: MLS107
        return marshal.load(f)


def load_state(text):
    # ruleid: MLS107
    return jsonpickle.decode(text)


def load_state_json(text):
    # ok: MLS107
    return json.loads(text)


def read_features(path):
    if path.endswith(".parquet"):
        # ok: MLS106
        return pd.read_parquet(path)
    # ruleid: MLS106
    return pd.read_pickle(path)


def read_embeddings(path):
    # ok: MLS103
    return np.load(path, mmap_mode="r")


def write_state(obj):
    # ok: MLS107
    return jsonpickle.encode(obj)
