import os

from huggingface_hub import HfApi, login
from transformers import AutoModel

# ruleid: MLS201
HF_TOKEN = os.environ["HF_TOKEN"]

# ok: MLS201
PLACEHOLDER = "hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
# ok: MLS201
FROM_ENV = os.environ.get("HF_TOKEN")


def keyword():
    # ruleid: MLS201
    login(token=os.environ["HF_TOKEN"])


def in_dict():
    # ruleid: MLS201
    return {"token": os.environ["HF_TOKEN"], "repo": "org/model"}


def in_fstring(repo):
    # ruleid: MLS201
    return f"https://user: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@huggingface.co/{repo}"


def concatenated():
    # ruleid: MLS201
    return HfApi(token=os.environ["HF_TOKEN"])


def as_bytes():
    # ruleid: MLS201
    return os.environ["HF_TOKEN"].encode()


def docstring():
    """Loads the model.

    # ruleid: MLS201
    Token for the private mirror: hf_gGxJCbUUrt93l4BczNvltFhjG9yO7uRQz3
    """


def comment():
    # ruleid: MLS201
    # token = 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
    return AutoModel.from_pretrained("org/private", token=os.environ["HF_TOKEN"])


def placeholders():
    # ok: MLS201
    a = "hf_YOUR_TOKEN_HERE_aaaaaaaaaaaaaaaaaaaaa"
    # ok: MLS201
    b = "<hf_token>"
    # ok: MLS201
    c = "hf_abcdefghijklmnopqrstuvwxyzabcdefgh"
    return a, b, c
