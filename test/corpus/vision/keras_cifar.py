"""CIFAR-10 baseline in Keras; exports .keras and the legacy .h5 the mobile team still reads."""
import keras
import numpy as np
import tensorflow as tf
from keras import layers

(x_train, y_train), (x_test, y_test) = keras.datasets.cifar10.load_data()
x_train, x_test = x_train / 255.0, x_test / 255.0

model = keras.Sequential([
    layers.Input((32, 32, 3)),
    layers.Conv2D(32, 3, activation="relu"),
    layers.MaxPooling2D(),
    layers.Conv2D(64, 3, activation="relu"),
    layers.GlobalAveragePooling2D(),
    layers.Dense(10),
])
model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True), metrics=["accuracy"])
# ok: MLS401
model.fit(x_train, y_train, epochs=5, validation_data=(x_test, y_test))
model.save("export/cifar.keras")
model.save("export/cifar.h5")

# ok: MLS109
reloaded = keras.models.load_model("export/cifar.keras")
# ok: MLS109
reloaded_tf = tf.keras.models.load_model("export/cifar.keras", compile=False)
# ruleid: MLS109
reloaded_unsafe = tf.keras.models.load_model("export/cifar.keras", safe_mode=False)
# ok: MLS103
np.save("export/logits.npy", reloaded.predict(x_test[:100]))
# ok: MLS103
logits = np.load("export/logits.npy")
# ruleid: MLS103
aug = np.load("export/augment_params.npz", allow_pickle="yes")
# ok: MLS103
meta = np.load("export/meta.npy", allow_pickle=0)
