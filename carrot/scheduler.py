"""The scheduler loop: publish each due :class:`~carrot.models.ScheduledTask` exactly once.

One loop per service (not a thread per task). Each scheduled task stores ``next_run_at``. Due tasks
are claimed in batches: one conditional ``UPDATE ... WHERE (id, next_run_at) = <the values read>``
per batch moves them forward, in a transaction that is rolled back unless it matched every row of
the batch (then the batch is claimed one task at a time, each with its own conditional ``UPDATE``).
So when several services run at once, only the one whose update matched publishes a run. On
PostgreSQL the batch is read with ``SELECT ... FOR UPDATE SKIP LOCKED``, so services claim different
batches side by side instead of queueing behind each other's row locks. A claimed batch is published
with :func:`~carrot.publishing.publish_many` (one ``INSERT``, pipelined broker confirms).

A task runs every interval, or at the slots of its cron expression in its time zone (:mod:`carrot.cron`:
each wall-clock slot once across daylight saving time changes). ``next_run_at`` always holds the next
slot in UTC, so claiming is the same for both.

Runs are spread: a task with an interval of a minute or more, or a five-field cron expression, runs
:func:`spread` after its ``next_run_at``, a fixed offset under :data:`SPREAD` taken from its id (never
before it). Thousands of tasks created together (all due at the same instant) then reach the broker
over those seconds, each within a fraction of a second of its own due time, instead of in one burst
that takes seconds to publish and leaves the last of them seconds late. Tasks that run more often than
every minute, and cron expressions with a seconds field, are not spread.

The loop re-reads the table at least every second, so edits, deactivation and deletion take effect
within a second or two. After downtime a task runs once, however many of its slots were missed, and
its next run is its first slot after the claim; with ``CARROT['scheduler_catch_up']`` the claim
publishes one run per missed slot instead, at most :data:`CATCH_UP_LIMIT`. A cron task whose stored
expression or zone cannot be evaluated (written around validation, or a zone the system no longer
knows) runs its due slot, then is parked: ``next_run_at`` cleared, an error logged, until it is saved
with a valid one.
"""

from __future__ import annotations

import datetime
import functools
import logging
import operator
from collections import defaultdict

from django.db import connections
from django.db.models import Case, DateTimeField, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone

from carrot import cron, database
from carrot.conf import DEFAULT_SCHEDULER_SPREAD, get_settings
from carrot.dbretry import GaveUp, with_db_retry
from carrot.errors import CarrotError, PublishError
from carrot.models import ScheduledTask
from carrot.publishing import TaskCall, publish_many, scheduled_call
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

MAX_SLEEP = 1.0
MIN_SLEEP = 0.02
"""Shortest wait for a spread run that is not due yet (keeps the loop from spinning)."""
BATCH = 500
"""Due tasks claimed and published together (one ``UPDATE``, one ``INSERT``, one confirm pipeline)."""
SPREAD = datetime.timedelta(seconds=DEFAULT_SCHEDULER_SPREAD)
"""By default, runs of tasks with an interval of at least :data:`SPREAD_FROM` start within this after
``next_run_at``."""
SPREAD_FROM = datetime.timedelta(minutes=1)
CATCH_UP_LIMIT = 100
"""With ``CARROT['scheduler_catch_up']``, the most runs one claim publishes for a task's missed slots."""
_GOLDEN = 0.6180339887498949  # consecutive ids land far apart in the window
_NO_TIME = Cast(Value(None), DateTimeField())
"""A parked task's ``next_run_at``: PostgreSQL reads a bare NULL as text, and a CASE of those as text."""


def spread(pk: int, interval: datetime.timedelta) -> datetime.timedelta:
    """How long after its ``next_run_at`` the task ``pk`` runs: the same offset at every run.

    Under ``CARROT['scheduler_spread_seconds']`` (:data:`SPREAD` by default; 0 turns it off).
    """
    if interval < SPREAD_FROM:
        return datetime.timedelta(0)
    window = datetime.timedelta(seconds=get_settings().scheduler_spread_seconds)
    return window * ((pk * _GOLDEN) % 1.0)


def cadence(cron_expression: str, interval: datetime.timedelta) -> datetime.timedelta:
    """What :func:`spread` goes by: the interval, or for a cron expression a minute (0 with seconds)."""
    if not cron_expression:
        return interval
    return datetime.timedelta(0) if cron.has_seconds(cron_expression) else SPREAD_FROM


