from opacus import PrivacyEngine
from tensorflow_privacy import compute_dp_sgd_privacy

EPSILON = 50.0
engine = PrivacyEngine()


def loose(model, optimizer, loader):
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ruleid: MLS402
        target_epsilon=EPSILON,
        # ruleid: MLS402
        target_delta=1e-3,
        epochs=10,
        max_grad_norm=1.0,
    )


def tight(model, optimizer, loader):
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ok: MLS402
        target_epsilon=3.0,
        # ok: MLS402
        target_delta=1e-6,
        epochs=10,
        max_grad_norm=1.0,
    )


# ruleid: MLS402
report = compute_dp_sgd_privacy(60000, 256, 1.1, 60, 1e-4)


import argparse

from opacus.accountants.utils import get_noise_multiplier

parser = argparse.ArgumentParser()
parser.add_argument("--epsilon", type=float, default=80.0)
parser.add_argument("--delta", type=float, default=1e-7)
args = parser.parse_args()


def from_options(model, optimizer, loader):
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ruleid: MLS402
        target_epsilon=args.epsilon,
        # ok: MLS402
        target_delta=args.delta,
        epochs=10,
        max_grad_norm=1.0,
    )


def one_over_n(model, optimizer, loader, dataset):
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ok: MLS402
        target_epsilon=3.0,
        # ruleid: MLS402
        target_delta=1 / len(loader),
        epochs=10,
        max_grad_norm=1.0,
    )


# ruleid: MLS402
sigma = get_noise_multiplier(target_epsilon=3.0, target_delta=1.0 / len(dataset), sample_rate=0.01, epochs=10)
# ok: MLS402
sigma_ok = get_noise_multiplier(target_epsilon=3.0, target_delta=1e-6, sample_rate=0.01, epochs=10)
# ok: MLS402
spent = engine.get_epsilon(delta=1e-5)


def tutorial_delta(model, optimizer, loader):
    # 1e-5 is the delta of the Opacus and TensorFlow Privacy tutorials: below 1/N for their data sets.
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        # ok: MLS402
        target_epsilon=8.0,
        # ok: MLS402
        target_delta=1e-5,
        epochs=10,
        max_grad_norm=1.0,
    )


def looser_delta(model, optimizer, loader):
    return engine.make_private_with_epsilon(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        target_epsilon=8.0,
        # ruleid: MLS402
        target_delta=2e-5,
        epochs=10,
        max_grad_norm=1.0,
    )


# ruleid: MLS402
noise_for_fifty = get_noise_multiplier(target_epsilon=50.0, target_delta=1e-6, sample_rate=0.01, epochs=10)
# ok: MLS402
noise_for_eight = get_noise_multiplier(target_epsilon=8.0, target_delta=1e-6, sample_rate=0.01, epochs=10)


def statement(num_train_examples, batch_size, noise_multiplier, epochs):
    delta = 1.0 / num_train_examples
    # ruleid: MLS402
    return compute_dp_sgd_privacy(num_train_examples, batch_size, noise_multiplier, epochs, delta)


def statement_ok(num_train_examples, batch_size, noise_multiplier, epochs):
    delta = 1.0 / num_train_examples ** 2
    # ok: MLS402
    return compute_dp_sgd_privacy(num_train_examples, batch_size, noise_multiplier, epochs, delta)
