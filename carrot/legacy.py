"""Values of a django-carrot 1.x database, converted to what this version stores.

Pure functions, no database: the migration that converts a 1.x database in place
(``carrot/migrations/0008_convert_from_1x.py``) and the ``carrot_import_1x`` command both call them.
They are frozen API for that migration: change what they return only together with a new migration.

What 1.x stored, and how each value is read (1.1 to 1.5 wrote the same columns):

- ``MessageLog.task_args``: ``str()`` of the positional arguments tuple, e.g. ``"(0, 10)"`` or ``"()"``
  (a list's ``repr`` when a caller passed a list). Read with :func:`ast.literal_eval`, then through
  JSON, which is what 1.x's consumer passed the task (tuples became lists). Text that is not literals
  (``datetime.datetime(...)``) or not JSON values (sets, bytes) is kept as one string argument.
- ``MessageLog.content`` and ``ScheduledTask.content``: the keyword arguments as JSON text. 1.x's
  ``create_scheduled_task`` wrote ``'"{}"'`` (a JSON string) for none, and 1.x ran a JSON string as no
  keyword arguments: so does the conversion.
- ``ScheduledTask.task_args``: text that 1.x split on commas and passed as strings (``"1, 2"`` ran as
  ``('1', '2')``); kept as that list of strings, so a task runs as it did.
- ``ScheduledTask.interval_type``: ``weeks`` (accepted by 1.x's ``create_scheduled_task`` though not
  by its form, and then run every *n* seconds) becomes days x 7, so the task runs weekly.
- ``NULL`` text columns become ``""``; a 1.x log's text is split into log entries.

Every change that a person may not expect is described in :attr:`Converted.problems`.
"""

from __future__ import annotations

import ast
import json
import logging
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from carrot import values
from carrot.arguments import MAX_NESTING, ArgumentError, check_nesting
from carrot.errors import SerializationError

NAME_LENGTH = 200
"""``ScheduledTask.task_name``'s ``max_length``."""
DEFAULT_QUEUE = "default"
"""The queue 1.x published to when a scheduled task named none."""
SECONDS_PER = {"seconds": 1, "minutes": 60, "hours": 3600, "days": 86400}
MAX_INTERVAL_SECONDS = 365 * 86400
"""The longest interval the monitor accepts (``ScheduledTask.MAX_INTERVAL``)."""
SHOWN = 80
"""How much of a value a problem quotes."""

_LOG_LINE = re.compile(
    r"(?P<logger>.*?)\s+(?P<time>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3})\s+(?P<level>\w+):: (?P<message>.*)",
    re.DOTALL,
)
"""A line of 1.x's log format ``%(threadName)-10s %(asctime)-10s %(levelname)s:: %(message)s``."""
_NESTING_SIGNS = ("(", "[", "{", "-", "+", "~", "not")
"""What Python's parser recurses on: text with fewer of them cannot reach ``MAX_NESTING``."""


@dataclass(frozen=True)
class Converted:
    """The field values of one converted row, and what a person should know about the conversion."""

    fields: dict[str, Any]
    problems: tuple[str, ...] = ()


def _shown(text: str) -> str:
    return repr(text if len(text) <= SHOWN else text[:SHOWN] + "...")


def _as_json(value: Any) -> tuple[Any, str | None]:
    """``value`` as 1.x's consumer received it (through JSON), and a note on what had to change.

    Values JSON holds but PostgreSQL does not (``NaN``, infinities, NUL) are made storable and the note
    says so. ``(None, reason)`` when ``value`` is not JSON at all (a set, bytes).
    """
    try:
        return json.loads(values.dumps_strict(value)), None
    except SerializationError:
        try:
            lenient = json.loads(json.dumps(value))
        except (TypeError, ValueError, RecursionError) as exc:
            return None, str(exc)
        return values.storable_json(lenient), "NaN, infinities and NUL characters were stored as text"


