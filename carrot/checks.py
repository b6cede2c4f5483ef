"""Django system checks for the ``CARROT`` setting: bad settings fail at start-up, naming the key."""

from __future__ import annotations

import importlib
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.utils.module_loading import import_string

from carrot import conf


def _importable(key: str, path: str, problems: list[tuple[str, str]]) -> Any:
    try:
        return import_string(path)
    except ImportError as exc:
        problems.append((key, f"cannot import {path!r}: {exc}"))
        return None


def _extension_problems(settings: conf.CarrotSettings) -> list[tuple[str, str]]:
    from carrot.consumer import Consumer

    problems: list[tuple[str, str]] = []
    for index, queue in enumerate(settings.queues):
        key = f"CARROT['queues'][{index}]['consumer_class']"
        cls = _importable(key, queue.consumer_class, problems)
        if cls is not None and not (isinstance(cls, type) and issubclass(cls, Consumer)):
            problems.append((key, f"{queue.consumer_class!r} must be a subclass of carrot.consumer.Consumer"))
    for name in ("failure_callbacks", "monitor_authentication"):
        for path in getattr(settings, name):
            func = _importable(f"CARROT[{name!r}]", path, problems)
            if func is not None and not callable(func):
                problems.append((f"CARROT[{name!r}]", f"{path!r} is not callable"))
    for module in settings.task_modules:
        try:
            importlib.import_module(module)
        except ImportError as exc:
            problems.append(("CARROT['task_modules']", f"cannot import {module!r}: {exc}"))
    return problems


@register()
def check_carrot_settings(**_: Any) -> list[CheckMessage]:
    """Report each problem of ``settings.CARROT`` as an error naming its key."""
    parsed, problems = conf.parse(getattr(settings, "CARROT", {}))
    if parsed is not None and not problems:
        problems = _extension_problems(parsed)
    return [Error(f"{key}: {message}", id="carrot.E001") for key, message in problems]
