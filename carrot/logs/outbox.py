"""The publishing outbox: a task's log is its durable record until the broker has confirmed its message.

A published log is built here (:func:`new_log`; :func:`claim_for_requeue` when a recorded task is
published again) and carries ``relay_after``, the time after which the service's relay
(:mod:`carrot.relay`) sends its message if nobody else has: its publishing process may have died
between writing the log and the broker's confirm (``os._exit``, SIGKILL, a forked child ending). The
publisher clears it once the broker confirmed the message (:func:`confirmed`), or marks the log
``FAILED`` when the broker did not take it (:func:`mark_unpublished`); a consumer that ran the task
leaves it for :func:`forget_consumed`. So the relay only ever sees the rare log whose publisher stopped
in that window, and the partial index on ``relay_after`` stays as small as the messages in flight.

Every update here is conditional on the log still being ``PUBLISHED``: a log a consumer has moved on
(``IN_PROGRESS``, ``COMPLETED``, ``FAILED`` by its run) is never overwritten by a publisher's news.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection, models
from django.db.models import QuerySet
from django.utils import timezone

from carrot.conf import get_settings
from carrot.messages import TaskMessage
from carrot.models import MessageLog

if TYPE_CHECKING:
    from carrot.broker import Route

BATCH = 500
"""Most logs the relay claims at once."""
CHUNK = 900
"""Ids per statement (under SQLite's oldest parameter limit of 999)."""


def relay_time(now: datetime.datetime | None = None) -> datetime.datetime:
    """When the relay may send a message published ``now`` (``CARROT['outbox_relay_seconds']`` later)."""
    seconds = get_settings().outbox_relay_seconds
    return (now or timezone.now()) + datetime.timedelta(seconds=seconds)


def new_log(route: Route, message: TaskMessage) -> MessageLog:
    """The ``PUBLISHED`` log of a message about to be published (unsaved), in the outbox from now."""
    now = timezone.now()
    return MessageLog(
        status=MessageLog.PUBLISHED,
        uuid=message.message_id,
        task=message.task,
        task_args=list(message.args),
        content=dict(message.kwargs),
        priority=message.priority,
        queue=route.queue.name,
        exchange=route.exchange,
        routing_key=route.key,
        virtual_host=route.queue.broker.virtual_host,
        publish_time=now,
        relay_after=relay_time(now),
    )


def claim_for_requeue(logs: QuerySet[MessageLog], ids: Sequence[int]) -> QuerySet[MessageLog]:
    """Put those of ``ids`` that still match ``logs`` back to ``PUBLISHED``, in the outbox; returns them.

    One ``UPDATE`` with ``logs``' own conditions in its ``WHERE``, to run first in the requeue's
    transaction (see :func:`carrot.publishing.requeue`). Failure details are cleared and
    ``attempts`` restarts at 0: bounded deliveries count from here. The returned queryset is the
    logs this call claimed (those a concurrent requeue claimed first have another ``publish_time``).
    """
    now = timezone.now()
    logs.filter(pk__in=ids).order_by().update(
        status=MessageLog.PUBLISHED,
        publish_time=now,
        failure_time=None,
        exception="",
        traceback="",
        attempts=0,  # a fresh start: bounded deliveries count from here
        relay_after=relay_time(now),
    )
    return MessageLog.objects.filter(pk__in=ids, status=MessageLog.PUBLISHED, publish_time=now)


def _chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    return (ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK))


def confirmed(message_ids: Sequence[str]) -> None:
    """The broker confirmed these messages: the relay must not send them."""
    for chunk in _chunks(list(message_ids)):
        MessageLog.objects.filter(uuid__in=chunk, relay_after__isnull=False).update(relay_after=None)


def _column(name: str) -> str:
    field = MessageLog._meta.get_field(name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(field.column)


def _update_returning(assignments: str, where: str, params: list[Any], returning: str) -> list[Any]:
    """``UPDATE carrot_messagelog SET ... WHERE ... RETURNING <returning>``: the values of changed rows.

    One statement, so the rows it returns are exactly those it changed, however many services run
    the same update at once (PostgreSQL, and SQLite 3.35+).
    """
    table = connection.ops.quote_name(MessageLog._meta.db_table)
    # Names quoted by the backend; every value is a parameter.
    sql = f"UPDATE {table} SET {assignments} WHERE {where} RETURNING {_column(returning)}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _in(ids: Sequence[Any]) -> str:
    return f"IN ({', '.join(['%s'] * len(ids))})"


def mark_unpublished(failures: Mapping[str, str]) -> set[str]:
    """Mark ``FAILED`` the logs of messages the broker did not take, with the reason; returns their ids.

    A log no longer ``PUBLISHED`` is left alone and its id not returned: its message got through
    after all (its confirm was lost with a connection), and a consumer has it.
    """
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    by_reason: dict[str, list[str]] = {}
    for message_id, reason in failures.items():
        by_reason.setdefault(reason, []).append(message_id)
    marked: set[str] = set()
    for reason, ids in by_reason.items():
        for chunk in _chunks(ids):
            marked.update(
                _update_returning(
                    f"{_column('status')} = %s, {_column('failure_time')} = %s, {_column('exception')} = %s, "
                    f"{_column('relay_after')} = NULL",
                    f"{_column('uuid')} {_in(chunk)} AND {_column('status')} = %s",
                    [MessageLog.FAILED, now, f"PublishError: {reason}", *chunk, MessageLog.PUBLISHED],
                    returning="uuid",
                )
            )
    return marked


def claim_due(now: datetime.datetime | None = None, limit: int = BATCH) -> list[MessageLog]:
    """Claim up to ``limit`` logs whose message is due to be relayed, for this caller alone.

    A claim moves ``relay_after`` a full relay period on, so another service passes over the logs,
    and this one sends them again after that period if it dies before the broker's confirm.
    """
    now = now or timezone.now()
    due = MessageLog.objects.filter(relay_after__lte=now, status=MessageLog.PUBLISHED).order_by("relay_after")
    pks = list(due.values_list("pk", flat=True)[:limit])
    if not pks:
        return []
    at = connection.ops.adapt_datetimefield_value
    claimed = _update_returning(
        f"{_column('relay_after')} = %s",
        f"{_column('id')} {_in(pks)} AND {_column('relay_after')} <= %s AND {_column('status')} = %s",
        [at(relay_time(now)), *pks, at(now), MessageLog.PUBLISHED],
        returning="id",
    )
    return list(MessageLog.objects.filter(pk__in=claimed).order_by("pk"))


def forget_consumed(now: datetime.datetime | None = None) -> int:
    """Clear ``relay_after`` of due logs a consumer has moved on; returns how many.

    Their publisher stopped after the broker took the message but before it heard so: nothing to send.
    """
    moved_on = MessageLog.objects.filter(relay_after__lte=now or timezone.now())
    return moved_on.exclude(status=MessageLog.PUBLISHED).update(relay_after=None)