def next_run(scheduled: ScheduledTask, now: datetime.datetime) -> datetime.datetime | None:
    """The run after the one due at ``scheduled.next_run_at``, claimed at ``now``; ``None`` parks it.

    Slots missed while no service was up are skipped: an interval task's next run is one interval on
    from its last (``now`` + the interval when that has passed), a cron task's its first slot after
    ``now``. ``None`` when the task's cron expression or zone cannot be evaluated (logged).
    """
    assert scheduled.next_run_at is not None
    if not scheduled.cron:
        following = scheduled.next_run_at + scheduled.interval
        return following if following > now else now + scheduled.interval
    try:
        return cron.following(scheduled.cron, scheduled.timezone, now)
    except cron.CronError as exc:
        logger.error(
            "Scheduled task %r is parked until it is saved with a valid schedule: %s",
            scheduled.task_name,
            exc,
        )
        return None


def runs(scheduled: ScheduledTask, now: datetime.datetime) -> int:
    """How many runs claiming ``scheduled`` at ``now`` publishes: one for its due slot.

    With ``CARROT['scheduler_catch_up']`` also one per later slot up to ``now`` (slots missed while no
    service was up), at most :data:`CATCH_UP_LIMIT` in all.
    """
    assert scheduled.next_run_at is not None
    if not get_settings().scheduler_catch_up:
        return 1
    if not scheduled.cron:
        missed = (now - scheduled.next_run_at) // scheduled.interval
        return 1 + min(missed, CATCH_UP_LIMIT - 1)
    try:
        return 1 + cron.count_until(
            scheduled.cron, scheduled.timezone, scheduled.next_run_at, now, CATCH_UP_LIMIT - 1
        )
    except cron.CronError:  # next_run parks it and says why
        return 1


def claim(scheduled: ScheduledTask, now: datetime.datetime) -> bool:
    """Atomically move a due task's ``next_run_at`` forward; ``True`` when this caller won it."""
    assert scheduled.next_run_at is not None
    updated = ScheduledTask.objects.filter(
        pk=scheduled.pk, active=True, next_run_at=scheduled.next_run_at
    ).update(next_run_at=next_run(scheduled, now), last_run_at=now)
    return updated == 1


class _Contended(Exception):
    """Another service claimed part of a batch first: roll the batch's claim back."""

    def __init__(self, matched: int) -> None:
        super().__init__(f"the claim matched {matched} rows of the batch")
        self.matched = matched


def _grouped(
    pairs: list[tuple[datetime.datetime | None, int]],
) -> dict[datetime.datetime | None, list[int]]:
    """Primary keys by datetime, so that tasks that fell due together cost one SQL term, not one each."""
    groups: dict[datetime.datetime | None, list[int]] = defaultdict(list)
    for moment, pk in pairs:
        groups[moment].append(pk)
    return groups


def _claim_all(due: list[ScheduledTask], now: datetime.datetime) -> int:
    """One conditional ``UPDATE`` for the whole batch; returns how many rows it matched."""
    read: list[tuple[datetime.datetime | None, int]] = []
    following: list[tuple[datetime.datetime | None, int]] = []
    for task in due:
        assert task.next_run_at is not None
        read.append((task.next_run_at, task.pk))
        following.append((next_run(task, now), task.pk))
    unchanged = functools.reduce(
        operator.or_, (Q(next_run_at=at, pk__in=pks) for at, pks in _grouped(read).items())
    )
    next_run_at = Case(
        *(When(pk__in=pks, then=Value(at) if at else _NO_TIME) for at, pks in _grouped(following).items()),
        output_field=DateTimeField(),
    )
    claimed = ScheduledTask.objects.filter(unchanged, active=True)
    return claimed.update(next_run_at=next_run_at, last_run_at=now)


def _due(now: datetime.datetime, pks: list[int], *, lock: bool) -> list[ScheduledTask]:
    due = ScheduledTask.objects.filter(pk__in=pks, active=True, next_run_at__lte=now).order_by("next_run_at")
    if lock:
        due = due.select_for_update(skip_locked=True)
    return list(due)


def claim_due(now: datetime.datetime, pks: list[int]) -> list[ScheduledTask]:
    """Claim the tasks ``pks`` that are still due at ``now``; returns those this caller won (committed).

    Where the database can skip locked rows (PostgreSQL), the batch is read and claimed in one
    transaction holding its rows, so a second service passes over them. Elsewhere (SQLite, whose
    writers are serialised anyway) it is read first and the transaction starts with the ``UPDATE``, so
    the claim never works from a stale snapshot. Either way a claim that matched only part of the batch
    is rolled back and redone task by task; one that matched nothing (another service took the whole
    batch, as two services on SQLite often do) claims nothing.
    """
    lock = database.connection().features.has_select_for_update_skip_locked
    due = [] if lock else _due(now, pks, lock=False)
    try:
        with database.atomic():
            if lock:
                due = _due(now, pks, lock=True)
            matched = _claim_all(due, now) if due else 0
            if matched != len(due):
                raise _Contended(matched)
        return due
    except _Contended as contended:
        if not contended.matched:
            return []
        return [scheduled for scheduled in due if claim(scheduled, now)]


