"""Checking stored arguments against the signature of the task they will be passed to.

A scheduled task keeps its arguments for months; a call that cannot bind would fail at every run.
So the arguments are bound with :meth:`inspect.Signature.bind` when the scheduled task is saved, and
a mismatch is explained per argument: a keyword the task does not take, a required argument left
out, too many positional arguments, one given both ways. A task that takes ``**kwargs`` accepts any
keyword, one that takes ``*args`` any number of positional arguments.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from carrot.arguments import ArgumentError

_POSITIONAL = (inspect.Parameter.POSITIONAL_ONLY, inspect.Parameter.POSITIONAL_OR_KEYWORD)
_BY_NAME = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
_VARIADIC = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)


@dataclass(frozen=True)
class Mismatch:
    """One reason the arguments do not fit: on the positional (``args``) or keyword (``kwargs``) side."""

    field: Literal["args", "kwargs"]
    message: str


def mismatches(func: Callable[..., Any], args: Sequence[Any], kwargs: Mapping[str, Any]) -> list[Mismatch]:
    """Why ``func(*args, **kwargs)`` cannot be called, one entry per argument; empty when it can.

    A callable whose signature Python cannot read (some built-ins) is not checked.
    """
    try:
        signature = inspect.signature(func)
    except (TypeError, ValueError):
        return []
    try:
        signature.bind(*args, **kwargs)
    except TypeError as exc:
        found = _explain(list(signature.parameters.values()), len(args), kwargs)
        takes = f" It takes {signature}."
        return [Mismatch(m.field, m.message + takes) for m in found] or [
            Mismatch("args", f"The arguments do not fit the task: {exc}.{takes}")
        ]
    return []


def check(func: Callable[..., Any], args: Sequence[Any], kwargs: Mapping[str, Any]) -> None:
    """Raise :class:`~carrot.arguments.ArgumentError` naming every argument that does not fit ``func``."""
    found = mismatches(func, args, kwargs)
    if found:
        raise ArgumentError(" ".join(f"{m.field}: {m.message}" for m in found))


def _explain(parameters: list[inspect.Parameter], given: int, kwargs: Mapping[str, Any]) -> list[Mismatch]:
    kinds = {p.kind for p in parameters}
    positional = [p for p in parameters if p.kind in _POSITIONAL]
    by_position = {p.name for p in positional[:given]}
    named = {p.name for p in parameters if p.kind in _BY_NAME}
    found: list[Mismatch] = []
    if given > len(positional) and inspect.Parameter.VAR_POSITIONAL not in kinds:
        found.append(
            Mismatch("args", f"Too many positional arguments: at most {len(positional)}, got {given}.")
        )
    for name in kwargs:
        if name in by_position and name in named:
            found.append(Mismatch("kwargs", f"Argument {name!r} is given both by position and by keyword."))
        elif name not in named and inspect.Parameter.VAR_KEYWORD not in kinds:
            found.append(Mismatch("kwargs", f"The task takes no keyword argument {name!r}."))
    for p in parameters:
        if _missing(p, by_position, kwargs):
            side: Literal["args", "kwargs"] = "kwargs" if p.kind is p.KEYWORD_ONLY else "args"
            found.append(Mismatch(side, f"The required argument {p.name!r} is missing."))
    return found


def _missing(p: inspect.Parameter, by_position: set[str], kwargs: Mapping[str, Any]) -> bool:
    """``p`` needs a value and gets none (a positional-only one cannot get it by keyword)."""
    if p.default is not p.empty or p.kind in _VARIADIC or p.name in by_position:
        return False
    return p.kind is inspect.Parameter.POSITIONAL_ONLY or p.name not in kwargs
