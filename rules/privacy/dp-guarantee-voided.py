from opacus import PrivacyEngine
from tensorflow_privacy.privacy.dp_query.no_privacy_query import NoPrivacySumQuery

# ruleid: MLS404
engine = PrivacyEngine(secure_mode=False)
# ok: MLS404
production = PrivacyEngine(secure_mode=True)


def train(model, optimizer, loader):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        noise_multiplier=1.1,
        max_grad_norm=1.0,
        # ruleid: MLS404
        poisson_sampling=False,
    )


def train_ok(model, optimizer, loader):
    # ok: MLS404
    return engine.make_private(module=model, optimizer=optimizer, data_loader=loader, noise_multiplier=1.1, max_grad_norm=1.0)


# ruleid: MLS404
query = NoPrivacySumQuery()


def helper(model, optimizer, loader, poisson_sampling: bool = False):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        noise_multiplier=1.0,
        max_grad_norm=1.0,
        # ruleid: MLS404
        poisson_sampling=poisson_sampling,
    )


def helper_ok(model, optimizer, loader, poisson_sampling: bool = True):
    return engine.make_private(
        module=model,
        optimizer=optimizer,
        data_loader=loader,
        noise_multiplier=1.0,
        max_grad_norm=1.0,
        # ok: MLS404
        poisson_sampling=poisson_sampling,
    )
