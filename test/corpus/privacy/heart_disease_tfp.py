"""DP-SGD on the Cleveland heart-disease data with TensorFlow Privacy."""
import pandas as pd
import tensorflow as tf
import tensorflow_privacy
from absl import app, flags
from tensorflow_privacy.privacy.optimizers.dp_optimizer_keras import DPKerasAdamOptimizer, DPKerasSGDOptimizer
from tensorflow_privacy.privacy.analysis.compute_dp_sgd_privacy_lib import compute_dp_sgd_privacy

FLAGS = flags.FLAGS
flags.DEFINE_float("noise_multiplier", 0.3, "Ratio of the noise std to the clipping norm")
flags.DEFINE_float("l2_norm_clip", 1.0, "Clipping norm")
flags.DEFINE_float("learning_rate", 0.15, "Learning rate")
flags.DEFINE_integer("epochs", 60, "Epochs")
flags.DEFINE_integer("batch_size", 32, "Batch size")

COLUMNS = ["age", "sex", "cp", "trestbps", "chol", "fbs", "restecg", "thalach", "exang", "oldpeak", "slope", "ca", "thal", "target"]


def load():
    df = pd.read_csv("data/processed.cleveland.data", names=COLUMNS, na_values="?").dropna()
    return df.drop(columns="target").values.astype("float32"), (df["target"] > 0).astype("float32").values


def model():
    return tf.keras.Sequential([tf.keras.layers.Dense(16, activation="relu"), tf.keras.layers.Dense(1)])


def main(_):
    x, y = load()
    m = model()
    # ruleid: MLS403
    opt = DPKerasSGDOptimizer(l2_norm_clip=FLAGS.l2_norm_clip, noise_multiplier=FLAGS.noise_multiplier, num_microbatches=FLAGS.batch_size, learning_rate=FLAGS.learning_rate)
    loss = tf.keras.losses.BinaryCrossentropy(from_logits=True, reduction=tf.losses.Reduction.NONE)
    m.compile(optimizer=opt, loss=loss, metrics=["accuracy"])
    # ok: MLS401
    m.fit(x, y, epochs=FLAGS.epochs, batch_size=FLAGS.batch_size)
    # ruleid: MLS402
    eps, _ = compute_dp_sgd_privacy(n=len(x), batch_size=FLAGS.batch_size, noise_multiplier=FLAGS.noise_multiplier, epochs=FLAGS.epochs, delta=1e-3)
    # ok: MLS402
    eps_strict, _ = compute_dp_sgd_privacy(n=len(x), batch_size=FLAGS.batch_size, noise_multiplier=1.1, epochs=15, delta=1e-6)
    print("epsilon", eps, eps_strict)

    m2 = model()
    # ok: MLS403
    opt2 = DPKerasAdamOptimizer(l2_norm_clip=1.0, noise_multiplier=1.2, num_microbatches=FLAGS.batch_size, learning_rate=1e-3)
    m2.compile(optimizer=opt2, loss=loss)
    # ok: MLS401
    m2.fit(x, y, epochs=10, batch_size=FLAGS.batch_size)
    # ruleid: MLS403
    opt3 = tensorflow_privacy.DPKerasSGDOptimizer(l2_norm_clip=500.0, noise_multiplier=1.0, num_microbatches=1, learning_rate=0.1)
    m2.compile(optimizer=opt3, loss=loss)


if __name__ == "__main__":
    app.run(main)
