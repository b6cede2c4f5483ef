"""Recording a task's run in its :class:`~carrot.models.MessageLog`: started, finished, malformed."""

from __future__ import annotations

import logging
import time
import uuid
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError
from django.db.models import Field
from django.utils import timezone

from carrot import database, retries
from carrot.errors import TaskCancelled
from carrot.logs.write import update_logs
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.values import storable_json, storable_text

if TYPE_CHECKING:  # carrot.runner imports the pipeline, which imports this package
    from carrot.runner import Outcome

logger = logging.getLogger(__name__)

MISSING_LOG_GRACE = (0.05, 0.1, 0.2)
"""Waits (seconds) for a log that is not committed yet before the consumer creates it itself."""


@dataclass(frozen=True)
class Delivery:
    """Where a message came from, as the log records it."""

    queue: str
    exchange: str
    routing_key: str
    virtual_host: str
    redelivered: bool
    worker: str
    log_may_follow: bool = True
    """Its producer may still be committing its log: this version's messages are persistent; 1.x's and
    other producers' transient messages have no log coming, so their consumer does not wait for one."""


def _log_from_message(message: TaskMessage, delivery: Delivery, status: str) -> MessageLog:
    """A log for a message published without one; its values made storable (another producer's
    strict JSON may hold NUL, which PostgreSQL refuses; the task still gets the original values)."""
    return MessageLog(
        uuid=message.message_id,
        task=storable_text(message.task),
        task_args=storable_json(list(message.args)),
        content=storable_json(dict(message.kwargs)),
        priority=message.priority,
        queue=delivery.queue,
        exchange=delivery.exchange,
        routing_key=delivery.routing_key,
        virtual_host=delivery.virtual_host,
        status=status,
    )


def _find_or_create(message: TaskMessage, delivery: Delivery) -> MessageLog:
    """The message's log; created when the producer wrote none (a foreign or 1.x producer)."""
    grace = MISSING_LOG_GRACE if delivery.log_may_follow else ()
    for wait in (*grace, None):
        log = MessageLog.objects.filter(uuid=message.message_id).first()
        if log is not None:
            return log
        if wait is not None:
            time.sleep(wait)
    log = _log_from_message(message, delivery, MessageLog.PUBLISHED)
    log.publish_time = timezone.now()
    try:
        with database.atomic():
            log.save()
    except IntegrityError:  # the producer committed it meanwhile
        return MessageLog.objects.get(uuid=message.message_id)
    return log


START_FIELDS = ["status", "start_time", "worker", "redelivered", "attempts", "relay_after"]
RESULT_FIELDS = [
    *START_FIELDS,
    *("completion_time", "failure_time", "output", "exception", "traceback", "log"),
    *("eta", "retries", "history", "cancelled_time"),
]


RUN_READS = ["id", "uuid", "task", "queue", "status", "attempts", "max_retries", "retries", "history"]
"""What a run reads of its log; the rest is only written (or loaded when a failure callback asks)."""


def find_logs(message_ids: list[str]) -> dict[str, MessageLog]:
    """The logs of these messages that exist, by message id, with only :data:`RUN_READS` loaded.

    One plain ``SELECT``: the consumer runs this for nearly every message, and compiling the
    equivalent queryset cost it more than the database spent answering.
    """
    if not message_ids:
        return {}
    db = database.connection()
    quote = db.ops.quote_name  # these fields' columns are named as the fields
    fields = [f for f in MessageLog._meta.concrete_fields if f.attname in RUN_READS]  # from_db's order
    names = [field.attname for field in fields]
    columns = ", ".join(quote(name) for name in names)
    placeholders = ", ".join(["%s"] * len(message_ids))
    table = quote(MessageLog._meta.db_table)
    sql = f"SELECT {columns} FROM {table} WHERE {quote('uuid')} IN ({placeholders})"  # noqa: S608
    with db.cursor() as cursor:
        cursor.execute(sql, message_ids)
        rows = cursor.fetchall()
    logs = [MessageLog.from_db(db.alias, names, _python_values(db, fields, row)) for row in rows]
    return {log.uuid: log for log in logs}


