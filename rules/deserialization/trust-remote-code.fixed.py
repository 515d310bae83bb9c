import os

import transformers
from datasets import load_dataset
from transformers import AutoConfig, AutoModelForCausalLM, pipeline
from vllm import LLM

TRUST = True
PINNED = "4b8a2bb51f6b5bba4e3e9e5c2a8d9e1f0a1b2c3d"


def model(name):
    # ruleid: MLS108
    return AutoModelForCausalLM.from_pretrained(name, trust_remote_code=False)


def constant(name):
    # ruleid: MLS108
    return AutoConfig.from_pretrained(name, trust_remote_code=False)


def generator(name):
    # ruleid: MLS108
    return pipeline("text-generation", model=name, trust_remote_code=False)


def dataset(name):
    # ruleid: MLS108
    return load_dataset(name, trust_remote_code=False)


def serving(name):
    # ruleid: MLS108
    return LLM(model=name, trust_remote_code=False)


def multi_line(name):
    return transformers.AutoModel.from_pretrained(
        name,
        revision=PINNED,
        # ruleid: MLS108
        trust_remote_code=False,
    )


def unknown(name, trust):
    # ruleid: MLS108
    return AutoModelForCausalLM.from_pretrained(name, trust_remote_code=trust)


def environment():
    # ruleid: MLS108
    os.environ["HF_DATASETS_TRUST_REMOTE_CODE"] = "1"
    # ruleid: MLS108
    os.environ.setdefault("HF_DATASETS_TRUST_REMOTE_CODE", "true")


def off(name):
    # ok: MLS108
    return AutoModelForCausalLM.from_pretrained(name, trust_remote_code=False)


def absent(name):
    # ok: MLS108
    return AutoModelForCausalLM.from_pretrained(name)


def env_off():
    # ok: MLS108
    os.environ["HF_DATASETS_TRUST_REMOTE_CODE"] = "0"


def load_model(name, trust_remote_code=True):
    # ruleid: MLS108
    return AutoModelForCausalLM.from_pretrained(name, trust_remote_code=trust_remote_code)


def load_model_safely(name, trust_remote_code: bool = False):
    # ok: MLS108
    return AutoModelForCausalLM.from_pretrained(name, trust_remote_code=trust_remote_code)
