# A cell pasted from another notebook, or a module whose imports were cut: the loaders are still
# the well-known modules, named as everyone names them.


def restore(blob, path):
    # ruleid: MLS101
    state = pickle.loads(blob)
    # ruleid: MLS101
    legacy = cPickle.loads(blob)
    # ruleid: MLS101
    fast = _pickle.loads(blob)
    # ruleid: MLS101
    session = dill.loads(blob)
    # ruleid: MLS104
    config = yaml.load(open(path))
    # ruleid: MLS107
    code = marshal.loads(blob)
    # ruleid: MLS105
    model = joblib.load(path)
    # ruleid: MLS102
    weights = torch.load(path)
    # ruleid: MLS103
    arrays = np.load(path, allow_pickle=True)
    # ruleid: MLS106
    frame = pd.read_pickle(path)
    return state, legacy, fast, session, config, code, model, weights, arrays, frame


def parameter_named_pickle(pickle, blob):
    # ok: MLS101
    return pickle.loads(blob)


def local_yaml(text):
    yaml = ConfigReader()
    # ok: MLS104
    return yaml.load(text)


def safe_calls(path, blob):
    # ok: MLS104
    config = yaml.safe_load(open(path))
    # ok: MLS102
    weights = torch.load(path, weights_only=True)
    # ok: MLS103
    arrays = np.load(path)
    # ok: MLS101
    state = pickle.loads(b"\x80\x04K\x01.")
    return config, weights, arrays, state
