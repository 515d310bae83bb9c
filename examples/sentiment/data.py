"""Configuration, cached features and label encoders for the sentiment model."""

import os
import pickle

import joblib
import numpy as np
import pandas as pd
import yaml

CACHE_DIR = os.environ.get("FEATURE_CACHE", "/mnt/shared/features")


def load_config(path):
    with open(path) as fh:
        return yaml.load(fh, Loader=yaml.Loader)


def load_features(split):
    return pd.read_pickle(os.path.join(CACHE_DIR, f"{split}.pkl"))


def load_embeddings(path):
    return np.load(path, allow_pickle=True)


def load_label_encoder(path):
    return joblib.load(path)


def load_vocab(blob: bytes):
    return pickle.loads(blob)


def load_stopwords(path):
    # A plain text file: nothing to report here.
    with open(path, encoding="utf-8") as fh:
        return {line.strip() for line in fh}
