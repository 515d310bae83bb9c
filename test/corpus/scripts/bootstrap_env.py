"""Installs what a fresh worker needs, then starts the job."""
import subprocess
import sys

import pip

REQUIREMENTS = ["torch==2.4.1", "transformers==4.44.2", "accelerate"]


def install_runtime():
    # ruleid: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "install", "xgboost", "lightgbm==4.5.0"])
    # ok: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "install", "catboost==1.2.5", "shap==0.46.0"])
    # ok: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-r", "requirements-lock.txt"])
    # ruleid: MLS304
    subprocess.run("pip install --upgrade onnxruntime-gpu", shell=True, check=True)


def install_legacy():
    # ruleid: MLS304
    pip.main(["install", "tensorflow-addons"])
    # ok: MLS304
    pip.main(["install", "tensorflow-addons==0.23.0"])


def install_pinned_list():
    # ruleid: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "install", *REQUIREMENTS])


def show_versions():
    # ok: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "list"])
    # ok: MLS304
    subprocess.check_call([sys.executable, "-m", "pip", "freeze"])


if __name__ == "__main__":
    install_runtime()
