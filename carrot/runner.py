"""Running one task: call it, capture its log, and describe the result.

What a run produces is stored as it is, except that each NUL character becomes U+FFFD
(:func:`carrot.values.storable_text`): PostgreSQL cannot store NUL, and a result it refuses used to
be retried forever.

A task's log is every record of the ``carrot`` logger (``logging.getLogger("carrot")`` or a child of it,
as in 1.x) emitted on the thread running the task, at every level, with its time and level, so the
monitor can filter by level. Records of django-carrot's own modules are not part of a task's log.
"""

from __future__ import annotations

import datetime
import json
import logging
import sys
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from carrot import pipeline, registry
from carrot.errors import CarrotError, Interrupt
from carrot.messages import TaskMessage
from carrot.values import storable_text

if TYPE_CHECKING:  # the watchdog builds Outcomes
    from carrot.watchdog import Watch

TASK_LOGGER = "carrot"

LogEntry = dict[str, Any]


@dataclass
class Outcome:
    """What one run of a task produced, as text every supported database stores."""

    succeeded: bool
    output: str = ""
    exception: str = ""
    traceback: str = ""
    log: list[LogEntry] = field(default_factory=list)
    error: BaseException | None = None


class _TaskLogHandler(logging.Handler):
    """Collects the records of the task running on the current thread, if any."""

    def __init__(self) -> None:
        super().__init__(level=logging.NOTSET)
        self._local = threading.local()

    @contextmanager
    def collecting(self) -> Iterator[list[LogEntry]]:
        entries: list[LogEntry] = []
        self._local.entries = entries
        try:
            yield entries
        finally:
            self._local.entries = None

    def emit(self, record: logging.LogRecord) -> None:
        entries = getattr(self._local, "entries", None)
        if entries is None or (record.name.startswith("carrot.") and record.name in sys.modules):
            return
        entries.append(
            {
                "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.timezone.utc).isoformat(),
                "level": record.levelname,
                "levelno": record.levelno,
                "logger": storable_text(record.name),
                "message": storable_text(self._message(record)),
            }
        )

    def _message(self, record: logging.LogRecord) -> str:
        try:
            text = record.getMessage()
        except (TypeError, ValueError) as exc:
            text = f"{record.msg!r} (unformattable: {exc})"
        if record.exc_info:
            text = f"{text}\n{''.join(traceback.format_exception(*record.exc_info))}"
        return text


_handler = _TaskLogHandler()


def install_log_capture() -> None:
    """Attach the capturing handler to the ``carrot`` logger and let every level through to it.

    Console output keeps its own level: the service's console handler filters, not the logger.
    """
    task_logger = logging.getLogger(TASK_LOGGER)
    if _handler not in task_logger.handlers:
        task_logger.addHandler(_handler)
    task_logger.setLevel(logging.DEBUG)


def encode_output(value: Any) -> str:
    """A task's return value as JSON when it serialises, else its (storable) ``repr``."""
    if value is None:
        return ""
    try:
        return json.dumps(value)  # escapes NUL
    except (TypeError, ValueError):
        return storable_text(repr(value))


def run(message: TaskMessage, watch: Watch | None = None) -> Outcome:
    """Run the registered task a message names; never raises for the task's own failures.

    With a ``watch``, the watchdog may interrupt the task (time limit, cancellation) while it runs,
    and never after ``run`` returns. A run it interrupted fails with that interrupt even when the task
    caught it and returned.
    """
    with _handler.collecting() as entries:
        try:
            func = registry.resolve(message.task)
            # Only the task is watched: an interrupt landing in carrot's own code could leave a lock held.
            try:
                if watch is not None:
                    watch.enter(entries)
                value = func(*message.args, **message.kwargs)
            finally:
                if watch is not None:
                    watch.leave()
            pipeline.flush()  # the tasks it published are confirmed before it counts as done
        except (Exception, SystemExit, Interrupt) as exc:
            if watch is not None:
                watch.leave()  # again: an interrupt may have cut the first one short
            return _failed(exc, entries)
    if watch is not None and watch.interrupt is not None:
        return _failed(watch.interrupt(), entries)
    return Outcome(succeeded=True, output=encode_output(value), log=entries)


def _failed(exc: BaseException, entries: list[LogEntry]) -> Outcome:
    described = exc if isinstance(exc, CarrotError) else None
    return Outcome(
        succeeded=False,
        exception=storable_text(str(described) if described else f"{type(exc).__name__}: {exc}"),
        traceback="" if described else storable_text("".join(traceback.format_exception(exc))),
        log=entries,
        error=exc,
    )