def log_positional(text: str | None) -> tuple[list[Any], tuple[str, ...]]:
    """A 1.x log's ``task_args`` text (``"(0, 10)"``) as the list of arguments, and any problem."""
    if text is None or not text.strip():
        return [], ()
    try:
        if sum(text.count(sign) for sign in _NESTING_SIGNS) > MAX_NESTING:  # else it cannot nest that deep
            check_nesting(text, "Positional arguments")
        with warnings.catch_warnings():  # invalid escapes in old text are not this reader's concern
            warnings.simplefilter("ignore")
            parsed = ast.literal_eval(text.strip())
    except (ArgumentError, ValueError, SyntaxError, TypeError, MemoryError, RecursionError):
        return [values.storable_text(text)], (
            f"positional arguments {_shown(text)} are not literals: kept as one string",
        )
    if not isinstance(parsed, tuple | list):
        parsed = (parsed,)
    converted, reason = _as_json(list(parsed))
    if converted is None:
        return [values.storable_text(text)], (
            f"positional arguments {_shown(text)} are not JSON values ({reason}): kept as one string",
        )
    return converted, ((f"positional arguments {_shown(text)}: {reason}",) if reason else ())


def keyword_arguments(text: str | None) -> tuple[dict[str, Any], tuple[str, ...]]:
    """A 1.x ``content`` (keyword arguments as JSON text) as a dict, and any problem.

    A JSON string is no keyword arguments, as 1.x ran it (``'"{}"'`` is how 1.x stored none).
    """
    if text is None or not text.strip():
        return {}, ()
    try:
        parsed = json.loads(text)
    except (ValueError, RecursionError):
        return {}, (f"keyword arguments {_shown(text)} are not JSON: dropped (1.x could not read them)",)
    if isinstance(parsed, str):
        if parsed.strip() in ("", "{}"):
            return {}, ()
        return {}, (f"keyword arguments {_shown(text)} are a JSON string, which 1.x ran as none: dropped",)
    if not isinstance(parsed, dict):
        return {}, (
            f"keyword arguments {_shown(text)} are not a JSON object: dropped (1.x could not read them)",
        )
    converted, reason = _as_json(parsed)
    return converted, ((f"keyword arguments {_shown(text)}: {reason}",) if reason else ())


def schedule_positional(text: str | None) -> list[str]:
    """A 1.x scheduled task's ``task_args`` as the strings 1.x passed: ``"1, 2"`` -> ``["1", "2"]``.

    1.x split the text on commas, dropped empty pieces and stripped the rest (``ScheduledTask.
    positional_arguments``); quotes and numbers stay text, as 1.x ran them.
    """
    if not text:
        return []
    return [values.storable_text(piece.strip()) for piece in text.split(",") if piece]


def _log_entry(level: str, message: str, logger: str = "", time: str | None = None) -> dict[str, Any]:
    levelno = logging.getLevelName(level)
    if not isinstance(levelno, int):
        level, levelno = "INFO", logging.INFO
    return {"time": time, "level": level, "levelno": levelno, "logger": logger, "message": message}


def log_entries(text: str | None) -> list[dict[str, Any]]:
    """A 1.x log text (lines ``<thread> <asctime> <LEVEL>:: <message>``) as this version's log entries.

    A line that does not start like that (a traceback the task logged) continues the entry before it.
    ``time`` is the text's time in ISO 8601 without a zone: 1.x wrote the consumer's local time.
    """
    entries: list[dict[str, Any]] = []
    for line in values.storable_text(text or "").splitlines():
        match = _LOG_LINE.fullmatch(line)
        if match:
            time = match["time"].replace(" ", "T").replace(",", ".")
            entries.append(_log_entry(match["level"], match["message"], match["logger"].strip(), time))
        elif entries:
            entries[-1]["message"] += "\n" + line
        elif line.strip():
            entries.append(_log_entry("INFO", line))
    return entries


def log_fields(row: Mapping[str, Any]) -> Converted:
    """A 1.x ``carrot_messagelog`` row (column name -> value) as this version's field values.

    Returns the fields whose type or meaning changed: ``task_args``, ``content``, ``log`` and the text
    columns that 1.x left ``NULL``. The other columns (status, uuid, times, priority) keep their value.
    """
    args, args_problems = log_positional(row.get("task_args"))
    kwargs, kwargs_problems = keyword_arguments(row.get("content"))
    fields: dict[str, Any] = {"task_args": args, "content": kwargs, "log": log_entries(row.get("log"))}
    for column in ("queue", "exchange", "routing_key", "output", "exception", "traceback"):
        fields[column] = values.storable_text(row.get(column) or "")
    return Converted(fields, args_problems + kwargs_problems)


