import functools
from functools import partial
import torch
import torch as t
from torch import load
from torch.serialization import load as serialization_load

FULL_PICKLE = False
SAFE = True


def from_checkpoint(path):
    # ruleid: MLS102
    return torch.load(path, weights_only=True)


def explicit_false(path):
    # ruleid: MLS102
    return torch.load(path, map_location="cpu", weights_only=True)


def constant_false(path):
    # ruleid: MLS102
    return t.load(path, weights_only=True)


def aliased_names(path):
    # ruleid: MLS102
    a = load(path, weights_only=True)
    # ruleid: MLS102
    b = serialization_load(path, weights_only=True)
    return a, b


def multi_line(path, device):
    # ruleid: MLS102
    return torch.load(
        path,
        map_location=device, weights_only=True,
    )


def from_kwargs(path, **kwargs):
    # ruleid: MLS102
    return torch.load(path, **kwargs)


def unknown_flag(path, trusted):
    # ruleid: MLS102
    return torch.load(path, weights_only=trusted)


def custom_pickle(path):
    import dill

    # ruleid: MLS102
    return torch.load(path, pickle_module=dill)


def dict_splat(path):
    # ruleid: MLS102
    return torch.load(path, **{"weights_only": True})


def safe(path):
    # ok: MLS102
    return torch.load(path, weights_only=True)


def safe_constant(path):
    # ok: MLS102
    return torch.load(path, weights_only=SAFE)


def safe_splat(path):
    # ok: MLS102
    return torch.load(path, **{"weights_only": True})


def shadowed(torch, path):
    # ok: MLS102
    return torch.load(path)


def not_torch(path):
    import json

    # ok: MLS102
    return json.load(open(path))


LOAD_KWARGS = {"map_location": "cpu", "weights_only": True}
FULL_PICKLE = dict(map_location="cpu", weights_only=False)


def kwargs_constant(path):
    # ok: MLS102
    return torch.load(path, **LOAD_KWARGS)


def kwargs_constant_false(path):
    # ruleid: MLS102
    return torch.load(path, **FULL_PICKLE)


def kwargs_local(path):
    options = {"weights_only": True}
    # ok: MLS102
    return torch.load(path, **options)


# ruleid: MLS102
load_on_cpu = partial(torch.load, map_location="cpu", weights_only=True)
# ruleid: MLS102
load_full = functools.partial(t.load, weights_only=True)
# ok: MLS102
load_weights = partial(torch.load, map_location="cpu", weights_only=True)
# ok: MLS102
log = partial(print, "loaded")


def load_checkpoint(path, weights_only=True):
    # ok: MLS102
    return torch.load(path, weights_only=weights_only)


def load_pickled(path, weights_only: bool = False):
    # ruleid: MLS102
    return torch.load(path, weights_only=weights_only)


def load_as_asked(path, weights_only):
    # ruleid: MLS102
    return torch.load(path, weights_only=weights_only)
