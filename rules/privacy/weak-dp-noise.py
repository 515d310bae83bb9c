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
