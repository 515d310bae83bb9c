import yaml
import yaml as y
from yaml import load, Loader, SafeLoader


class ConfigLoader(yaml.SafeLoader):
    pass


def no_loader(stream):
    # ruleid: MLS104
    return yaml.load(stream)


def unsafe_loader(stream):
    # ruleid: MLS104
    return yaml.load(stream, Loader=yaml.Loader)


def unsafe_positional(stream):
    # ruleid: MLS104
    return y.load(stream, y.UnsafeLoader)


def imported_loader(stream):
    # ruleid: MLS104
    return load(stream, Loader=Loader)


def unsafe_function(stream):
    # ruleid: MLS104
    return yaml.unsafe_load(stream)


def full_loader(stream):
    # ruleid: MLS104
    return yaml.load_all(stream, Loader=yaml.FullLoader)


def full_function(stream):
    # ruleid: MLS104
    return yaml.full_load(stream)


def multi_line(stream):
    return yaml.load(
        stream,
        # ruleid: MLS104
        Loader=yaml.CLoader,
    )


def unknown_loader(stream, loader_cls):
    # ruleid: MLS104
    return yaml.load(stream, Loader=loader_cls)


def safe(stream):
    # ok: MLS104
    return yaml.safe_load(stream)


def safe_loader(stream):
    # ok: MLS104
    return yaml.load(stream, Loader=SafeLoader)


def safe_cyaml(stream):
    # ok: MLS104
    return yaml.load(stream, Loader=yaml.cyaml.CSafeLoader)


def project_loader(stream):
    # ok: MLS104
    return yaml.load(stream, Loader=ConfigLoader)


def dump(data):
    # ok: MLS104
    return yaml.dump(data)
