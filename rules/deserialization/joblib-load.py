import joblib
from joblib import load as load_model
from sklearn.externals import joblib as old_joblib

import huggingface_hub


def from_hub(repo):
    path = huggingface_hub.hf_hub_download(repo, "model.joblib")
    # ruleid: MLS105
    return joblib.load(path)


def aliased(path):
    # ruleid: MLS105
    return load_model(path)


def old_path(path):
    # ruleid: MLS105
    return old_joblib.load(path)


def local_literal():
    # ruleid: MLS105
    return joblib.load("models/classifier.joblib")


def multi_line(path):
    # ruleid: MLS105
    return joblib.load(
        path,
        mmap_mode="r",
    )


def dump(model, path):
    # ok: MLS105
    joblib.dump(model, path)


def shadowed(joblib, path):
    # ok: MLS105
    return joblib.load(path)
