"""The public API for sending tasks: publish one, publish many, requeue, schedule.

A publish validates the call at once (raising for an unknown task, queue, exchange or argument that
is not strict JSON), writes the :class:`~carrot.models.MessageLog` (the task's durable record, see
:mod:`carrot.logs.outbox`) and hands the message to the process's publishing pipeline
(:mod:`carrot.pipeline`), which sends it, confirmed by the broker, in groups with other tasks. Once
the call has returned, no crash of the process loses the task: what the pipeline had not sent, the
service's relay sends. Inside a transaction the log is written in it and the message is handed over
when the transaction commits, so a rollback publishes nothing. A message the broker refuses or never
confirms leaves its log ``FAILED`` with the reason; :func:`flush` raises
:class:`~carrot.errors.PublishError` for it. :func:`publish_many`, :func:`requeue` and :func:`run_now`
wait for their own confirms.

A call with ``countdown`` or ``eta`` (later than now) only writes its log, ``DELAYED``: the relay of a
running service publishes it when it is due (:mod:`carrot.relay`).
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from carrot import broker, database, pipeline, registry, signals, signatures
from carrot.conf import DEFAULT_QUEUE, get_settings
from carrot.cron import problem as cron_problem
from carrot.errors import CarrotError
from carrot.logs import outbox, queries
from carrot.logs.write import insert_logs
from carrot.messages import TaskMessage, dumps_arguments
from carrot.models import MessageLog, ScheduledTask
from carrot.publisher import check_exchange

TaskRef = Callable[..., Any] | str


@dataclass(frozen=True)
class TaskCall:
    """One task to publish: what :func:`publish_many` takes (see :func:`publish_message`)."""

    task: TaskRef
    args: Sequence[Any] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    priority: int = 0
    queue: str | None = None
    exchange: str = ""
    routing_key: str | None = None
    countdown: float | None = None
    eta: datetime.datetime | None = None
    max_retries: int | None = None


MAX_RETRIES_LIMIT = 2**31 - 1
"""The largest ``max_retries`` a log stores."""


def _not_before(call: TaskCall) -> datetime.datetime | None:
    """When the call's task may run (``None``: now); raises :class:`CarrotError` for a bad countdown/eta."""
    if call.countdown is not None and call.eta is not None:
        raise CarrotError("Give countdown or eta, not both.")
    if call.eta is not None:
        if not isinstance(call.eta, datetime.datetime):
            raise CarrotError(f"eta must be a datetime, got {call.eta!r}")
        if timezone.is_naive(call.eta):
            raise CarrotError(
                f"eta must be an aware datetime (with a time zone), got the naive {call.eta.isoformat()}; "
                "e.g. timezone.now() + timedelta(minutes=10)"
            )
        return call.eta
    if call.countdown is None:
        return None
    countdown = call.countdown
    if isinstance(countdown, bool) or not isinstance(countdown, int | float) or not 0 <= countdown < math.inf:
        raise CarrotError(f"countdown must be a number of seconds, 0 or more, got {countdown!r}")
    try:
        return timezone.now() + datetime.timedelta(seconds=countdown)
    except OverflowError:
        raise CarrotError(f"countdown {countdown!r} is past the largest date Python can represent") from None


def _max_retries(call: TaskCall) -> int | None:
    """The call's ``max_retries``; raises :class:`CarrotError` unless it is ``None`` or an int in range."""
    value = call.max_retries
    if value is not None and (
        isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_RETRIES_LIMIT
    ):
        raise CarrotError(
            f"max_retries must be an integer from 0 to {MAX_RETRIES_LIMIT} (or None for the task's "
            f"default), got {value!r}"
        )
    return value


def _prepared(call: TaskCall) -> tuple[broker.Route, TaskMessage, MessageLog]:
    """Check a call and build its (unsaved) log; raises a :class:`CarrotError` for anything wrong in it."""
    path = registry.path_of(call.task)
    settings = get_settings()
    queue = settings.queue(call.queue or DEFAULT_QUEUE)
    if isinstance(call.priority, bool) or not isinstance(call.priority, int) or not 0 <= call.priority <= 255:
        raise CarrotError(f"priority must be an integer from 0 to 255, got {call.priority!r}")
    dumps_arguments(call.args, call.kwargs, settings.max_argument_bytes)
    route = broker.Route(queue=queue, exchange=call.exchange or "", routing_key=call.routing_key or "")
    check_exchange(queue.broker, route.exchange)
    message = TaskMessage(task=path, args=tuple(call.args), kwargs=dict(call.kwargs), priority=call.priority)
    return route, message, outbox.new_log(route, message, _not_before(call), _max_retries(call))


