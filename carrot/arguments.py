"""Parsing task arguments typed by people: in the monitor and on the command line.

Positional arguments are Python literals separated by commas (``True, 1, 'test', {'foo': 'bar'}``),
parsed as one tuple with :func:`ast.literal_eval` (never ``eval``, never split on commas: dicts contain
commas). Keyword arguments are a JSON object. ``literal_eval`` is not safe against huge or deeply nested
input, so the input length and the bracket nesting are capped before it runs (on CPython 3.11 a
``RecursionError`` inside the parser can leave it raising ``SystemError`` for the same input), and every
error it can raise becomes an :class:`ArgumentError`.
"""

from __future__ import annotations

import ast
import re
from typing import Any

from carrot import values
from carrot.errors import CarrotError, SerializationError

MAX_INPUT_LENGTH = 10_000
MAX_NESTING = 100
"""Brackets nested deeper than this are refused before parsing; JSON values a task takes are far shallower."""


class ArgumentError(CarrotError):
    """Arguments that cannot be parsed; the message says what is wrong."""


def _check_length(text: str, what: str) -> None:
    if len(text) > MAX_INPUT_LENGTH:
        raise ArgumentError(f"{what} are too long ({len(text)} characters; at most {MAX_INPUT_LENGTH}).")


_TOKENS = re.compile(r"""'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|[-+~]|\bnot\b|\s+|.""", re.DOTALL)
"""String literals (closed or not), unary operators, whitespace, any other character."""
_BRACKET_STEP = {"(": 1, "[": 1, "{": 1, ")": -1, "]": -1, "}": -1}


def _nesting(text: str) -> int:
    """The deepest nesting in ``text``: brackets, or a run of unary operators (``- - not ~1``).

    Both make Python's parser recurse once per level; strings are skipped. A scan, not a parse.
    """
    depth = deepest = unary = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in ("-", "+", "~", "not"):
            unary += 1
        elif not token.isspace():
            unary = 0
            depth += _BRACKET_STEP.get(token, 0)
        deepest = max(deepest, depth, unary)
    return deepest


def check_nesting(text: str, what: str) -> None:
    """Raise :class:`ArgumentError` when ``text`` nests deeper than :data:`MAX_NESTING`."""
    if _nesting(text) > MAX_NESTING:
        raise ArgumentError(
            f"{what} are nested too deeply (more than {MAX_NESTING} levels of brackets or signs)."
        )


def _json_safe(value: Any, what: str) -> None:
    try:
        values.dumps_strict(value, what)
    except SerializationError as exc:
        raise ArgumentError(str(exc)) from None


def _syntax_problem(text: str) -> str:
    """The syntax error in what the person typed (not in the tuple it is wrapped in to be parsed)."""
    try:
        ast.parse(text, mode="eval")
    except SyntaxError as exc:
        return f"{exc.msg} (column {exc.offset})" if exc.offset else exc.msg
    except (MemoryError, RecursionError, ValueError):
        return "too deeply nested"
    return "invalid syntax"


def _not_literal(source: str) -> str:
    """What in ``source`` is not a literal, in words (``literal_eval``'s own message shows AST nodes)."""
    try:
        tree = ast.parse(source, mode="eval")
    except (SyntaxError, MemoryError, RecursionError, ValueError):
        return "not a literal"
    for node in ast.walk(tree):
        if isinstance(node, ast.Name):
            return f"{node.id!r} is not a literal (did you mean the string '{node.id}'?)"
        if isinstance(node, ast.Call):
            return "function calls are not allowed"
    return "only strings, numbers, lists, tuples, dicts, True, False and None are allowed"


def parse_positional(text: str) -> list[Any]:
    """``"True, 1, 'test'"`` -> ``[True, 1, 'test']``; an empty string is no arguments."""
    _check_length(text, "Positional arguments")
    check_nesting(text, "Positional arguments")
    stripped = text.strip().removesuffix(",")
    if not stripped:
        return []
    source = f"({stripped},)"
    try:
        value = ast.literal_eval(source)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError) as exc:
        detail = _syntax_problem(stripped) if isinstance(exc, SyntaxError) else _not_literal(source)
        raise ArgumentError(
            "Positional arguments must be Python literals separated by commas, e.g. "
            f"True, 1, 'test', {{'foo': 'bar'}} (quote strings): {detail}."
        ) from None
    result = list(value)
    _json_safe(result, "Positional arguments")
    return result


def parse_keyword(text: str) -> dict[str, Any]:
    """``'{"a": 1}'`` -> ``{"a": 1}``; an empty string is no arguments. JSON, not a Python dict."""
    _check_length(text, "Keyword arguments")
    check_nesting(text, "Keyword arguments")
    if not text.strip():
        return {}
    try:
        value = values.decode_json(text)
    except (ValueError, RecursionError) as exc:
        raise ArgumentError(
            f'Keyword arguments must be a JSON object such as {{"name": true}} '
            f"(JSON, not a Python dict: double quotes, true/false/null): {exc}."
        ) from None
    if not isinstance(value, dict):
        raise ArgumentError(f"Keyword arguments must be a JSON object, got {type(value).__name__}.")
    _json_safe(value, "Keyword arguments")
    return value


def parse_cli_value(text: str) -> Any:
    """One command-line argument: a Python literal, else JSON (``true``, ``null``); strict JSON only."""
    _check_length(text, "Arguments")
    check_nesting(text, "Arguments")
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        try:
            value = values.decode_json(text)
        except (ValueError, RecursionError):
            raise ArgumentError(
                f"{text!r} is neither a Python literal nor JSON; quote strings, e.g. \"'hello'\"."
            ) from None
    _json_safe(value, f"Argument {text!r}")
    return value
