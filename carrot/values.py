"""What a task's values may be: strict JSON that the broker carries and every supported database stores.

Python's ``json`` writes ``NaN``, ``Infinity`` and ``1e999`` (as ``Infinity``) although they are not JSON,
and PostgreSQL refuses both them and the NUL character (``\\u0000``) in text and ``jsonb``. A value
like that used to be published, then fail every attempt to write its log, and loop. So arguments are
checked at the door (:func:`encode_arguments` raises :class:`~carrot.errors.SerializationError`), a
message from another producer is decoded strictly (:func:`decode_json`), and text a task produces
(output, log lines, exceptions) is made storable on the way in (:func:`storable_text`,
:func:`storable_json`): each NUL becomes :data:`NUL_REPLACEMENT`.
"""

from __future__ import annotations

import json
import math
from typing import Any

from carrot.errors import SerializationError

NUL = "\x00"
NUL_REPLACEMENT = "\ufffd"
"""What a NUL in a task's output, log or exception is stored as (Unicode's replacement character)."""


def _nul_path(value: Any, path: str = "") -> str | None:
    """Where in ``value`` (already JSON-encodable) a string or key holds a NUL, or ``None``."""
    if isinstance(value, str):
        return (path or "the value") if NUL in value else None
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{path}[{key!r}]"
            if isinstance(key, str) and NUL in key:
                return f"{where} (the key)"
            found = _nul_path(item, where)
            if found:
                return found
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            found = _nul_path(item, f"{path}[{index}]")
            if found:
                return found
    return None


def dumps_strict(value: Any, what: str = "Task arguments") -> bytes:
    """``value`` as strict JSON bytes; raises :class:`SerializationError` saying what and where.

    Refused: values that are not JSON (objects, sets, bytes, ``NaN``, infinities, circular or too
    deeply nested structures) and text holding a NUL character.
    """
    try:
        body = json.dumps(value, allow_nan=False).encode()
    except (TypeError, ValueError, RecursionError) as exc:
        reason = "too deeply nested" if isinstance(exc, RecursionError) else str(exc)
        raise SerializationError(
            f"{what} must be strict JSON (lists, dicts, strings, finite numbers, booleans, None): {reason}"
        ) from None
    if b"\\u0000" in body:  # json escapes NUL so; a literal backslash-u0000 is rarer and re-checked here
        where = _nul_path(value)
        if where:
            raise SerializationError(
                f"{what} must not contain the NUL character (\\x00), found in {where}: PostgreSQL "
                "cannot store it. Encode binary data (base64) before publishing."
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
    """``text`` with each NUL replaced by :data:`NUL_REPLACEMENT`."""
    return text.replace(NUL, NUL_REPLACEMENT) if NUL in text else text


def storable_json(value: Any) -> Any:
    """A JSON value with NULs replaced in every string and key, and ``NaN``/infinities as strings."""
    if isinstance(value, str):
        return storable_text(value)
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    if isinstance(value, dict):
        return {storable_text(str(key)): storable_json(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [storable_json(item) for item in value]
    return value
