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
