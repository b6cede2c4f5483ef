"""A task's arguments on one short line, for the monitor's lists.

``arguments_summary([42, "a@b.c"], {"retry": True})`` is ``"42, 'a@b.c', retry=True"``: positional
arguments as the Python literals the monitor's forms take, then keyword arguments as ``name=value``,
cut to :data:`SUMMARY_LIMIT` characters with an ellipsis. The line is built piece by piece and stops
once it is full, so a megabyte of arguments costs no more than a short one; nesting deeper than
:data:`MAX_DEPTH` is shown as ``…``. Any JSON value is accepted (and whatever else a log holds, shown by
its type): the summary never raises.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

SUMMARY_LIMIT = 120
"""The most characters a summary has."""
MAX_DEPTH = 20
"""Lists and objects nested deeper than this are shown as ``…``."""
ELLIPSIS = "…"


def arguments_summary(args: Any, kwargs: Any, limit: int = SUMMARY_LIMIT) -> str:
    """``args`` and ``kwargs`` (a log's JSON values) on one line of at most ``limit`` characters.

    ``""`` when there are none. A value that is not a list (``args``) or an object (``kwargs``), as a
    damaged log may hold, is shown as one more argument.
    """
    text, length = [], 0
    for piece in _pieces(args, kwargs, limit):
        text.append(piece)
        length += len(piece)
        if length > limit:
            return "".join(text)[: max(limit - 1, 0)] + ELLIPSIS[: max(limit, 0)]
    return "".join(text)


def _pieces(args: Any, kwargs: Any, limit: int) -> Iterator[str]:
    positional = args if isinstance(args, (list, tuple)) else ([] if args is None else [args])
    first = True
    for value in positional:
        if not first:
            yield ", "
        first = False
        yield from _literal(value, 0, limit)
    if kwargs is None:
        return
    if not isinstance(kwargs, dict):
        yield "" if first else ", "
        yield "**"
        yield from _literal(kwargs, 0, limit)
        return
    for key, value in kwargs.items():
        if not first:
            yield ", "
        first = False
        yield key if isinstance(key, str) and key.isidentifier() else _short_repr(key, limit)
        yield "="
        yield from _literal(value, 0, limit)


def _literal(value: Any, depth: int, limit: int) -> Iterator[str]:
    """``value`` as a Python literal, in pieces (a long string is cut before it is quoted)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        yield _short_repr(value, limit)
    elif depth >= MAX_DEPTH:
        yield ELLIPSIS
    elif isinstance(value, (list, tuple)):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ", "
            yield from _literal(item, depth + 1, limit)
        yield "]"
    elif isinstance(value, dict):
        yield "{"
        for index, (key, item) in enumerate(value.items()):
            if index:
                yield ", "
            yield _short_repr(key, limit)
            yield ": "
            yield from _literal(item, depth + 1, limit)
        yield "}"
    else:
        yield f"<{type(value).__name__}>"


def _short_repr(value: Any, limit: int) -> str:
    """The repr of a scalar, a string longer than the line cut first (the line is cut anyway)."""
    if isinstance(value, str) and len(value) > limit:
        value = value[: max(limit, 0)]
    try:
        return repr(value)
    except ValueError:  # an int too long to print (sys.get_int_max_str_digits)
        return f"<int of {value.bit_length()} bits>" if isinstance(value, int) else "<value>"
