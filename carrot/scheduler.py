"""The scheduler loop: publish each due :class:`~carrot.models.ScheduledTask` exactly once.

One loop per service (not a thread per task). Each scheduled task stores ``next_run_at``; a due task
is claimed with a conditional ``UPDATE ... WHERE id = %s AND next_run_at = <the value read>``, so when
several services run at once only the one whose update matched publishes it. The loop re-reads the
table at least every second, so edits, deactivation and deletion take effect within a second or two.
"""

from __future__ import annotations

import datetime
import logging

from django.db import connections
from django.utils import timezone

from carrot.dbretry import GaveUp, with_db_retry
from carrot.errors import CarrotError
from carrot.models import ScheduledTask
from carrot.publishing import publish, scheduled_call
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

MAX_SLEEP = 1.0
BATCH = 500


def _next_run(
    previous_due: datetime.datetime, interval: datetime.timedelta, now: datetime.datetime
) -> datetime.datetime:
    """The run after ``previous_due``; a run missed while no service was up is skipped, not replayed."""
    following = previous_due + interval
    return following if following > now else now + interval


def claim(scheduled: ScheduledTask, now: datetime.datetime) -> bool:
    """Atomically move a due task's ``next_run_at`` forward; ``True`` when this caller won it."""
    assert scheduled.next_run_at is not None
    updated = ScheduledTask.objects.filter(
        pk=scheduled.pk, active=True, next_run_at=scheduled.next_run_at
    ).update(next_run_at=_next_run(scheduled.next_run_at, scheduled.interval, now), last_run_at=now)
    return updated == 1


def publish_due(now: datetime.datetime | None = None) -> int:
    """Claim and publish every task due at ``now``; returns how many this call published."""
    now = now or timezone.now()
    due = ScheduledTask.objects.filter(active=True, next_run_at__lte=now).order_by("next_run_at")[:BATCH]
    published = 0
    for scheduled in due:
        if not claim(scheduled, now):
            continue
        try:
            publish(scheduled_call(scheduled))
            published += 1
        except CarrotError as exc:
            logger.error("Scheduled task %r could not be published: %s", scheduled.task_name, exc)
    return published


def seconds_until_next(now: datetime.datetime) -> float:
    """How long the loop may sleep: until the earliest due task, at most :data:`MAX_SLEEP`."""
    earliest = (
        ScheduledTask.objects.filter(active=True)
        .order_by("next_run_at")
        .values_list("next_run_at", flat=True)
        .first()
    )
    if earliest is None:
        return MAX_SLEEP
    return max(0.0, min(MAX_SLEEP, (earliest - now).total_seconds()))


class Scheduler(StoppableThread):
    """Runs :func:`publish_due` until stopped, riding out database outages."""

    def __init__(self) -> None:
        super().__init__(name="scheduler")

    def _tick(self) -> float:
        publish_due()
        return seconds_until_next(timezone.now())

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
