import tensorflow_privacy
from opacus import PrivacyEngine
from tensorflow_privacy.privacy.optimizers.dp_optimizer_keras import DPKerasSGDOptimizer

engine = PrivacyEngine()


def noisy_enough(model, optimizer, loader):
    # ok: MLS403
    return engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=1.1, max_grad_norm=1.0)


def too_little_noise(model, optimizer, loader):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ruleid: MLS403
        noise_multiplier=0.1,
        # ruleid: MLS403
        max_grad_norm=1000,
    )


# ruleid: MLS403
weak = DPKerasSGDOptimizer(l2_norm_clip=1.0, noise_multiplier=0.2, num_microbatches=32, learning_rate=0.1)
# ok: MLS403
fine = tensorflow_privacy.DPKerasAdamOptimizer(l2_norm_clip=1.0, noise_multiplier=1.3, num_microbatches=32)


import argparse

from absl import flags
from opacus.optimizers import DPOptimizer, DistributedDPOptimizer
from tensorflow_privacy.privacy.optimizers.dp_optimizer import DPAdamGaussianOptimizer
from tensorflow_privacy.privacy.optimizers.dp_optimizer_keras import make_keras_optimizer_class

parser = argparse.ArgumentParser()
parser.add_argument("--sigma", type=float, default=0.1)
parser.add_argument("-c", "--max-per-sample-grad-norm", type=float, default=1.0)
parser.add_argument("--clip", dest="loose_clip", type=float, default=500.0)
args = parser.parse_args()
flags.DEFINE_float("noise_multiplier", 0.0, "Noise")
flags.DEFINE_float("l2_norm_clip", 1.0, "Clip")
FLAGS = flags.FLAGS
CONFIG = {"noise_multiplier": 1.2, "max_grad_norm": 1e9}


def from_options(model, optimizer, loader):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ruleid: MLS403
        noise_multiplier=args.sigma,
        # ok: MLS403
        max_grad_norm=args.max_per_sample_grad_norm,
    )


def from_config(model, optimizer, loader):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ok: MLS403
        noise_multiplier=CONFIG["noise_multiplier"],
        # ruleid: MLS403
        max_grad_norm=CONFIG["max_grad_norm"],
    )


# ruleid: MLS403
flagged = DPAdamGaussianOptimizer(l2_norm_clip=FLAGS.l2_norm_clip, noise_multiplier=FLAGS.noise_multiplier, num_microbatches=1)
# ruleid: MLS403
direct = DPOptimizer(optimizer, noise_multiplier=0.0, max_grad_norm=1.0, expected_batch_size=64)
# ruleid: MLS403
distributed = DistributedDPOptimizer(optimizer, noise_multiplier=1.0, max_grad_norm=args.loose_clip, expected_batch_size=64)
# ok: MLS403
positional = DPOptimizer(optimizer, 1.1, 1.0, 64)
# ok: MLS403
made = make_keras_optimizer_class(tf.keras.optimizers.SGD)
# ruleid: MLS403
keras_dp = made(l2_norm_clip=1.0, noise_multiplier=0.01, num_microbatches=1)


def wrap_weak(model, optimizer, loader, noise_multiplier=0.1, max_grad_norm=1.0):
    # A helper's defaults are what a call that leaves them out trains with.
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ruleid: MLS403
        noise_multiplier=noise_multiplier,
        # ok: MLS403
        max_grad_norm=max_grad_norm,
    )


def wrap_ok(model, optimizer, loader, noise_multiplier: float = 1.1, max_grad_norm: float = 1.0):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ok: MLS403
        noise_multiplier=noise_multiplier,
        # ok: MLS403
        max_grad_norm=max_grad_norm,
    )
