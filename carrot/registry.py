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
from dataclasses import dataclass
from typing import Any, TypeVar, overload

from django.core.signals import setting_changed
from django.dispatch import receiver

from carrot.conf import MAX_BACKOFF_LIMIT, MAX_RETRIES_LIMIT, get_settings
from carrot.errors import CarrotError, ConfigurationError, UnknownTaskError

F = TypeVar("F", bound=Callable[..., Any])

_explicit: dict[str, Callable[..., Any]] = {}
_declared: dict[str, dict[str, Any]] = {}
"""The options given to ``@task(...)``, by task path (only those given)."""
_lock = threading.Lock()
"""Guards ``_explicit`` only. Never held while importing: a task module's ``@task`` takes it, and a
thread importing that module holds the module's import lock while it waits for this one."""

HOW_TO_REGISTER = "add its module to CARROT['task_modules'] or decorate it with @carrot.registry.task"


def task_path(func: Callable[..., Any]) -> str:
    """The dotted path a function is published under (``module.qualname``)."""
    return f"{func.__module__}.{func.__qualname__}"


@dataclass(frozen=True)
class TaskOptions:
    """How a task is retried and how long it may run: its ``@task`` options over the settings' defaults."""

    max_retries: int
    retry_backoff: float
    """Seconds before the first retry; each further one waits twice as long (with jitter)."""
    retry_backoff_max: float
    retry_on: tuple[type[BaseException], ...]
    """The exceptions that are retried (:class:`carrot.Retry` always is)."""
    time_limit: float | None


def _option_problems(options: dict[str, Any]) -> list[str]:
    """What is wrong with the ``@task(...)`` options given, for people."""
    problems = []
    retries = options.get("max_retries")
    if retries is not None and (
        isinstance(retries, bool) or not isinstance(retries, int) or not 0 <= retries <= MAX_RETRIES_LIMIT
    ):
        problems.append(f"max_retries must be an integer from 0 to {MAX_RETRIES_LIMIT}, got {retries!r}")
    for key in ("retry_backoff", "retry_backoff_max", "time_limit"):
        value = options.get(key)
        if value is not None and (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not 0 < value <= MAX_BACKOFF_LIMIT
        ):
            problems.append(
                f"{key} must be seconds, more than 0 and at most {MAX_BACKOFF_LIMIT:.0f}; got {value!r}"
            )
    retry_on = options.get("retry_on")
    if retry_on is not None and not (
        isinstance(retry_on, tuple)
        and all(isinstance(kind, type) and issubclass(kind, BaseException) for kind in retry_on)
    ):
        problems.append(f"retry_on must be a tuple of exception classes, got {retry_on!r}")
    return problems


@overload
def task(func: F, /) -> F: ...
@overload
def task(
    *,
    max_retries: int | None = None,
    retry_backoff: float | None = None,
    retry_backoff_max: float | None = None,
    retry_on: tuple[type[BaseException], ...] | None = None,
    time_limit: float | None = None,
) -> Callable[[F], F]: ...
def task(func: Any = None, /, **options: Any) -> Any:
    """Register a task; use as ``@task`` or ``@task(max_retries=3, time_limit=60, ...)``.

    Returns the function unchanged. The options (each defaults to the ``CARROT`` setting of the same
    name; ``retry_on`` to ``(Exception,)``) are described in docs/tasks.rst. Raises
    :class:`CarrotError` for an unknown option or a value out of range.
    """
    unknown = set(options) - {field.name for field in TaskOptions.__dataclass_fields__.values()}
    problems = [f"unknown option {name!r}" for name in sorted(unknown)] + _option_problems(options)
    if problems:
        raise CarrotError(f"@task: {'; '.join(problems)}")
    given = {key: value for key, value in options.items() if value is not None}

    def register_with_options(function: F) -> F:
        path = task_path(function)
        with _lock:
            _explicit[path] = function
            _declared[path] = given
        return function

    return register_with_options if func is None else register_with_options(func)


def options(path: str) -> TaskOptions:
    """The options of the task at ``path`` (the settings' defaults for a task without ``@task(...)``)."""
    settings = get_settings()
    with _lock:
        given = _declared.get(path, {})
    backoff = given.get("retry_backoff", settings.retry_backoff)
    return TaskOptions(
        max_retries=given.get("max_retries", settings.max_retries),
        retry_backoff=backoff,
        retry_backoff_max=max(backoff, given.get("retry_backoff_max", settings.retry_backoff_max)),
        retry_on=given.get("retry_on", (Exception,)),
        time_limit=given.get("time_limit", settings.time_limit),
    )


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
