"""The publishing outbox: a task's log is its durable record until the broker has confirmed its message.

A published log is built here (:func:`new_log`; :func:`claim_for_requeue` when a recorded task is
published again) and carries ``relay_after``, the time after which the service's relay
(:mod:`carrot.relay`) sends its message if nobody else has: its publishing process may have died
between writing the log and the broker's confirm (``os._exit``, SIGKILL, a forked child ending). The
publisher clears it once the broker confirmed the message (:func:`confirmed`), or marks the log
``FAILED`` when the broker did not take it (:func:`mark_unpublished`); a consumer that ran the task
leaves it for :func:`forget_consumed`. So the relay only ever sees the rare log whose publisher stopped
in that window, and the partial index on ``relay_after`` stays as small as the messages in flight.

A task that waits (``DELAYED`` until its ``eta``, ``RETRYING`` until its next attempt) is a log with
no message yet: its ``relay_after`` is its ``eta``, and the relay claims it then like any other due
log (:func:`claim_due`), sets it ``PUBLISHED`` and publishes it. The index holds those too: the
waiting tasks and the messages in flight.

Every update here is conditional on the log's status: a log a consumer has moved on (``IN_PROGRESS``,
``COMPLETED``, ``FAILED`` by its run) or that was cancelled is never overwritten by a publisher's news.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from django.db import connection, models, transaction
from django.db.models import QuerySet
from django.utils import timezone

from carrot.conf import get_settings
from carrot.messages import TaskMessage
from carrot.models import MessageLog

if TYPE_CHECKING:
    from carrot.broker import Route

BATCH = 2000
"""Most logs the relay claims at once."""
RELAYED_STATUSES = (MessageLog.PUBLISHED, *MessageLog.WAITING_STATUSES)
"""The statuses of logs the relay publishes once their ``relay_after`` has passed."""
CHUNK = 900
"""Ids per statement (under SQLite's oldest parameter limit of 999)."""


def relay_time(now: datetime.datetime | None = None) -> datetime.datetime:
    """When the relay may send a message published ``now`` (``CARROT['outbox_relay_seconds']`` later)."""
    seconds = get_settings().outbox_relay_seconds
    return (now or timezone.now()) + datetime.timedelta(seconds=seconds)


def new_log(
    route: Route,
    message: TaskMessage,
    eta: datetime.datetime | None = None,
    max_retries: int | None = None,
) -> MessageLog:
    """The log of a new task (unsaved): ``PUBLISHED``, in the outbox from now, for a message about to be
    published; ``DELAYED`` until ``eta`` when that is later than now (then no message is sent: the relay
    publishes it at ``eta``)."""
    now = timezone.now()
    waits = eta is not None and eta > now
    return MessageLog(
        status=MessageLog.DELAYED if waits else MessageLog.PUBLISHED,
        uuid=message.message_id,
        task=message.task,
        task_args=list(message.args),
        content=dict(message.kwargs),
        priority=message.priority,
        queue=route.queue.name,
        exchange=route.exchange,
        routing_key=route.key,
        virtual_host=route.queue.broker.virtual_host,
        publish_time=None if waits else now,
        relay_after=eta if waits else relay_time(now),
        eta=eta,
        max_retries=max_retries,
    )


def claim_for_requeue(logs: QuerySet[MessageLog], ids: Sequence[int]) -> QuerySet[MessageLog]:
    """Put those of ``ids`` that still match ``logs`` back to ``PUBLISHED``, in the outbox; returns them.

    One ``UPDATE`` with ``logs``' own conditions in its ``WHERE``, to run first in the requeue's
    transaction (see :func:`carrot.publishing.requeue`). Failure details, the eta and a cancellation
    are cleared, and ``attempts`` and ``retries`` restart at 0: bounded deliveries and retries count
    from here; ``history`` keeps the attempts before. The returned queryset is the logs this call
    claimed (those a concurrent requeue claimed first have another ``publish_time``).
    """
    now = timezone.now()
    logs.filter(pk__in=ids).order_by().update(
        status=MessageLog.PUBLISHED,
        publish_time=now,
        failure_time=None,
        exception="",
        traceback="",
        attempts=0,  # a fresh start: bounded deliveries count from here
        retries=0,
        eta=None,
        cancelled_time=None,
        relay_after=relay_time(now),
    )
    return MessageLog.objects.filter(pk__in=ids, status=MessageLog.PUBLISHED, publish_time=now)


def chunks(ids: Sequence[Any]) -> Iterable[Sequence[Any]]:
    """``ids`` in :data:`CHUNK`-sized slices."""
    return (ids[start : start + CHUNK] for start in range(0, len(ids), CHUNK))


def confirmed(message_ids: Sequence[str]) -> None:
    """The broker confirmed these messages: the relay must not send them.

    A log that waits keeps its ``relay_after``: a fast consumer may have run the task and left it
    ``RETRYING`` (next attempt at ``relay_after``) before this confirm arrived.
    """
    for chunk in chunks(list(message_ids)):
        sent = MessageLog.objects.filter(uuid__in=chunk, relay_after__isnull=False)
        sent.exclude(status__in=MessageLog.WAITING_STATUSES).update(relay_after=None)


def column(name: str) -> str:
    """The quoted column of the :class:`MessageLog` field ``name``."""
    field = MessageLog._meta.get_field(name)
    assert isinstance(field, models.Field)
    return connection.ops.quote_name(field.column)


def _table() -> str:
    return connection.ops.quote_name(MessageLog._meta.db_table)


def update_returning(assignments: str, where: str, params: list[Any], returning: str) -> list[Any]:
    """``UPDATE carrot_messagelog SET ... WHERE ... RETURNING <returning>``: the values of changed rows.

    One statement, so the rows it returns are exactly those it changed, however many services run
    the same update at once (PostgreSQL, and SQLite 3.35+).
    """
    # Names quoted by the backend; every value is a parameter.
    sql = f"UPDATE {_table()} SET {assignments} WHERE {where} RETURNING {column(returning)}"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def in_(ids: Sequence[Any]) -> str:
    """``IN (%s, ...)`` for ``ids``."""
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
        for chunk in chunks(ids):
            marked.update(
                update_returning(
                    f"{column('status')} = %s, {column('failure_time')} = %s, {column('exception')} = %s, "
                    f"{column('relay_after')} = NULL",
                    f"{column('uuid')} {in_(chunk)} AND {column('status')} = %s",
                    [MessageLog.FAILED, now, f"PublishError: {reason}", *chunk, MessageLog.PUBLISHED],
                    returning="uuid",
                )
            )
    return marked


def claim_due(now: datetime.datetime | None = None, limit: int = BATCH) -> list[MessageLog]:
    """Claim up to ``limit`` due logs for this caller alone and set them ``PUBLISHED``; returns them.

    Due: ``relay_after`` has passed and the status is one of :data:`RELAYED_STATUSES`. A select finds
    candidates (on PostgreSQL, in a transaction, ``FOR UPDATE SKIP LOCKED``: passing over the logs
    another service is claiming, so several claim different logs at once), then one ``UPDATE ...
    RETURNING id`` claims those still due, re-checking both conditions: with several services each log
    is claimed by exactly one. (The ids are given to the ``UPDATE`` as a list so that it finds them by
    primary key whatever the planner's statistics say.) A claim moves ``relay_after`` a full relay
    period on, so another service passes over the logs, and this one sends them again after that
    period if it dies before the broker's confirm. A waiting log gets ``publish_time`` ``now``; a
    stranded ``PUBLISHED`` one keeps its own.
    """
    now = now or timezone.now()
    lock = connection.features.has_select_for_update_skip_locked
    with transaction.atomic() if lock else contextlib.nullcontext():
        due = MessageLog.objects.filter(relay_after__lte=now, status__in=RELAYED_STATUSES).order_by()
        pks = list(due.select_for_update(skip_locked=lock).values_list("pk", flat=True)[:limit])
        claimed = _claim(pks, now) if pks else []
    return [log for chunk in chunks(sorted(claimed)) for log in _to_send(chunk)]


def _claim(pks: Sequence[int], now: datetime.datetime) -> list[int]:
    """Set those of ``pks`` still due ``PUBLISHED`` and back in the outbox; returns their ids."""
    at = connection.ops.adapt_datetimefield_value
    status, relay_after, publish_time = column("status"), column("relay_after"), column("publish_time")
    claimed: list[int] = []
    for chunk in chunks(pks):
        claimed += update_returning(
            f"{status} = %s, {relay_after} = %s, "
            f"{publish_time} = CASE WHEN {status} = %s THEN {publish_time} ELSE %s END",
            f"{column('id')} {in_(chunk)} AND {relay_after} <= %s AND {status} {in_(RELAYED_STATUSES)}",
            [
                *(MessageLog.PUBLISHED, at(relay_time(now)), MessageLog.PUBLISHED, at(now)),
                *(*chunk, at(now), *RELAYED_STATUSES),
            ],
            returning="id",
        )
    return claimed


SEND_FIELDS = ("uuid", "task", "task_args", "content", "priority", "queue", "exchange", "routing_key")
"""What publishing a recorded task reads of its log (see :func:`carrot.publishing.resend`)."""
CLAIM_FIELDS = ("status", "publish_time", "relay_after")


def _to_send(pks: Sequence[int]) -> QuerySet[MessageLog]:
    return MessageLog.objects.filter(pk__in=pks).only(*SEND_FIELDS, *CLAIM_FIELDS).order_by("pk")


def forget_consumed(now: datetime.datetime | None = None) -> int:
    """Clear ``relay_after`` of due logs a consumer has moved on; returns how many.

    Their publisher stopped after the broker took the message but before it heard so: nothing to send.
    """
    moved_on = MessageLog.objects.filter(relay_after__lte=now or timezone.now())
    return moved_on.exclude(status__in=RELAYED_STATUSES).update(relay_after=None)