def _hand_over(items: list[tuple[broker.Route, TaskMessage, MessageLog]]) -> None:
    """Write the logs, then give their messages to the pipeline now or when the transaction commits.

    With ``CARROT['durable_publish']`` off, outside a transaction, the pipeline writes the logs too,
    a few milliseconds later (see docs/delivery.rst for what that can lose). A ``DELAYED`` log is
    always written here, and its message is not sent: the relay publishes it when it is due.
    """
    in_transaction = database.in_transaction()
    write_all = in_transaction or get_settings().durable_publish
    logs = [log for _, _, log in items]
    written = [log for log in logs if write_all or log.status == MessageLog.DELAYED]
    if written:
        insert_logs(written)
    submit: list[pipeline.Item] = [
        (route, message, None if write_all else log)
        for route, message, log in items
        if log.status == MessageLog.PUBLISHED
    ]
    if in_transaction:
        database.on_commit(lambda: _submit(submit, logs))
    else:
        _submit(submit, logs)


def _submit(items: list[pipeline.Item], logs: list[MessageLog]) -> None:
    """Hand messages to the pipeline; a forked child waits for the confirm (its exit may not flush)."""
    if items:
        current = pipeline.pipeline()
        current.submit(items)
        if current.forked:
            current.flush()
    signals.published(logs)


flush = pipeline.flush


def publish(call: TaskCall) -> MessageLog:
    """Publish one task call; returns its log. See :func:`publish_message`."""
    item = _prepared(call)
    _hand_over([item])
    return item[2]


def publish_message(
    task: TaskRef,
    *args: Any,
    priority: int = 0,
    queue: str | None = None,
    exchange: str = "",
    routing_key: str | None = None,
    countdown: float | None = None,
    eta: datetime.datetime | None = None,
    max_retries: int | None = None,
    **kwargs: Any,
) -> MessageLog:
    """Publish ``task(*args, **kwargs)`` and return its :class:`MessageLog` (``PUBLISHED`` or ``DELAYED``).

    ``task`` is a registered callable or its dotted path. Raises :class:`~carrot.errors.UnknownTaskError`,
    :class:`~carrot.errors.UnknownQueueError`, :class:`~carrot.errors.SerializationError` (arguments
    that are not strict JSON, or too large), :class:`~carrot.errors.PublishError` (an exchange the
    broker does not have) or :class:`~carrot.errors.CarrotError` (a bad priority, countdown, eta or
    max_retries) before anything is written or sent.

    ``countdown`` (seconds, 0 or more) or ``eta`` (an aware datetime), not both, delay the task: its
    log is stored ``DELAYED`` and nothing is sent; a running service's relay publishes it once it is
    due, never before. An ``eta`` that has passed (or ``countdown=0``) publishes at once.
    ``max_retries`` (0 or more) replaces the task's own for this call; ``None`` keeps the task's.
    Those names are this function's own: a task keyword argument of the same name goes in
    :class:`TaskCall`'s ``kwargs``.

    The log is written before the call returns: from then on the task survives any crash of this
    process. The message is confirmed by the broker a few milliseconds later, in a group with other
    tasks. Call :func:`flush` to wait for that and get a :class:`~carrot.errors.PublishError` when the
    broker did not take the message; requests, the service's tasks and the process's exit flush by
    themselves, and in a forked child each call waits. Inside ``transaction.atomic()`` on the database
    holding carrot's tables (``default`` unless routers say otherwise) the log is written in the
    transaction and the message is sent on commit.
    """
    call = TaskCall(task, args, kwargs, priority, queue, exchange, routing_key, countdown, eta, max_retries)
    return publish(call)


