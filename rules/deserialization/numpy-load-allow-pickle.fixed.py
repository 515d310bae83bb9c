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
