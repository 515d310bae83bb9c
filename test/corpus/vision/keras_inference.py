import keras
import tensorflow as tf
import torch
from keras.models import load_model

# ruleid: MLS109
classifier = keras.models.load_model("models/classifier.keras", safe_mode=False)
# ok: MLS109
embedder = keras.saving.load_model("models/embedder.keras")
# ok: MLS109
tagger = tf.keras.models.load_model("models/tagger.keras", safe_mode=True)


def load_with_lambda(path):
    # The model has a Lambda layer for the normalisation.
    # ruleid: MLS109
    keras.config.enable_unsafe_deserialization()
    return load_model(path)


def load_reference_weights():
    # ruleid: MLS110, MLS303
    return torch.hub.load_state_dict_from_url("https://download.pytorch.org/models/resnet18-f37072fd.pth")


def load_reference_weights_safely():
    # ok: MLS110, MLS303
    return torch.hub.load_state_dict_from_url("https://download.pytorch.org/models/resnet18-f37072fd.pth", weights_only=True, check_hash=True)


def load_zoo():
    # ruleid: MLS110, MLS303
    return torch.utils.model_zoo.load_url("https://example-models.s3.amazonaws.com/vgg16.pth", map_location="cpu")