def publish_many(calls: Iterable[TaskCall]) -> list[MessageLog]:
    """Publish many task calls: logs in a few ``INSERT`` statements, confirms collected in a pipeline.

    Every call is validated before anything is written. Returns once every log is written and every
    message confirmed (on commit, inside a transaction; a delayed call's log is only written, see
    :func:`publish_message`); raises :class:`PublishError` naming the tasks
    the broker did not take, whose logs are then ``FAILED`` (a log a consumer already has is never
    marked).
    """
    batch = [_prepared(call) for call in calls]
    _hand_over(batch)
    _flush_now_or_on_commit()
    return [log for _, _, log in batch]


def _flush_now_or_on_commit() -> None:
    if database.in_transaction():
        database.on_commit(pipeline.flush)
    else:
        pipeline.flush()


REQUEUE_BATCH = 1000


Recorded = MessageLog | outbox.Claimed
"""A recorded task: a log, or a claim of the relay."""


def _route_and_message(log: Recorded) -> tuple[broker.Route, TaskMessage]:
    """Where a recorded task goes and its message, under the log's own id."""
    route = broker.Route(get_settings().queue(log.queue or DEFAULT_QUEUE), log.exchange, log.routing_key)
    if isinstance(log, outbox.Claimed):
        return route, log.message
    return route, TaskMessage(log.task, tuple(log.args), log.kwargs, log.uuid, log.priority)


def _requeue_batch(logs: QuerySet[MessageLog], ids: Sequence[int]) -> int:
    """Requeue those of ``ids`` that still match ``logs``; returns how many (confirmed on commit).

    The transaction starts with the ``UPDATE`` that claims the rows, with ``logs``' own conditions in
    its ``WHERE``: SQLite takes its write lock first and waits for other writers instead of failing to
    upgrade a read ("database is locked"), and on PostgreSQL a concurrent requeue of the same rows
    re-checks them once it gets their locks and passes over those already claimed. A log whose queue is
    no longer in the settings stays ``FAILED``, saying so, and the others go on.
    """
    with database.atomic():
        claimed = outbox.claim_for_requeue(logs, ids)
        items = _routable(claimed)
        if items:
            database.on_commit(lambda: _submit_and_flush(items))
    return len(items)


def _routable(logs: Iterable[Recorded]) -> list[pipeline.Item]:
    """The messages of recorded logs; a log whose queue left the settings is ``FAILED``, saying so."""
    items: list[pipeline.Item] = []
    unroutable: dict[str, str] = {}
    for log in logs:
        try:
            items.append((*_route_and_message(log), None))
        except CarrotError as exc:
            unroutable[log.uuid] = f"cannot publish it again: {exc}"
    if unroutable:
        outbox.mark_unpublished(unroutable)
    return items


def _submit_and_flush(items: list[pipeline.Item]) -> None:
    pipeline.pipeline().submit(items)
    pipeline.flush()


def requeue(logs: QuerySet[MessageLog]) -> int:
    """Publish the given logs' tasks again under the same ids; returns how many were requeued.

    Used for failed or cancelled tasks and for tasks stuck as ``PUBLISHED``/``IN_PROGRESS``. The logs
    go back to ``PUBLISHED`` with their failure details, eta and cancellation cleared and their retries
    counted from 0 again (the attempts before stay in ``history``). Works through :data:`REQUEUE_BATCH`
    logs at a time (one transaction and one confirm pipeline each), so requeueing a large backlog holds
    neither every row in memory nor one long lock; each batch takes only the logs that still match
    ``logs``.
    """
    ids = queries.primary_keys(logs)
    return sum(_requeue_batch(logs, ids[i : i + REQUEUE_BATCH]) for i in range(0, len(ids), REQUEUE_BATCH))


def send_recorded(logs: Sequence[Recorded]) -> None:
    """Hand the messages of recorded logs to the pipeline under their own ids, without waiting.

    A log whose queue is no longer in the settings is marked ``FAILED`` saying so. :func:`flush` then
    waits for the broker's confirms (the relay's work: it claims its next batch meanwhile).
    """
    items = _routable(logs)
    if items:
        pipeline.pipeline().submit(items)


def resend(logs: Sequence[Recorded]) -> None:
    """:func:`send_recorded` and wait for the broker's confirms.

    Raises :class:`PublishError` for the messages the broker did not take (their logs are ``FAILED``).
    """
    send_recorded(logs)
    pipeline.flush()


