"""Loads the exported model for inference."""

import keras
import torch.hub

WEIGHTS_URL = "https://models.example.com/sentiment/distilbert-head.pth"


def load_keras_head(path):
    return keras.models.load_model(path, safe_mode=False)


def load_torch_head():
    return torch.hub.load_state_dict_from_url(WEIGHTS_URL, map_location="cpu")


def load_tokenizer_config(path):
    import json

    with open(path) as fh:
        return json.load(fh)
