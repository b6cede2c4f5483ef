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

import datetime
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import models
from django.db.models import QuerySet
from django.utils import timezone

from carrot import database
from carrot.conf import get_settings
from carrot.messages import StoredTaskMessage, TaskMessage
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
    relay_after, waiting = column("relay_after"), MessageLog.WAITING_STATUSES
    for chunk in chunks(list(message_ids)):
        # Raw SQL: the ORM resolved each uuid as a parameter, 0.3 s of the pipeline thread per 20,000.
        sent = f"{column('uuid')} {in_(chunk)} AND {relay_after} IS NOT NULL"
        done = f"{column('status')} NOT {in_(waiting)}"
        sql = f"UPDATE {_table()} SET {relay_after} = NULL WHERE {sent} AND {done}"  # noqa: S608 - names quoted
        with database.connection().cursor() as cursor:
            cursor.execute(sql, [*chunk, *waiting])


def column(name: str) -> str:
    """The quoted column of the :class:`MessageLog` field ``name``."""
    field = MessageLog._meta.get_field(name)
    assert isinstance(field, models.Field)
    return database.connection().ops.quote_name(field.column)


def _table() -> str:
    return database.connection().ops.quote_name(MessageLog._meta.db_table)


def update_returning_rows(assignments: str, where: str, params: list[Any], returning: str) -> list[Any]:
    """``UPDATE carrot_messagelog SET ... WHERE ... RETURNING <returning>`` (SQL): the changed rows.

    One statement, so the rows it returns are exactly those it changed, however many services run
    the same update at once (PostgreSQL, and SQLite 3.35+).
    """
    # Names quoted by the backend; every value is a parameter.
    sql = f"UPDATE {_table()} SET {assignments} WHERE {where} RETURNING {returning}"  # noqa: S608
    with database.connection().cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def update_returning(assignments: str, where: str, params: list[Any], returning: str) -> list[Any]:
    """:func:`update_returning_rows` returning the field ``returning``: its values in the changed rows."""
    return [row[0] for row in update_returning_rows(assignments, where, params, column(returning))]


def in_(ids: Sequence[Any]) -> str:
    """``IN (%s, ...)`` for ``ids``."""
    return f"IN ({', '.join(['%s'] * len(ids))})"


def mark_unpublished(failures: Mapping[str, str]) -> set[str]:
    """Mark ``FAILED`` the logs of messages the broker did not take, with the reason; returns their ids.

    A log no longer ``PUBLISHED`` is left alone and its id not returned: its message got through
    after all (its confirm was lost with a connection), and a consumer has it.
    """
    now = database.connection().ops.adapt_datetimefield_value(timezone.now())
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


@dataclass(frozen=True)
class Claimed:
    """A log the relay claimed: what publishing its message takes."""

    pk: int
    message: StoredTaskMessage
    """Its message, the body made from the stored arguments as they are."""
    queue: str
    exchange: str
    routing_key: str
    relay_after: datetime.datetime
    """When it is sent again unless the broker confirms it first."""
    stranded: bool
    """It was ``PUBLISHED`` already: its publisher stopped before the broker's confirm."""

    @property
    def uuid(self) -> str:
        return self.message.message_id


SEND_FIELDS = ("id", "uuid", "task", "task_args", "content", "priority", "queue", "exchange", "routing_key")
"""What the claim returns of each log: its message (see :class:`Claimed`)."""


def claim_due(now: datetime.datetime | None = None, limit: int = BATCH) -> list[Claimed]:
    """Claim up to ``limit`` due logs for this caller alone and set them ``PUBLISHED``; returns them.

    Due: ``relay_after`` has passed and the status is one of :data:`RELAYED_STATUSES`; the longest due
    come first. One ``UPDATE ... RETURNING`` claims them with both conditions in its ``WHERE``, so
    with several services each log is claimed by exactly one. It picks its rows with a sub-select:
    on PostgreSQL, run once (``ARRAY(...)``: as an ``IN`` it may be run again per row and claim more
    than ``limit``) with ``FOR UPDATE SKIP LOCKED``, so that services claiming at the same time take
    different logs, and the rows are then found by primary key whatever the planner's statistics say.
    A claim moves ``relay_after`` a full relay period on, so another service passes over the logs, and
    this one sends them again after that period if it dies before the broker's confirm. A waiting log
    gets ``publish_time`` ``now``; a stranded ``PUBLISHED`` one keeps its own.
    """
    now = now or timezone.now()
    at = database.connection().ops.adapt_datetimefield_value
    id_, status, relay_after = column("id"), column("status"), column("relay_after")
    publish_time, again = column("publish_time"), relay_time(now)
    is_due = f"{relay_after} <= %s AND {status} {in_(RELAYED_STATUSES)}"
    # Names quoted by the backend; every value is a parameter.
    # The longest due first: an overdue log is never passed over for newer ones, and the partial
    # index on relay_after is read in order, stopping at the first log not yet due.
    candidates = f"SELECT {id_} FROM {_table()} WHERE {is_due} ORDER BY {relay_after} LIMIT %s"  # noqa: S608
    if database.connection().vendor == "postgresql":
        chosen = f"{id_} = ANY(ARRAY({candidates} FOR UPDATE SKIP LOCKED))"
    else:
        chosen = f"{id_} IN ({candidates})"
    rows = update_returning_rows(
        f"{status} = %s, {relay_after} = %s, "
        f"{publish_time} = CASE WHEN {status} = %s THEN {publish_time} ELSE %s END",
        f"{chosen} AND {is_due}",
        [
            *(MessageLog.PUBLISHED, at(again), MessageLog.PUBLISHED, at(now)),
            *(at(now), *RELAYED_STATUSES, limit, at(now), *RELAYED_STATUSES),
            at(now),
        ],
        ", ".join(column(name) for name in SEND_FIELDS)
        + f", CASE WHEN {publish_time} = %s THEN 0 ELSE 1 END",
    )
    return sorted((_claimed(row, again) for row in rows), key=lambda claimed: claimed.pk)


def _claimed(row: Sequence[Any], relay_after: datetime.datetime) -> Claimed:
    pk, uuid, task, args, kwargs, priority, queue, exchange, routing_key, stranded = row
    message = StoredTaskMessage.from_columns(task, _json_text(args), _json_text(kwargs), uuid, priority)
    return Claimed(pk, message, queue, exchange, routing_key, relay_after, bool(stranded))


def _json_text(value: Any) -> str:
    """A JSON column's value as JSON text (PostgreSQL and SQLite return it as text already)."""
    if isinstance(value, bytes):
        return value.decode()
    return value if isinstance(value, str) else json.dumps(value)


def forget_consumed(now: datetime.datetime | None = None) -> int:
    """Clear ``relay_after`` of due logs a consumer has moved on; returns how many.

    Their publisher stopped after the broker took the message but before it heard so: nothing to send.
    """
    moved_on = MessageLog.objects.filter(relay_after__lte=now or timezone.now())
    return moved_on.exclude(status__in=RELAYED_STATUSES).update(relay_after=None)
