"""Cancelling tasks: ``carrot.cancel(target)``.

A task that has not started (``DELAYED``, ``PUBLISHED``, ``RETRYING``) is cancelled at once: its log
becomes ``CANCELLED`` and leaves the outbox, so the relay never publishes it, and a consumer that
receives a message already sent for it acks that message without running the task. A task that is
running (``IN_PROGRESS``) gets only ``cancelled_time``: a request to stop that the service running it
acts on (it raises :class:`~carrot.errors.TaskCancelled` in the task). Other logs are left alone.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from carrot import database, results, signals
from carrot.errors import CarrotError
from carrot.logs import outbox, queries
from carrot.models import MessageLog

Target = str | int | MessageLog | QuerySet[MessageLog] | Iterable[str | int | MessageLog]
"""What :func:`cancel` takes: a log's uuid, primary key, the log itself, several of those, or a queryset."""
ACTIONABLE_STATUSES = (*MessageLog.CANCELLABLE_STATUSES, MessageLog.IN_PROGRESS)
"""The statuses :func:`cancel` acts on: cancelled at once, or (running) asked to stop."""


def _selected(target: Target) -> QuerySet[MessageLog]:
    """The logs ``target`` names; raises :class:`CarrotError` for anything else."""
    if isinstance(target, QuerySet):
        return target
    items = list(target) if isinstance(target, Iterable) and not isinstance(target, str) else [target]
    pks: list[int] = []
    uuids: list[str] = []
    for item in items:
        if isinstance(item, MessageLog):
            pks.append(item.pk)
        elif isinstance(item, int) and not isinstance(item, bool):
            pks.append(item)
        elif isinstance(item, str):
            uuids.append(item)
        else:
            raise CarrotError(
                f"cancel() takes a task's uuid (str), primary key (int), MessageLog, a list of those or a "
                f"QuerySet; got {item!r}"
            )
    return queries.by_keys(pks, uuids)


def _cancel_queued(pks: Sequence[int], now: Any) -> list[int]:
    """``CANCELLED`` now, out of the outbox: those of ``pks`` not started yet; returns their ids."""
    status, relay_after = outbox.column("status"), outbox.column("relay_after")
    return outbox.update_returning(
        f"{status} = %s, {outbox.column('cancelled_time')} = %s, {relay_after} = NULL",
        f"{outbox.column('id')} {outbox.in_(pks)} AND {status} {outbox.in_(MessageLog.CANCELLABLE_STATUSES)}",
        [MessageLog.CANCELLED, now, *pks, *MessageLog.CANCELLABLE_STATUSES],
        returning="id",
    )


def _ask_running_to_stop(pks: Sequence[int], now: Any) -> int:
    """Set ``cancelled_time`` of those of ``pks`` running and not asked yet; returns how many."""
    cancelled_time = outbox.column("cancelled_time")
    return len(
        outbox.update_returning(
            f"{cancelled_time} = %s",
            f"{outbox.column('id')} {outbox.in_(pks)} AND {outbox.column('status')} = %s "
            f"AND {cancelled_time} IS NULL",
            [now, *pks, MessageLog.IN_PROGRESS],
            returning="id",
        )
    )


def _loaded(pks: list[int]) -> Iterator[MessageLog]:
    """The logs of ``pks``, read a chunk at a time (only when a receiver iterates them)."""
    for chunk in outbox.chunks(pks):
        yield from queries.by_keys(chunk).order_by("pk")


def cancel(target: Target) -> int:
    """Cancel the tasks ``target`` names; returns how many were cancelled or asked to stop.

    ``target`` is a task's uuid (``str``), primary key (``int``), :class:`MessageLog`, an iterable of
    those, or a queryset of logs. Tasks not started yet (``DELAYED``, ``PUBLISHED``, ``RETRYING``)
    become ``CANCELLED`` (``cancelled_time`` now) and never run; :data:`~carrot.signals.task_cancelled`
    is sent for each (on commit, inside a transaction). A running task (``IN_PROGRESS``) is asked to
    stop (``cancelled_time`` set; its service raises :class:`~carrot.errors.TaskCancelled` in it, best
    effort). Finished tasks are left alone. One ``UPDATE`` per chunk of :data:`outbox.CHUNK` logs.
    """
    actionable = _selected(target).filter(
        status__in=(*MessageLog.CANCELLABLE_STATUSES, MessageLog.IN_PROGRESS)
    )
    pks = list(actionable.order_by("pk").values_list("pk", flat=True))
    now = database.connection().ops.adapt_datetimefield_value(timezone.now())
    cancelled: list[int] = []
    asked = 0
    for chunk in outbox.chunks(pks):
        cancelled += _cancel_queued(chunk, now)
        asked += _ask_running_to_stop(chunk, now)
    if cancelled:
        results.notify_ids(cancelled)  # delivered on commit, to callers waiting in carrot.result()
        database.on_commit(lambda: signals.cancelled(_loaded(cancelled)))
    return len(cancelled) + asked