def _python_values(db: Any, fields: list[Field[Any, Any]], row: tuple[Any, ...]) -> list[Any]:
    """A raw row's values as the fields hold them (the database gives ``history``'s JSON as text)."""
    return [
        field.from_db_value(value, None, db) if hasattr(field, "from_db_value") else value
        for field, value in zip(fields, row, strict=True)
    ]


def start(message: TaskMessage, delivery: Delivery, read: MessageLog | None = None) -> MessageLog | None:
    """The task's log, marked ``IN_PROGRESS`` in memory; ``None`` when the log says it already completed,
    was cancelled, or waits (``DELAYED``, ``RETRYING``).

    ``read`` is the log as the consumer read it with other prefetched ones; without it (or when
    it was not found) the log is looked up, or created for a message published without one.

    A completed log means an earlier run committed its result but its ack was lost (connection
    dropped, consumer timeout): running it again would do the work twice. The caller saves the start
    (:func:`save_starts`, :func:`start_redelivery`) or the whole run (:func:`save_results`).

    ``attempts`` counts the runs recorded, this one included. A run whose start was never saved (its
    worker killed within the recorder's start delay) is not counted: a redelivered message may also
    be one a stopping service gave back unstarted, and presuming a run for it would give up on tasks
    that never ran after a few restarts.

    A waiting log's message is an old one: the relay sets a log ``PUBLISHED`` before it publishes it
    again, so a message met while its log waits is a delivery whose run was recorded (``RETRYING``)
    but whose ack was lost. Running it would run the retry early, and again when the relay sends it.
    """
    log = read if read is not None else _find_or_create(message, delivery)
    if log.status == MessageLog.COMPLETED:
        logger.info("Task %s (%s) already completed; acknowledging the redelivery", log.task, log.uuid)
        return None
    if log.status == MessageLog.CANCELLED:
        logger.info(
            "Task %s (%s) was cancelled; acknowledging its message without running it", log.task, log.uuid
        )
        return None
    if log.status in MessageLog.WAITING_STATUSES:
        logger.info(
            "Task %s (%s) is %s; acknowledging an earlier delivery of its message without running it",
            *(log.task, log.uuid, log.status),
        )
        return None
    # One consumer holds the message at a time, so counting the attempt here needs no F() + refresh.
    log.status, log.start_time, log.worker = MessageLog.IN_PROGRESS, timezone.now(), delivery.worker
    log.redelivered, log.attempts, log.relay_after = delivery.redelivered, log.attempts + 1, None
    return log


NO_RESULT = "each delivery ended without a result (the worker was killed or lost its connection mid-task)"
GIVE_UP_FIELDS = [*START_FIELDS, "completion_time", "failure_time", "exception"]


def start_redelivery(log: MessageLog, max_deliveries: int) -> bool:
    """Commit a redelivered run's start before it runs; ``False`` when it must not run again.

    A task that kills its worker never reaches a deferred save, so only a start committed before the
    run counts its deliveries. Past ``max_deliveries`` deliveries of the current publication (a retry
    is a new publication: its earlier attempts do not count) the log is saved ``FAILED`` ("Gave up
    after N deliveries: ...", with the last exception the log holds from this publication) instead,
    for the caller to ack.
    """
    delivered = log.attempts - _earlier_runs(log)
    if delivered <= max_deliveries:
        save_starts([log])
        return True
    ran, last = delivered - 1, (NO_RESULT if log.retries else log.exception or NO_RESULT)
    log.status, log.failure_time, log.completion_time = MessageLog.FAILED, timezone.now(), None
    log.attempts -= 1
    log.exception = storable_text(f"Gave up after {ran} deliveries: {last}")
    update_logs([log], GIVE_UP_FIELDS)
    return False


def _earlier_runs(log: MessageLog) -> int:
    """The runs recorded before the log's current publication: up to the attempt that scheduled its
    latest retry (the last history entry), none when it was not retried since it was (re)published."""
    last = log.history[-1] if log.retries and log.history else None
    if isinstance(last, dict) and isinstance(last.get("attempt"), int):
        return int(last["attempt"])
    return log.retries


