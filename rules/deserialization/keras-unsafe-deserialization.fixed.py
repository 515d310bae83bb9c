import keras
import tensorflow as tf
from keras.models import load_model

UNSAFE = False


def unsafe(path):
    # ruleid: MLS109
    return keras.models.load_model(path)


def tf_keras(path):
    # ruleid: MLS109
    return tf.keras.models.load_model(path)


def imported(path):
    # ruleid: MLS109
    return load_model(path, None, True, False)


def global_switch():
    # ruleid: MLS109
    keras.config.enable_unsafe_deserialization()


def legacy_h5():
    # ruleid: MLS109
    return keras.saving.load_model("weights/model.h5")


def multi_line(path):
    return keras.saving.load_model(
        path,
        compile=False,
        # ruleid: MLS109
    )


def safe(path):
    # ok: MLS109
    return keras.models.load_model(path)


def safe_explicit(path):
    # ok: MLS109
    return keras.models.load_model(path, safe_mode=True)


def shadowed(keras, path):
    # ok: MLS109
    return keras.models.load_model(path, safe_mode=False)


def default_safe_mode(path):
    # ok: MLS109
    return keras.models.load_model("classifier.keras")


def default_safe_mode_tf(path):
    # ok: MLS109
    return tf.keras.models.load_model(path)
