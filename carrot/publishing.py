"""The public API for sending tasks: publish one, publish many, requeue, schedule.

A publish writes the :class:`~carrot.models.MessageLog` first and sends the message when the
surrounding transaction commits (at once outside a transaction), so a consumer never sees a message
whose log is not committed and a rollback publishes nothing. A publish the broker refuses or never
confirms raises :class:`~carrot.errors.PublishError` and leaves the log ``FAILED`` with the reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from carrot import broker, registry
from carrot.conf import DEFAULT_QUEUE, get_settings
from carrot.errors import CarrotError, PublishError
from carrot.messages import TaskMessage, dumps_arguments
from carrot.models import MessageLog, ScheduledTask

TaskRef = Callable[..., Any] | str


@dataclass(frozen=True)
class TaskCall:
    """One task to publish: what :func:`publish_many` takes."""

    task: TaskRef
    args: Sequence[Any] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    priority: int = 0
    queue: str | None = None
    exchange: str = ""
    routing_key: str | None = None


def _validated(call: TaskCall) -> tuple[broker.Route, TaskMessage]:
    """Check a call's task, queue, priority and arguments; raises a :class:`CarrotError`."""
    path = registry.path_of(call.task)
    queue = get_settings().queue(call.queue or DEFAULT_QUEUE)
    if isinstance(call.priority, bool) or not isinstance(call.priority, int) or not 0 <= call.priority <= 255:
        raise CarrotError(f"priority must be an integer from 0 to 255, got {call.priority!r}")
    dumps_arguments(call.args, call.kwargs)
    route = broker.Route(queue=queue, exchange=call.exchange or "", routing_key=call.routing_key or "")
    message = TaskMessage(task=path, args=tuple(call.args), kwargs=dict(call.kwargs), priority=call.priority)
    return route, message


def _new_log(route: broker.Route, message: TaskMessage) -> MessageLog:
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
        publish_time=timezone.now(),
    )


def _mark_failed(message_ids: Iterable[str], reason: str) -> None:
    MessageLog.objects.filter(uuid__in=list(message_ids)).update(
        status=MessageLog.FAILED, failure_time=timezone.now(), exception=f"PublishError: {reason}"
    )


def _send(route: broker.Route, message: TaskMessage) -> None:
    try:
        broker.publisher(route.queue.broker).publish(route, message)
    except PublishError as exc:
        _mark_failed([message.message_id], str(exc))
        raise


def publish(call: TaskCall) -> MessageLog:
    """Publish one task call; returns its log. See :func:`publish_message`."""
    route, message = _validated(call)
    log = _new_log(route, message)
    log.save()
    transaction.on_commit(lambda: _send(route, message))
    return log


def publish_message(
    task: TaskRef,
    *args: Any,
    priority: int = 0,
    queue: str | None = None,
    exchange: str = "",
    routing_key: str | None = None,
    **kwargs: Any,
) -> MessageLog:
    """Publish ``task(*args, **kwargs)`` and return its :class:`MessageLog` (status ``PUBLISHED``).

    ``task`` is a registered callable or its dotted path. Raises :class:`~carrot.errors.UnknownTaskError`,
    :class:`~carrot.errors.UnknownQueueError` or :class:`~carrot.errors.SerializationError` before
    anything is written or sent, and :class:`~carrot.errors.PublishError` when the broker cannot take
    the message (the log is then ``FAILED``). Inside ``transaction.atomic()`` the message is sent on
    commit.
    """
    call = TaskCall(task, args, kwargs, priority, queue, exchange, routing_key)
    return publish(call)


def _send_many(batch: list[tuple[broker.Route, TaskMessage]]) -> None:
    by_broker: dict[str, list[tuple[broker.Route, TaskMessage]]] = {}
    for route, message in batch:
        by_broker.setdefault(route.queue.broker.url, []).append((route, message))
    failed: dict[str, str] = {}
    for items in by_broker.values():
        try:
            failed.update(broker.publisher(items[0][0].queue.broker).publish_many(items))
        except PublishError as exc:
            failed.update({message.message_id: str(exc) for _, message in items})
    for reason in set(failed.values()):
        _mark_failed([mid for mid, why in failed.items() if why == reason], reason)
    if failed:
        first = next(iter(failed.values()))
        raise PublishError(f"{len(failed)} of {len(batch)} messages were not published: {first}")