def _calls(scheduled: ScheduledTask, now: datetime.datetime) -> list[TaskCall]:
    return [scheduled_call(scheduled)] * runs(scheduled, now)


def _publish_one(scheduled: ScheduledTask, now: datetime.datetime) -> int:
    try:
        publish_many(_calls(scheduled, now))  # waits for the broker's confirm, as the batch does
    except CarrotError as exc:
        logger.error("Scheduled task %r could not be published: %s", scheduled.task_name, exc)
        return 0
    return 1


def _publish(claimed: list[ScheduledTask], now: datetime.datetime) -> int:
    """Publish the claimed runs together; one task at a time when one of them is invalid (nothing sent yet).

    Returns how many of the tasks were published.
    """
    try:
        publish_many([call for scheduled in claimed for call in _calls(scheduled, now)])
    except PublishError as exc:  # logs written and marked FAILED: publishing again would duplicate
        logger.error("Scheduled tasks could not be published: %s", exc)
        return 0
    except CarrotError:  # e.g. a task no longer registered: nothing was written or sent
        return sum(_publish_one(scheduled, now) for scheduled in claimed)
    return len(claimed)


def schedule(now: datetime.datetime) -> list[tuple[datetime.datetime, int]]:
    """``(due time, pk)`` of the active tasks due by ``now`` + :data:`MAX_SLEEP`, earliest first.

    The due time is ``next_run_at`` plus the task's :func:`spread`.
    """
    horizon = now + datetime.timedelta(seconds=MAX_SLEEP)
    rows = ScheduledTask.objects.filter(active=True, next_run_at__lte=horizon).values_list(
        "pk", "next_run_at", "interval_type", "interval_count", "cron"
    )
    seconds = ScheduledTask._SECONDS_PER
    planned = []
    for pk, next_run_at, kind, count, expression in rows:
        assert next_run_at is not None  # the filter above
        interval = datetime.timedelta(seconds=seconds[kind] * count)
        planned.append((next_run_at + spread(pk, cadence(expression, interval)), pk))
    return sorted(planned)


def _publish_ready(now: datetime.datetime, planned: list[tuple[datetime.datetime, int]]) -> tuple[int, int]:
    """Claim and publish one batch of the runs due at ``now``; ``(due, published)``."""
    ready = [pk for due_at, pk in planned if due_at <= now]
    claimed = claim_due(now, ready[:BATCH]) if ready else []
    return len(ready), _publish(claimed, now) if claimed else 0


def publish_due(now: datetime.datetime | None = None) -> int:
    """Claim and publish one batch of the tasks due at ``now``; returns how many tasks this call published.

    (A task caught up with ``CARROT['scheduler_catch_up']`` publishes several runs and counts once.)
    """
    now = now or timezone.now()
    return _publish_ready(now, schedule(now))[1]


def seconds_until_next(now: datetime.datetime, planned: list[tuple[datetime.datetime, int]]) -> float:
    """How long the loop may sleep: until the next due run in ``planned``, at most :data:`MAX_SLEEP`."""
    upcoming = [due_at for due_at, _ in planned if due_at > now]
    if not upcoming:
        return MAX_SLEEP
    return max(MIN_SLEEP, min(MAX_SLEEP, (upcoming[0] - now).total_seconds()))


class Scheduler(StoppableThread):
    """Runs :func:`publish_due` until stopped, riding out database outages."""

    def __init__(self) -> None:
        super().__init__(name="scheduler")

    def _tick(self) -> float:
        now = timezone.now()
        planned = schedule(now)
        due, published = _publish_ready(now, planned)
        if due > published:  # more than a batch, or runs another service took: look again at once
            return 0.0
        return seconds_until_next(timezone.now(), planned)

    def run(self) -> None:
        logger.info("Scheduler started")
        try:
            while not self._stopping.is_set():
                try:
                    delay = with_db_retry(self._tick, self._stopping, "publishing scheduled tasks")
                except GaveUp:
                    break
                self._stopping.wait(delay)
        finally:
            connections.close_all()
            logger.info("Scheduler stopped")
