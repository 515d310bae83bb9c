import functools
import os
from unittest import mock

import torch
import transformers

ENV_NAME = "TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"

# ruleid: MLS111
os.environ["TORCH_FORCE_NO_WEIGHTS_ONLY_LOAD"] = "1"
# ruleid: MLS111
os.environ.setdefault(ENV_NAME, "true")
# ruleid: MLS111
torch.load = functools.partial(torch.load, weights_only=False)
# ruleid: MLS111
transformers.modeling_utils.check_torch_load_is_safe = lambda: None


def patched(path):
    # ruleid: MLS111
    with mock.patch("transformers.modeling_utils.check_torch_load_is_safe"):
        return transformers.AutoModel.from_pretrained(path)


def fallback(path):
    try:
        return torch.load(path, weights_only=True)
    except Exception:
        # ruleid: MLS111
        return torch.load(path, weights_only=False)


def retry_safely(path):
    try:
        return torch.load(path, weights_only=True)
    except RuntimeError:
        # ok: MLS111
        return torch.load(path + ".bak", weights_only=True)


# ok: MLS111
os.environ["TORCH_FORCE_WEIGHTS_ONLY_LOAD"] = "1"
# ok: MLS111
torch.serialization.add_safe_globals([dict])
