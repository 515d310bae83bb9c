import marshal
import shelve
import jsonpickle
from jsonpickle import decode


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