def save_starts(logs: list[MessageLog]) -> None:
    update_logs(logs, START_FIELDS)


def redelivery_entry(log: MessageLog) -> dict[str, object]:
    """The log line that says a run is a redelivery."""
    return {
        "time": timezone.now().isoformat(),
        "level": "WARNING",
        "levelno": logging.WARNING,
        "logger": "carrot",
        "message": (
            f"Redelivered by the broker (attempt {log.attempts}): an earlier delivery was not "
            "acknowledged, e.g. its consumer stopped or lost its connection mid-task."
        ),
    }


def finish(log: MessageLog, outcome: Outcome) -> None:
    """Put the result of a run in its log (in memory): ``COMPLETED`` with output; ``RETRYING`` when the
    task runs again (:mod:`carrot.retries`), else ``FAILED``, the attempt added to ``history`` either
    way; ``CANCELLED`` when it stopped on :class:`~carrot.errors.TaskCancelled`."""
    entries = ([redelivery_entry(log)] if log.redelivered else []) + outcome.log
    now = timezone.now()
    log.log = entries
    if outcome.succeeded:
        log.status, log.completion_time, log.output = MessageLog.COMPLETED, now, outcome.output
        log.exception = log.traceback = ""
        log.failure_time = None
        return
    log.completion_time, log.output, log.traceback = None, "", outcome.traceback
    if isinstance(outcome.error, TaskCancelled):
        log.status, log.cancelled_time, log.failure_time = MessageLog.CANCELLED, now, None
        log.exception = outcome.exception
        return
    verdict = retries.decide(log, outcome, now)
    log.history = [*(log.history or []), retries.attempt_entry(log, outcome, now, verdict.retry_at)]
    log.failure_time, log.exception = now, storable_text(verdict.exception)
    if verdict.retry_at is None:
        log.status = MessageLog.FAILED
    else:
        log.status, log.eta, log.relay_after = MessageLog.RETRYING, verdict.retry_at, verdict.retry_at
        log.retries += 1


def save_results(logs: list[MessageLog]) -> None:
    update_logs(logs, RESULT_FIELDS)


def unsaved_result(log: MessageLog, error: BaseException) -> None:
    """Replace a result the database refused by a ``FAILED`` one that says so (in memory).

    The output, log and traceback are dropped: one of them is the likely culprit. A failed run's
    attempt (the last history entry) says so too, without its traceback, and a retry it scheduled is
    called off: the task ends here.
    """
    failed_run = log.status in (MessageLog.FAILED, MessageLog.RETRYING)
    if log.status == MessageLog.RETRYING:
        log.retries -= 1
    log.status, log.failure_time, log.completion_time = MessageLog.FAILED, timezone.now(), None
    log.output = log.traceback = ""
    log.log, log.relay_after = [], None
    log.exception = storable_text(f"Could not save the task's result: {error}")
    if failed_run and log.history:
        unsaved = {"exception": log.exception, "traceback": "", "retry_at": None}
        log.history = [*log.history[:-1], {**log.history[-1], **unsaved}]


def record_failed(message_id: str | None, task: str | None, exception: str, delivery: Delivery) -> MessageLog:
    """Leave a ``FAILED`` log saying why for a message the consumer acks without running it.

    Used for a message that could not be decoded, and for one whose handling kept failing.
    """
    message = TaskMessage(task=task or "(unknown)", message_id=message_id or str(uuid.uuid4()))
    log = MessageLog.objects.filter(uuid=message.message_id).first()
    if log is None:
        log = _log_from_message(message, delivery, MessageLog.FAILED)
    log.status, log.failure_time = MessageLog.FAILED, timezone.now()
    log.exception = storable_text(exception)
    log.save()
    return log


def cancel_requested(pks: list[int]) -> list[int]:
    """Those of the running logs ``pks`` whose cancelling was asked for (``cancelled_time`` set)."""
    asked = MessageLog.objects.filter(pk__in=pks, cancelled_time__isnull=False)
    return list(asked.values_list("pk", flat=True))
