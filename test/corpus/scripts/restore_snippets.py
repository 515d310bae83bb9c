# Pasted from the team wiki: how to restore the artefacts the old pipeline wrote.
# (The imports live in the pipeline's __init__, which is not part of this file.)


def restore_vectorizer(blob):
    # ruleid: MLS101
    return pickle.loads(blob)


def restore_stats(path):
    with open(path, "rb") as f:
        # ruleid: MLS101
        return cPickle.load(f)


def restore_pipeline(path):
    # ruleid: MLS105
    return joblib.load(path)


def restore_config(text):
    # ruleid: MLS104
    return yaml.load(text)


def restore_bytecode(data):
    # ruleid: MLS107
    return marshal.loads(data)


def restore_session(blob):
    # ruleid: MLS101
    return dill.loads(blob)


class Store:
    def __init__(self, backend):
        self.pickle = backend

    def get(self, key):
        # ok: MLS101
        return self.pickle.loads(key)


def json_roundtrip(json, text):
    # ok: MLS101
    return json.loads(text)
