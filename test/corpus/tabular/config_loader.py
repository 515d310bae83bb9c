"""Experiment configuration: YAML files merged over the defaults."""
from pathlib import Path

import yaml
from yaml import FullLoader, SafeLoader

DEFAULTS = Path(__file__).with_name("defaults.yaml")


def load_defaults():
    with open(DEFAULTS) as f:
        # ok: MLS104
        return yaml.safe_load(f)


def load_experiment(path):
    with open(path) as f:
        # ruleid: MLS104
        return yaml.load(f, Loader=yaml.Loader)


def load_sweep(path):
    # ruleid: MLS104
    return yaml.load(Path(path).read_text())


def load_many(path):
    with open(path) as f:
        # ruleid: MLS104
        return list(yaml.load_all(f, Loader=yaml.UnsafeLoader))


def load_full(path):
    with open(path) as f:
        # ruleid: MLS104
        return yaml.load(f, Loader=FullLoader)


def load_fast(path):
    with open(path) as f:
        # ok: MLS104
        return yaml.load(f, Loader=yaml.CSafeLoader)


def load_strict(path):
    with open(path) as f:
        # ok: MLS104
        return yaml.load(f, Loader=SafeLoader)


def load_all_safe(path):
    with open(path) as f:
        # ok: MLS104
        return list(yaml.safe_load_all(f))


def legacy(path):
    # ruleid: MLS104
    return yaml.unsafe_load(open(path))


def dump(cfg, path):
    with open(path, "w") as f:
        # ok: MLS104
        yaml.safe_dump(cfg, f, sort_keys=False)


def merged(path):
    cfg = load_defaults()
    cfg.update(load_experiment(path) or {})
    return cfg