def run_waiting_now(logs: QuerySet[MessageLog]) -> int:
    """Make those of ``logs`` that wait (``DELAYED``, ``RETRYING``) due now; returns how many.

    One ``UPDATE`` sets their ``eta`` and ``relay_after`` to now: a running service's relay publishes
    them within about a second (:mod:`carrot.relay`). Other logs are left alone.
    """
    now = timezone.now()
    waiting = logs.filter(status__in=MessageLog.WAITING_STATUSES).order_by()
    return waiting.update(eta=now, relay_after=now)


def create_scheduled_task(
    task: TaskRef,
    interval: Mapping[str, int] | None = None,
    task_name: str | None = None,
    queue: str | None = None,
    *,
    task_args: Sequence[Any] = (),
    cron: str | None = None,
    timezone: str | None = None,
    **kwargs: Any,
) -> ScheduledTask:
    """Create (or update, by ``task_name``) a task published every ``interval`` or at each ``cron`` slot.

    ``interval`` is a one-item dict such as ``{"minutes": 5}``; ``cron`` instead a cron expression read
    on the wall clock of the IANA ``timezone`` ("UTC" by default): ``cron="0 2 * * 1-5",
    timezone="Europe/Paris"``. ``kwargs`` are the task's keyword arguments. Raises :class:`CarrotError`
    (nothing stored) for an unregistered task, unknown queue, bad interval (a count from 1 up to
    :attr:`ScheduledTask.MAX_INTERVAL`, a year), invalid cron expression, unknown time zone, or both or
    neither of ``interval`` and ``cron``; :class:`~carrot.arguments.ArgumentError` for arguments the
    task's signature does not accept (the message names each one).
    """
    path = registry.path_of(task)
    queue_name = get_settings().queue(queue or DEFAULT_QUEUE).name
    if (interval is None) == (cron is None):
        raise CarrotError("Give either interval (e.g. {'minutes': 5}) or cron (e.g. '0 2 * * *'), not both.")
    if interval is None:
        zone = timezone or "UTC"
        problem = cron_problem(cron, zone) if cron else "cron must be a cron expression, e.g. '0 2 * * *'."
        schedule: dict[str, Any] = {"cron": cron, "timezone": zone}
    else:
        if timezone is not None:
            raise CarrotError("timezone applies to a cron expression: give cron= instead of interval.")
        if len(interval) != 1:
            raise CarrotError(
                f"interval must have exactly one key, e.g. {{'minutes': 5}}; got {dict(interval)!r}"
            )
        ((interval_type, interval_count),) = interval.items()
        if interval_type not in dict(ScheduledTask.INTERVAL_CHOICES) or type(interval_count) is not int:
            raise CarrotError(
                f"interval must be {{'seconds'|'minutes'|'hours'|'days': count}}; got {interval!r}"
            )
        problem = ScheduledTask.interval_problem(interval_type, interval_count)
        schedule = {"cron": "", "interval_type": interval_type, "interval_count": interval_count}
    if problem is not None:
        raise CarrotError(problem)
    dumps_arguments(task_args, kwargs, get_settings().max_argument_bytes)
    signatures.check(registry.resolve(path), task_args, kwargs)
    with database.atomic():
        database.take_write_lock(ScheduledTask)  # waits for a running service's writes on SQLite
        scheduled, _ = ScheduledTask.objects.update_or_create(
            task_name=task_name or path,
            defaults={
                "task": path,
                "queue": queue_name,
                **schedule,
                "task_args": list(task_args),
                "content": dict(kwargs),
            },
        )
    return scheduled


def scheduled_call(scheduled: ScheduledTask, priority: int = 0) -> TaskCall:
    """The task call a scheduled task publishes."""
    return TaskCall(
        task=scheduled.task,
        args=scheduled.task_args or [],
        kwargs=scheduled.content or {},
        priority=priority,
        queue=scheduled.queue or DEFAULT_QUEUE,
        exchange=scheduled.exchange,
        routing_key=scheduled.routing_key or None,
    )


def run_now(scheduled: ScheduledTask, priority: int = 0) -> MessageLog:
    """Publish a scheduled task now (its schedule is unchanged) and wait for the broker's confirm.

    Returns the new log; raises :class:`PublishError` when the broker did not take the message.
    """
    log = publish(scheduled_call(scheduled, priority))
    _flush_now_or_on_commit()
    return log
