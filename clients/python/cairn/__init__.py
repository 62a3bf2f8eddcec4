"""Cairn's Python SDK: experiment tracking with buffered metrics, artifacts, datasets, the model
registry, evaluation and prompt governance — standard library only (Python 3.11+).

Example::

    import cairn

    with cairn.start_run(experiment="churn", params={"lr": 0.1, "depth": 6}) as run:
        for step in range(10_000):
            run.log_metric("loss", 1 / (step + 1), step=step)   # returns at once
        run.log_artifact("model.json")

    client = cairn.Client()
    report = client.evaluation.run("churn-eval", model_name="churn-xgb", version=3)
    text = client.prompts.render("greeting", {"name": "Ann"})

Settings (URL, token) come from the same profile as the ``cairn`` command
(``~/.config/cairn/config.toml``, written by ``cairn login``) or ``CAIRN_URL`` / ``CAIRN_TOKEN``.
"""

from ._version import __version__
from .client import Client
from .errors import (
    ApiError,
    CairnError,
    Conflict,
    ConnectionFailed,
    FieldError,
    Forbidden,
    NotFound,
    PayloadTooLarge,
    PreconditionFailed,
    RateLimited,
    ServerError,
    ServiceUnavailable,
    Unauthorized,
    ValidationError,
)
from .tracking import Run, start_run

__all__ = [
    "__version__",
    "Client",
    "Run",
    "start_run",
    "CairnError",
    "ConnectionFailed",
    "ApiError",
    "ValidationError",
    "Unauthorized",
    "Forbidden",
    "NotFound",
    "Conflict",
    "PreconditionFailed",
    "PayloadTooLarge",
    "RateLimited",
    "ServerError",
    "ServiceUnavailable",
    "FieldError",
]
