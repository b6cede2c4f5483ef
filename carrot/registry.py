"""Which tasks exist.

A task is registered when it is a public function defined in one of ``CARROT['task_modules']``, or
when it is decorated with :func:`task` (or passed to :func:`register`). Only registered tasks can be
published by name, scheduled, or run by the consumer: a dotted path from a message header or from the
monitor is never imported unless it is registered, because importing arbitrary paths is remote code
execution.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.signals import setting_changed
from django.dispatch import receiver

from carrot.conf import get_settings
from carrot.errors import ConfigurationError, UnknownTaskError

F = TypeVar("F", bound=Callable[..., Any])

_explicit: dict[str, Callable[..., Any]] = {}
_lock = threading.Lock()
"""Guards ``_explicit`` only. Never held while importing: a task module's ``@task`` takes it, and a
thread importing that module holds the module's import lock while it waits for this one."""

HOW_TO_REGISTER = "add its module to CARROT['task_modules'] or decorate it with @carrot.registry.task"


def task_path(func: Callable[..., Any]) -> str:
    """The dotted path a function is published under (``module.qualname``)."""
    return f"{func.__module__}.{func.__qualname__}"


def task(func: F) -> F:
    """Register ``func`` as a task; use as a decorator. Returns ``func`` unchanged."""
    with _lock:
        _explicit[task_path(func)] = func
    return func


def register(func: Callable[..., Any]) -> str:
    """Register ``func`` as a task and return its path."""
    task(func)
    return task_path(func)


def _public_functions(module_path: str) -> dict[str, Callable[..., Any]]:
    try:
        module = importlib.import_module(module_path)
    except ImportError as exc:
        raise ConfigurationError(f"CARROT['task_modules']: cannot import {module_path!r}: {exc}") from exc
    return {
        f"{module_path}.{name}": obj
        for name, obj in vars(module).items()
        if inspect.isfunction(obj) and obj.__module__ == module_path and not name.startswith("_")
    }


@functools.cache
def _discovered() -> dict[str, Callable[..., Any]]:
    found: dict[str, Callable[..., Any]] = {}
    for module_path in get_settings().task_modules:
        found.update(_public_functions(module_path))
    return found


def registered_tasks() -> dict[str, Callable[..., Any]]:
    """Every registered task by path (imports ``task_modules`` on first use)."""
    discovered = _discovered()  # imports outside the lock (see _lock); an import is done once anyway
    with _lock:
        return {**discovered, **_explicit}


def resolve(path: str) -> Callable[..., Any]:
    """The registered task at ``path``; raises :class:`UnknownTaskError` saying how to register it."""
    func = registered_tasks().get(path)
    if func is None:
        raise UnknownTaskError(f"Task {path!r} is not registered: {HOW_TO_REGISTER}.")
    return func


def path_of(task_or_path: Callable[..., Any] | str) -> str:
    """The registered path of a task given as a callable or a dotted path; validates it.

    A path is taken without its surrounding whitespace (as typed in a form): every way of publishing
    or scheduling a task by name goes through here, so they all accept and refuse the same paths.
    Raises :class:`UnknownTaskError` when the task is not registered.
    """
    path = task_or_path.strip() if isinstance(task_or_path, str) else task_path(task_or_path)
    resolve(path)
    return path


@receiver(setting_changed)
def _forget_discovered(*, setting: str, **_: Any) -> None:
    if setting == "CARROT":
        _discovered.cache_clear()
