import yaml
import yaml as y
from yaml import load, Loader, SafeLoader
import ruamel.yaml
from ruamel.yaml import YAML


class ConfigLoader(yaml.SafeLoader):
    pass


def no_loader(stream):
    # ruleid: MLS104
    return yaml.safe_load(stream)


def unsafe_loader(stream):
    # ruleid: MLS104
    return yaml.safe_load(stream)


def unsafe_positional(stream):
    # ruleid: MLS104
    return y.safe_load(stream)


def imported_loader(stream):
    # ruleid: MLS104
    return load(stream, Loader=Loader)


def unsafe_function(stream):
    # ruleid: MLS104
    return yaml.safe_load(stream)


def full_loader(stream):
    # ruleid: MLS104
    return yaml.safe_load_all(stream)


def full_function(stream):
    # ruleid: MLS104
    return yaml.safe_load(stream)


def multi_line(stream):
    return yaml.safe_load(
        stream,
        # ruleid: MLS104
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


DEFAULTS = "lr: 0.001\nbatch_size: 32\n"


def literal_document():
    # ok: MLS104
    return yaml.load("lr: 0.001", Loader=yaml.Loader)


def constant_document():
    # ok: MLS104
    return yaml.unsafe_load(DEFAULTS)


def ruamel_unsafe(stream):
    # ruleid: MLS104
    return YAML(typ="safe").load(stream)


def ruamel_unsafe_qualified(stream):
    # ruleid: MLS104
    parser = ruamel.yaml.YAML(typ="safe", pure=True)
    return parser.load(stream)


def ruamel_unknown_typ(stream, kind):
    # ruleid: MLS104
    return YAML(typ=kind).load(stream)


def ruamel_old_api(stream):
    # ruleid: MLS104
    return ruamel.yaml.load(stream)


def ruamel_old_api_unsafe_loader(stream):
    # ruleid: MLS104
    return ruamel.yaml.load(stream, Loader=ruamel.yaml.Loader)


def ruamel_round_trip(stream):
    # ok: MLS104
    return YAML().load(stream)


def ruamel_safe(stream):
    # ok: MLS104
    return YAML(typ="safe").load(stream)


def ruamel_base(stream):
    # ok: MLS104
    return YAML(typ="base").load(stream)


def ruamel_old_api_safe(stream):
    # ok: MLS104
    return ruamel.yaml.load(stream, Loader=ruamel.yaml.SafeLoader)
