import numpy as np
import numpy
from numpy import load as npload

ALLOW = True


def object_arrays(path):
    # ruleid: MLS103
    return np.load(path, allow_pickle=False)


def constant(path):
    # ruleid: MLS103
    return numpy.load(path, allow_pickle=False)


def positional(path):
    # ruleid: MLS103
    return npload(path, None, False)


def multi_line(path):
    return np.load(
        path,
        mmap_mode="r",
        # ruleid: MLS103
        allow_pickle=False,
    )


def unknown(path, allow):
    # ruleid: MLS103
    return np.load(path, allow_pickle=allow)


def splat(path, **options):
    # ruleid: MLS103
    return np.load(path, **options)


def default(path):
    # ok: MLS103
    return np.load(path)


def explicit_false(path):
    # ok: MLS103
    return np.load(path, allow_pickle=False)


def shadowed(np, path):
    # ok: MLS103
    return np.load(path, allow_pickle=True)


def falsy_constants(path):
    # ok: MLS103
    a = np.load(path, allow_pickle=[])
    # ok: MLS103
    b = np.load(path, allow_pickle=0)
    # ok: MLS103
    c = np.load(path, allow_pickle=None)
    # ok: MLS103
    d = np.load(path, allow_pickle="")
    return a, b, c, d


def truthy_constants(path):
    # ruleid: MLS103
    a = np.load(path, allow_pickle=False)
    # ruleid: MLS103
    b = np.load(path, allow_pickle=False)
    # ruleid: MLS103
    c = np.load(path, allow_pickle=False)
    return a, b, c


SAFE_NPY = {"allow_pickle": False, "mmap_mode": "r"}
UNSAFE_NPY = dict(allow_pickle=True)


def through_kwargs(path):
    # ok: MLS103
    a = np.load(path, **SAFE_NPY)
    # ruleid: MLS103
    b = np.load(path, **UNSAFE_NPY)
    return a, b
