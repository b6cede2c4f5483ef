"""django-carrot: a task queue for Django on RabbitMQ, with a GraphQL monitor.

The names most code needs are importable from here (``from carrot import publish_message, task``);
they are loaded on first use, so importing ``carrot`` does not load Django's models.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "2.0.0.dev0"

_EXPORTS = {
    "publish_message": "carrot.publishing",
    "publish_many": "carrot.publishing",
    "TaskCall": "carrot.publishing",
    "cancel": "carrot.cancellation",
    "result": "carrot.results",
    "task": "carrot.registry",
    "Retry": "carrot.errors",
    "TaskFailed": "carrot.errors",
    "ResultTimeout": "carrot.errors",
    "TimeLimitExceeded": "carrot.errors",
    "TaskCancelled": "carrot.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'carrot' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