def publish_many(calls: Iterable[TaskCall]) -> list[MessageLog]:
    """Publish many task calls: one ``INSERT`` for the logs, confirms collected in one pipeline.

    Every call is validated before anything is written. On broker failure the logs of the messages
    that were not confirmed are ``FAILED`` and :class:`PublishError` says how many.
    """
    batch = [_validated(call) for call in calls]
    logs = MessageLog.objects.bulk_create([_new_log(route, message) for route, message in batch])
    transaction.on_commit(lambda: _send_many(batch))
    return logs


REQUEUE_BATCH = 1000


def _requeue_batch(ids: Sequence[int]) -> int:
    settings = get_settings()
    batch: list[tuple[broker.Route, TaskMessage]] = []
    with transaction.atomic():
        selected = list(MessageLog.objects.filter(pk__in=ids).select_for_update())
        for log in selected:
            route = broker.Route(settings.queue(log.queue or DEFAULT_QUEUE), log.exchange, log.routing_key)
            batch.append((route, TaskMessage(log.task, tuple(log.args), log.kwargs, log.uuid, log.priority)))
        MessageLog.objects.filter(pk__in=[log.pk for log in selected]).update(
            status=MessageLog.PUBLISHED,
            publish_time=timezone.now(),
            failure_time=None,
            exception="",
            traceback="",
        )
        if batch:
            transaction.on_commit(lambda: _send_many(batch))
    return len(batch)


def requeue(logs: QuerySet[MessageLog]) -> int:
    """Publish the given logs' tasks again under the same ids; returns how many were requeued.

    Used for failed tasks and for tasks stuck as ``PUBLISHED``/``IN_PROGRESS``. The logs go back to
    ``PUBLISHED`` with their failure details cleared. Works through :data:`REQUEUE_BATCH` logs at a
    time (one transaction and one confirm pipeline each), so requeueing a large backlog holds neither
    every row in memory nor one long lock.
    """
    ids = list(logs.order_by("pk").values_list("pk", flat=True))
    return sum(_requeue_batch(ids[i : i + REQUEUE_BATCH]) for i in range(0, len(ids), REQUEUE_BATCH))


def create_scheduled_task(
    task: TaskRef,
    interval: Mapping[str, int],
    task_name: str | None = None,
    queue: str | None = None,
    *,
    task_args: Sequence[Any] = (),
    **kwargs: Any,
) -> ScheduledTask:
    """Create (or update, by ``task_name``) a task published every ``interval``.

    ``interval`` is a one-item dict such as ``{"minutes": 5}``; ``kwargs`` are the task's keyword
    arguments. Raises :class:`CarrotError` for an unregistered task, unknown queue or bad interval.
    """
    path = registry.path_of(task)
    queue_name = get_settings().queue(queue or DEFAULT_QUEUE).name
    if len(interval) != 1:
        raise CarrotError(
            f"interval must have exactly one key, e.g. {{'minutes': 5}}; got {dict(interval)!r}"
        )
    ((interval_type, interval_count),) = interval.items()
    if interval_type not in dict(ScheduledTask.INTERVAL_CHOICES) or not isinstance(interval_count, int):
        raise CarrotError(f"interval must be {{'seconds'|'minutes'|'hours'|'days': count}}; got {interval!r}")
    if interval_count < 1:
        raise CarrotError(f"interval count must be at least 1, got {interval_count}")
    dumps_arguments(task_args, kwargs)
    scheduled, _ = ScheduledTask.objects.update_or_create(
        task_name=task_name or path,
        defaults={
            "task": path,
            "queue": queue_name,
            "interval_type": interval_type,
            "interval_count": interval_count,
            "task_args": list(task_args),
            "content": dict(kwargs),
        },
    )
    return scheduled


def scheduled_call(scheduled: ScheduledTask) -> TaskCall:
    """The task call a scheduled task publishes."""
    return TaskCall(
        task=scheduled.task,
        args=scheduled.task_args or [],
        kwargs=scheduled.content or {},
        queue=scheduled.queue or DEFAULT_QUEUE,
        exchange=scheduled.exchange,
        routing_key=scheduled.routing_key or None,
    )


def run_now(scheduled: ScheduledTask) -> MessageLog:
    """Publish a scheduled task immediately (its schedule is unchanged); returns the new log."""
    return publish(scheduled_call(scheduled))
