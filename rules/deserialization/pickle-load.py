import io
import pickle
import pickle as pkl
import _pickle
import dill
import cloudpickle
from pickle import loads as from_bytes
from pickle import Unpickler

import requests


def from_hub(url):
    data = requests.get(url).content
    # ruleid: MLS101
    return pickle.loads(data)


def aliased(blob):
    # ruleid: MLS101
    a = pkl.loads(blob)
    # ruleid: MLS101
    b = from_bytes(blob)
    # ruleid: MLS101
    c = _pickle.loads(blob)
    # ruleid: MLS101
    d = dill.loads(blob)
    # ruleid: MLS101
    e = cloudpickle.loads(blob)
    return a, b, c, d, e


def stream(fh):
    # ruleid: MLS101
    return Unpickler(fh).load()


def multi_line(buffer):
    # ruleid: MLS101
    return pickle.load(
        io.BytesIO(buffer),
    )


def with_local_file():
    with open("cache/features.pkl", "rb") as f:
        # ruleid: MLS101
        return pickle.load(f)


def shadowed(pickle):
    # ok: MLS101
    return pickle.loads(b"data")


def dumps_is_fine(obj):
    # ok: MLS101
    return pickle.dumps(obj)


class RestrictedUnpickler(Unpickler):
    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed")


def restricted(fh):
    # ok: MLS101
    return RestrictedUnpickler(fh).load()


def star_import(blob):
    from dill import *

    # ruleid: MLS101
    return loads(blob)


EMPTY_STATE = b"\x80\x04}\x94."


def literal_bytes():
    # ok: MLS101
    return pickle.loads(b"\x80\x04K\x01.")


def constant_bytes():
    # ok: MLS101
    return pickle.loads(EMPTY_STATE)


def received_bytes(sock):
    # ruleid: MLS101
    return pickle.loads(sock.recv(4096))
