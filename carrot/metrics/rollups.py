"""Per-minute counts of task events, gathered in memory and added to the database in batches.

The write path stays off the database: :mod:`carrot.signals`, as it sends each task event, adds one
to a counter in this process's memory (:class:`Buffer`), and a daemon thread adds what gathered to
the database every :data:`FLUSH_SECONDS`, at ``Service.stop`` and at interpreter exit. One flush is
one transaction: per (minute, queue, task) one increment of its :class:`~carrot.models.TaskRollup`
row, per (span, start, queue, task) one of its :class:`~carrot.models.TaskSpanRollup` row (the
quarter hour and the hour the minute falls in, for the charts of a day and a week; also the rows
of its queue's every task, its task on every queue, and everything, whose queue or task is
:data:`ALL`, so that a chart reads one row per span whatever it is narrowed to), and per (queue,
task) one of its :class:`~carrot.models.TaskTotal` row, with the same amounts.
A process killed with SIGKILL loses what it gathered since its last flush (at most
:data:`FLUSH_SECONDS` of counts).

Several processes add to the same rows: each increment is an ``UPDATE ... SET n = n + %s`` (Django's
``F()``), and a row that does not exist yet is inserted in a savepoint; when another process inserted
it first the insert fails on the unique key and the update is run again. Rows are written in sorted
order, so two flushes never wait for each other's locks in a cycle; the three tables' locks are taken
first, all at once or not at all, so a flush never waits in a cycle with a statement that locks whole
tables (a ``TRUNCATE`` between a user's tests, a migration) either. A flush the database refuses puts
its counts back, for the next one.

Totals are never deleted: deleting old minutes (:func:`delete_expired`) leaves the Prometheus counters
as they were, so they never go down.
"""

from __future__ import annotations

import atexit
import bisect
import dataclasses
import datetime
import logging
import os
import threading
import time
from collections.abc import Mapping
from typing import Any

from django.db import DatabaseError, IntegrityError, connections
from django.db.models import F, Model, QuerySet, Sum
from django.utils import timezone

from carrot import database
from carrot.models import DURATION_BUCKETS, TaskRollup, TaskSpanRollup, TaskTotal

logger = logging.getLogger(__name__)

FLUSH_SECONDS = 5.0
"""Seconds between two flushes of a process's counts to the database."""
EVENTS = ("published", "started", "completed", "failed", "retried", "cancelled")
"""The events counted, each a field of :class:`~carrot.models.TaskCounts`."""
SPANS = (15 * 60, 60 * 60)
"""The lengths in seconds of the :class:`~carrot.models.TaskSpanRollup` rows kept beside the minutes."""
ALL = ""
"""The queue or task of a :class:`~carrot.models.TaskSpanRollup` row that sums every queue or task."""
_BOUNDS = [bound for bound, _ in DURATION_BUCKETS]

Key = tuple[int, str, str]
"""(minute as Unix seconds, queue, task)."""
Amounts = dict[str, float]
"""Field of :class:`~carrot.models.TaskCounts` to what to add to it (an ``int`` but for ``duration_sum``)."""


def merge(into: Amounts, amounts: Mapping[str, float]) -> None:
    """Add ``amounts`` to ``into``."""
    for field, amount in amounts.items():
        into[field] = into.get(field, 0) + amount


def bucket(seconds: float) -> str:
    """The histogram field that counts a run of ``seconds``."""
    return DURATION_BUCKETS[bisect.bisect_left(_BOUNDS, seconds)][1]


