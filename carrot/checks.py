"""Django system checks for the ``CARROT`` setting: bad settings fail at start-up, naming the key."""

from __future__ import annotations

import importlib
import inspect
from typing import Any

from django.conf import settings
from django.core.checks import CheckMessage, Error, register
from django.core.checks import Warning as CheckWarning
from django.utils.module_loading import import_string

from carrot import conf


def _importable(key: str, path: str, problems: list[tuple[str, str]]) -> Any:
    try:
        return import_string(path)
    except ImportError as exc:
        problems.append((key, f"cannot import {path!r}: {exc}"))
        return None


_TASK_FROM_HEADER = (
    "nothing: the task is the message's 'type' header, and must be a registered task "
    "(task_modules or @carrot.registry.task)"
)
_REPLACED_IN_2X = {
    "fail": "CARROT['failure_callbacks'], or self.add_failure_callback(callback) in __init__: "
    "callback(log, exception) runs after the failed log is saved",
    "get_message_log": "nothing: the consumer finds the log by message_id, and makes one for a message "
    "published without a log",
    "get_task_type": _TASK_FROM_HEADER,
    "serializer": _TASK_FROM_HEADER,
}
"""The hooks of 1.x's consumer that projects overrode, and what does their job in 2.x."""
_CONNECTION_1X = (
    *("connect", "reconnect", "close_connection", "start_consuming", "stop_consuming", "on_message"),
    *("on_connection_open", "on_connection_closed", "on_channel_open", "on_channel_closed"),
    *("on_exchange_declare", "on_queue_declare", "on_bind", "on_consumer_cancelled", "on_cancel"),
    *("reconnect_timeout", "exchange_arguments", "get_message_attempts", "remaining_save_attempts"),
)
"""What 1.x's consumer exposed for its own connection handling; 2.x's manages its connection itself."""


def _consumer_1x_problem(cls: type, consumer: type) -> str | None:
    """Why ``cls``, a subclass of 2.x's ``consumer``, is still written for 1.x's; ``None`` when it is not.

    The service calls ``cls(queue, name, failure_callbacks)``: 1.x's ``__init__(host, queue, logger,
    name, ...)`` cannot take that, and 1.x's hooks would be silently never called.
    """
    reasons = []
    try:
        inspect.signature(cls).bind("queue", "name", ())
    except TypeError:
        reasons.append(
            f"its __init__{inspect.signature(cls)} cannot take what the service passes, "
            "(queue: QueueSettings, name: str, failure_callbacks: tuple[str, ...]); "
            "take (*args, **kwargs) and pass them to super().__init__"
        )
    own = {name for klass in cls.__mro__[: cls.__mro__.index(consumer)] for name in vars(klass)}
    for name in sorted(own & (set(_REPLACED_IN_2X) | set(_CONNECTION_1X)) - set(dir(consumer))):
        replacement = _REPLACED_IN_2X.get(name, "nothing: 2.x's consumer manages its connection itself")
        reasons.append(f"{name} of 1.x is never called in 2.x; instead: {replacement}")
    if not reasons:
        return None
    return (
        f"{cls.__module__}.{cls.__qualname__} is written for django-carrot 1.x's Consumer: "
        + "; ".join(reasons)
        + " (see the docs page 'upgrading')"
    )


def _extension_problems(settings: conf.CarrotSettings) -> list[tuple[str, str]]:
    from carrot.consumer import Consumer

    problems: list[tuple[str, str]] = []
    for index, queue in enumerate(settings.queues):
        key = f"CARROT['queues'][{index}]['consumer_class']"
        cls = _importable(key, queue.consumer_class, problems)
        if cls is None:
            continue
        if not (isinstance(cls, type) and issubclass(cls, Consumer)):
            problems.append((key, f"{queue.consumer_class!r} must be a subclass of carrot.consumer.Consumer"))
        elif (problem := _consumer_1x_problem(cls, Consumer)) is not None:
            problems.append((key, problem))
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
    """Report each problem of ``settings.CARROT`` as an error naming its key, and each 1.x key that no
    longer has an effect as a warning saying what to do instead."""
    raw = getattr(settings, "CARROT", {})
    parsed, problems = conf.parse(raw)
    if parsed is not None and not problems:
        problems = _extension_problems(parsed)
    ignored = [CheckWarning(f"{key}: {advice}", id="carrot.W001") for key, advice in conf.ignored_keys(raw)]
    return [*(Error(f"{key}: {message}", id="carrot.E001") for key, message in problems), *ignored]
