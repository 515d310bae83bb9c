import torch
from torch.hub import load_state_dict_from_url
from torch.utils import model_zoo

URL = "https://example.com/resnet50-0676ba61.pth"


def default():
    # ruleid: MLS110
    return torch.hub.load_state_dict_from_url(URL)


def imported():
    # ruleid: MLS110
    return load_state_dict_from_url(URL, progress=False)


def zoo():
    # ruleid: MLS110
    return model_zoo.load_url(URL, weights_only=False)


def multi_line(model_dir):
    # ruleid: MLS110
    return load_state_dict_from_url(
        URL,
        model_dir=model_dir,
        check_hash=True
    )


def unknown(flag):
    # ruleid: MLS110
    return load_state_dict_from_url(URL, weights_only=flag)


def safe():
    # ok: MLS110
    return load_state_dict_from_url(URL, check_hash=True, weights_only=True)


def shadowed(torch):
    # ok: MLS110
    return torch.hub.load_state_dict_from_url(URL)