def interval(interval_type: str | None, interval_count: int | None) -> tuple[str, int, tuple[str, ...]]:
    """A 1.x interval as ``(interval_type, interval_count, problems)`` of this version.

    ``weeks`` become days x 7. Another unknown unit ran every *n* seconds in 1.x and still does; a
    count of 0 (1.x published such a task without pause) becomes 1.
    """
    unit, count, problems = interval_type or "seconds", interval_count or 0, []
    if count < 1:
        problems.append(f"interval count {count} became 1 (1.x published the task without pause)")
        count = 1
    if unit in ("weeks", "week"):
        problems.append(
            f"every {count} {unit} became every {count * 7} days (1.x ran it every {count} seconds)"
        )
        unit, count = "days", count * 7
    elif unit not in SECONDS_PER:
        problems.append(f"unknown interval unit {_shown(unit)} became seconds, as 1.x ran it")
        unit = "seconds"
    if SECONDS_PER[unit] * count > MAX_INTERVAL_SECONDS:
        problems.append(f"every {count} {unit} is longer than a year: the monitor asks for less when edited")
    return unit, count, tuple(problems)


def schedule_fields(row: Mapping[str, Any]) -> Converted:
    """A 1.x ``carrot_scheduledtask`` row as this version's field values, ``task_name`` aside.

    ``task_args`` become the strings 1.x passed (see :func:`schedule_positional`; a problem says so
    whenever there are any), ``content`` a dict, the interval one this version runs (see
    :func:`interval`), a missing queue ``"default"`` (where 1.x published it).
    """
    args = schedule_positional(row.get("task_args"))
    problems = []
    if args:
        problems.append(
            f"positional arguments {_shown(row['task_args'])} stay the strings {args!r} 1.x passed"
        )
    kwargs, kwargs_problems = keyword_arguments(row.get("content"))
    unit, count, interval_problems = interval(row.get("interval_type"), row.get("interval_count"))
    fields = {
        "task_args": args,
        "content": kwargs,
        "interval_type": unit,
        "interval_count": count,
        "queue": row.get("queue") or DEFAULT_QUEUE,
        "exchange": row.get("exchange") or "",
        "routing_key": row.get("routing_key") or "",
    }
    return Converted(fields, (*problems, *kwargs_problems, *interval_problems))


def _suffixed(name: str, suffix: str) -> str:
    return name[: NAME_LENGTH - len(suffix)] + suffix


def _free(name: str, pk: int, taken: set[str]) -> str:
    """``name`` if it is not taken, else ``name-<pk>`` (``name-<pk>-2``, ... if that is taken too)."""
    candidate, attempt = name[:NAME_LENGTH], 1
    while candidate in taken:
        candidate = _suffixed(name, f"-{pk}" if attempt == 1 else f"-{pk}-{attempt}")
        attempt += 1
    return candidate


def unique(rows: Iterable[tuple[int, str]]) -> dict[int, str]:
    """``(id, value)`` pairs made unique: the lowest id keeps a value, others get ``-<id>`` appended.

    Returns the new values of the rows that change only. New values stay within :data:`NAME_LENGTH`
    and differ from every value given.
    """
    ordered = sorted(rows)
    taken = {value for _, value in ordered}
    seen: set[str] = set()
    changed: dict[int, str] = {}
    for pk, value in ordered:
        if value in seen:
            changed[pk] = _free(value, pk, taken)
            taken.add(changed[pk])
        seen.add(value)
    return changed


def unique_task_names(rows: Iterable[tuple[int, str, str | None]]) -> dict[int, str]:
    """``(id, task, task_name)`` of 1.x scheduled tasks -> the new names of the rows whose name changes.

    1.x never enforced unique names. Among duplicates the lowest id keeps the name and the others get
    ``-<id>`` appended. A task without a name (``NULL`` or empty) is named after its task path,
    suffixed the same way when that name is taken.
    """
    rows = sorted(rows)
    named = [(pk, name) for pk, _, name in rows if name]
    renamed = unique(named)
    taken = {name for _, name in named} | set(renamed.values())
    for pk, task, name in rows:
        if not name:
            renamed[pk] = _free(task, pk, taken)
            taken.add(renamed[pk])
    return renamed
