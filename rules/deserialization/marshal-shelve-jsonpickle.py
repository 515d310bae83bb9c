import json
import marshal
import shelve
import jsonpickle
import jsonpickle.unpickler
from jsonpickle import decode
from jsonpickle.unpickler import Unpickler


def bytecode(blob):
    # ruleid: MLS107
    return marshal.loads(blob)


def shelf(path):
    # ruleid: MLS107
    with shelve.open(path) as db:
        return dict(db)


def decoded(body):
    # ruleid: MLS107
    return jsonpickle.decode(body)


def imported(body):
    # ruleid: MLS107
    return decode(body)


def multi_line(path):
    # ruleid: MLS107
    return shelve.open(
        path,
        flag="r",
    )


def encode(obj):
    # ok: MLS107
    return jsonpickle.encode(obj)


def dump(code):
    # ok: MLS107
    return marshal.dumps(code)


def restore_decoded(payload):
    # ruleid: MLS107
    return Unpickler().restore(json.loads(payload))


def restore_with_instance(obj):
    unpickler = jsonpickle.unpickler.Unpickler()
    # ruleid: MLS107
    return unpickler.restore(obj)


def decode_literal():
    # ok: MLS107
    return jsonpickle.decode('{"py/tuple": [1, 2]}')


def marshal_literal():
    # ok: MLS107
    return marshal.loads(b"\xe9\x01\x00\x00\x00")
