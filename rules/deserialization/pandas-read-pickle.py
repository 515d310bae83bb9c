import pandas as pd
from pandas import read_pickle

CACHE = "s3://team-bucket/features.pkl"


def remote():
    # ruleid: MLS106
    return pd.read_pickle(CACHE)


def imported(path):
    # ruleid: MLS106
    return read_pickle(path)


def local():
    # ruleid: MLS106
    return pd.read_pickle("cache/features.pkl")


def multi_line(path):
    # ruleid: MLS106
    return pd.read_pickle(
        path,
        compression="gzip",
    )


def parquet(path):
    # ok: MLS106
    return pd.read_parquet(path)


def writing(df, path):
    # ok: MLS106
    df.to_pickle(path)


def shadowed(pd, path):
    # ok: MLS106
    return pd.read_pickle(path)