class Buffer:
    """The counts this process gathered and has not yet added to the database."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[Key, Amounts] = {}

    def count(self, queue: str, task: str, event: str, duration: float | None = None) -> None:
        """Count ``event`` of ``task`` on ``queue`` now, and a run of ``duration`` seconds if given."""
        key = (int(time.time()) // 60 * 60, queue, task)
        with self._lock:  # one dict lookup per event: this runs on the publishing or running thread
            counts = self._counts.get(key)
            if counts is None:
                counts = self._counts[key] = {}
            counts[event] = counts.get(event, 0) + 1
            if duration is not None:
                field = bucket(duration)
                counts[field] = counts.get(field, 0) + 1
                counts["duration_sum"] = counts.get("duration_sum", 0) + duration

    def take(self) -> dict[Key, Amounts]:
        """Everything gathered, leaving the buffer empty."""
        with self._lock:
            taken, self._counts = self._counts, {}
        return taken

    def put_back(self, counts: Mapping[Key, Amounts]) -> None:
        """Return counts a flush could not write."""
        with self._lock:
            for key, amounts in counts.items():
                merge(self._counts.setdefault(key, {}), amounts)

    def flush(self) -> int:
        """Add everything gathered to the database; returns the rollup rows written. On an error
        (the database down, refusing, or not to be used here) the counts are kept for the next flush
        and the error is raised."""
        counts = self.take()
        if not counts:
            return 0
        try:
            write(counts)
        except BaseException:
            self.put_back(counts)
            raise
        return len(counts)


def _utc(seconds: int) -> datetime.datetime:
    return datetime.datetime.fromtimestamp(seconds, datetime.timezone.utc)


def write(counts: Mapping[Key, Amounts]) -> None:
    """Add ``counts`` to their minutes' rows, their spans' rows and the totals, in one transaction."""
    totals: dict[tuple[str, str], Amounts] = {}
    spans: dict[tuple[int, int, str, str], Amounts] = {}
    for (minute, queue, task), amounts in counts.items():
        merge(totals.setdefault((queue, task), {}), amounts)
        for span in SPANS:
            start = minute // span * span
            for summed in ((queue, task), (queue, ALL), (ALL, task), (ALL, ALL)):
                merge(spans.setdefault((span, start, *summed), {}), amounts)
    with database.atomic():
        database.lock_tables_at_once(TaskRollup, TaskSpanRollup, TaskTotal)
        for (minute, queue, task), amounts in sorted(counts.items()):
            _add(TaskRollup, {"minute": _utc(minute), "queue": queue, "task": task}, amounts)
        for (span, start, queue, task), amounts in sorted(spans.items()):
            key = {"span": span, "start": _utc(start), "queue": queue, "task": task}
            _add(TaskSpanRollup, key, amounts)
        for (queue, task), amounts in sorted(totals.items()):
            _add(TaskTotal, {"queue": queue, "task": task}, amounts)


def _add(model: type[Model], key: dict[str, Any], amounts: Amounts) -> None:
    """Add ``amounts`` to the row of ``model`` with ``key``, inserting it when there is none."""
    rows: QuerySet[Any] = model._default_manager.filter(**key)
    increments = {field: F(field) + amount for field, amount in amounts.items() if amount}
    if rows.update(**increments):
        return
    try:
        with database.atomic():
            model._default_manager.create(**key, **amounts)
    except IntegrityError:  # another process inserted it since the update
        rows.update(**increments)


def delete_expired(days: float, now: datetime.datetime | None = None) -> int:
    """Delete the minutes and spans that ended more than ``days`` ago (``0``: keep them forever);
    returns how many rows.

    The totals are not touched, so the Prometheus counters stay as they were.
    """
    if days <= 0:
        return 0
    before = (now or timezone.now()) - datetime.timedelta(days=days)
    deleted, _ = TaskRollup.objects.filter(minute__lt=before).delete()
    for span in SPANS:
        ended = TaskSpanRollup.objects.filter(span=span, start__lt=before - datetime.timedelta(seconds=span))
        deleted += ended.delete()[0]
    return deleted


def totals() -> QuerySet[TaskTotal]:
    """Every (queue, task)'s counts since counting began, ordered by queue and task."""
    return TaskTotal.objects.order_by("queue", "task")


RATE_MINUTES = 5
"""The window of :func:`rates`, in minutes."""


@dataclasses.dataclass(frozen=True)
class Rates:
    """Tasks per minute on one queue over the last :data:`RATE_MINUTES` minutes."""

    published: float = 0.0
    started: float = 0.0
    finished: float = 0.0
    """Runs that ended: completed, failed or to be retried."""


def rates(now: datetime.datetime | None = None) -> dict[str, Rates]:
    """Each queue's tasks per minute in and out over the last :data:`RATE_MINUTES` minutes, by name.

    One query summing the rows of the last :data:`RATE_MINUTES` minutes, the one under way included
    (the unique key leads with the minute); that one counts as far as the services flushed it, a few
    seconds behind, so a steady rate reads a little low early in a minute.
    """
    this_minute = (now or timezone.now()).replace(second=0, microsecond=0)
    since = this_minute - datetime.timedelta(minutes=RATE_MINUTES - 1)
    rows = (
        TaskRollup.objects.filter(minute__gte=since)
        .values("queue")
        .annotate(
            published=Sum("published"),
            started=Sum("started"),
            finished=Sum(F("completed") + F("failed") + F("retried")),
        )
    )
    return {
        row["queue"]: Rates(*(row[name] / RATE_MINUTES for name in ("published", "started", "finished")))
        for row in rows
    }


class Flusher(threading.Thread):
    """Flushes a :class:`Buffer` every :data:`FLUSH_SECONDS` for the life of the process."""

    def __init__(self, buffer: Buffer) -> None:
        super().__init__(name="carrot-metrics", daemon=True)
        self.buffer = buffer

    def run(self) -> None:
        while True:
            time.sleep(FLUSH_SECONDS)
            flush_quietly(self.buffer)
            connections.close_all()  # this thread's connection, unused until the next flush


def flush_quietly(buffer: Buffer) -> None:
    """Flush ``buffer``; an error is logged and the counts wait for the next flush (the flusher thread
    must outlive any error, or this process's counts would never be saved again)."""
    try:
        buffer.flush()
    except DatabaseError as exc:
        logger.warning("Task metrics not saved yet, kept for the next try: %s", exc)
    except Exception:
        logger.warning("Task metrics not saved yet, kept for the next try", exc_info=True)


_lock = threading.Lock()
_by_process: dict[int, Buffer] = {}


def buffer() -> Buffer:
    """This process's :class:`Buffer`, with its :class:`Flusher` started on first use; a forked child
    gets its own (the parent's thread does not run in the child)."""
    pid = os.getpid()
    found = _by_process.get(pid)
    if found is not None:
        return found
    with _lock:
        if pid not in _by_process:
            _by_process.clear()
            created = _by_process[pid] = Buffer()
            Flusher(created).start()
            atexit.register(flush_quietly, created)
        return _by_process[pid]
