"""What a task's values may be: strict JSON that the broker carries and every supported database stores.

Python's ``json`` writes ``NaN``, ``Infinity`` and ``1e999`` (as ``Infinity``) although they are not JSON,
and PostgreSQL refuses both them and, in text and ``jsonb``, the NUL character (``\\u0000``) and lone
surrogates (``\\ud800``: half a character, as ``os.fsdecode`` makes of undecodable bytes). A value like
that used to be published, then fail every attempt to write its log, and loop. So arguments are
checked at the door (:func:`encode_arguments` raises :class:`~carrot.errors.SerializationError`), a
message from another producer is decoded strictly (:func:`decode_json`), and text a task produces
(output, log lines, exceptions) is made storable on the way in (:func:`storable_text`,
:func:`storable_json`): each such character becomes :data:`NUL_REPLACEMENT`.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from carrot.errors import SerializationError

NUL = "\x00"
NUL_REPLACEMENT = "\ufffd"
"""What a NUL or lone surrogate in a task's output, log or exception is stored as (Unicode's
replacement character)."""
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
"""The characters PostgreSQL cannot store: NUL, and surrogates (a Python ``str`` holds only lone ones)."""


def unstorable_path(value: Any, path: str = "") -> str | None:
    """Where in ``value`` (already JSON-encodable) a string or key holds an unstorable character."""
    if isinstance(value, str):
        return (path or "the value") if _UNSTORABLE.search(value) else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}[{key!r}]"
            if isinstance(key, str) and _UNSTORABLE.search(key):
                return f"{where} (the key)"
            found = unstorable_path(item, where)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = unstorable_path(item, f"{path}[{index}]")
            if found:
                return found
    return None


def dumps_strict(value: Any, what: str = "Task arguments") -> bytes:
    """``value`` as strict JSON bytes; raises :class:`SerializationError` saying what and where.

    Refused: values that are not JSON (objects, sets, bytes, ``NaN``, infinities, circular or too
    deeply nested structures) and text holding a NUL character or a lone surrogate.
    """
    try:
        body = json.dumps(value, allow_nan=False).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        reason = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
        raise SerializationError(
            f"{what} must be strict JSON (lists, dicts, strings, finite numbers, booleans, None): {reason}"
        ) from None
    if b"\\u0000" in body or b"\\ud" in body:  # how json escapes them (and non-BMP characters: re-checked)
        where = unstorable_path(value)
        if where:
            raise SerializationError(
                f"{what} must not contain the NUL character (\\x00) or a lone surrogate, found in "
                f"{where}: PostgreSQL cannot store them. Encode binary data (base64) before publishing."
            )
    return body


def encode_arguments(args: Any, kwargs: Any, max_bytes: int | None = None) -> bytes:
    """The message body ``{"args": [...], "kwargs": {...}}``; raises :class:`SerializationError`.

    Strict JSON (:func:`dumps_strict`), and at most ``max_bytes`` when given
    (``CARROT['max_argument_bytes']``).
    """
    body = dumps_strict({"args": list(args), "kwargs": dict(kwargs)})
    if max_bytes is not None and len(body) > max_bytes:
        raise SerializationError(
            f"Task arguments are {len(body):,} bytes as JSON, over the limit of {max_bytes:,} "
            "(CARROT['max_argument_bytes']). Store large data elsewhere and pass its key."
        )
    return body


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite_float(text: str) -> float:
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(f"{text} is too large for a JSON number")
    return number


def decode_json(data: bytes | str) -> Any:
    """Parse strict JSON: ``NaN``, infinities and numbers that overflow a float raise ``ValueError``.

    Raises ``ValueError`` (``json.JSONDecodeError`` included), ``UnicodeDecodeError`` or
    ``RecursionError`` for anything else that is not JSON.
    """
    return json.loads(data, parse_constant=_refuse_constant, parse_float=_finite_float)


def storable_text(text: str) -> str:
    """``text`` with each NUL and lone surrogate replaced by :data:`NUL_REPLACEMENT`."""
    return _UNSTORABLE.sub(NUL_REPLACEMENT, text)


def _storable_scalar(value: Any) -> Any:
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    return value


def storable_json(value: Any) -> Any:
    """A JSON value with unstorable characters replaced in every string and key, ``NaN``/infinities as text.

    Walks the value with a stack of its own, not by recursion: a message from another producer may
    be nested as deep as the JSON decoder allows, deeper than Python's call stack.
    """
    root: list[Any] = [None]
    stack: list[tuple[Any, Any, Any]] = [(value, root, 0)]
    while stack:
        item, parent, slot = stack.pop()
        if isinstance(item, dict):
            mapping: dict[str, Any] = {}
            parent[slot] = mapping
            for key, child in item.items():
                safe_key = storable_text(str(key))
                mapping[safe_key] = None
                stack.append((child, mapping, safe_key))
        elif isinstance(item, list | tuple):
            items: list[Any] = [None] * len(item)
            parent[slot] = items
            stack.extend((child, items, index) for index, child in enumerate(item))
        else:
            parent[slot] = _storable_scalar(item)
    return root[0]
