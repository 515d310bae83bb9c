import torch
from diffusers import StableDiffusionPipeline
from transformers import AutoModel

NO_SAFETENSORS = False


def hub():
    # ruleid: MLS112
    return torch.hub.load("pytorch/vision:v0.19.0", "resnet50", trust_repo="check")


def pickled_weights(name):
    # ruleid: MLS112
    return AutoModel.from_pretrained(name, use_safetensors=True)


def constant(name):
    # ruleid: MLS112
    return StableDiffusionPipeline.from_pretrained(name, use_safetensors=True)


def multi_line(model_cls, name):
    return model_cls.from_pretrained(
        name,
        # ruleid: MLS112
        use_safetensors=True,
    )


def check():
    # ok: MLS112
    return torch.hub.load("pytorch/vision:v0.19.0", "resnet50", trust_repo="check")


def safetensors(name):
    # ok: MLS112
    return AutoModel.from_pretrained(name, use_safetensors=True)
