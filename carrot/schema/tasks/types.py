"""Object types of the tasks domain: a task (its log), its log entries, pages of tasks, counts."""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

import graphene
from django.utils.dateparse import parse_datetime
from graphene.types.generic import GenericScalar

from carrot import registry
from carrot.broker_url import BrokerURL
from carrot.models import MessageLog, ScheduledTask
from carrot.schema.workers.resolvers import OrphanView, orphan_of
from carrot.schema.workers.types import Orphan
from carrot.summary import SUMMARY_LIMIT, arguments_summary

LOG_LEVELS = {
    "DEBUG": logging.DEBUG,
    "INFO": logging.INFO,
    "WARNING": logging.WARNING,
    "ERROR": logging.ERROR,
    "CRITICAL": logging.CRITICAL,
}


class TaskStatus(graphene.Enum):
    """Where a task is in its life."""

    DELAYED = MessageLog.DELAYED
    PUBLISHED = MessageLog.PUBLISHED
    IN_PROGRESS = MessageLog.IN_PROGRESS
    RETRYING = MessageLog.RETRYING
    FAILED = MessageLog.FAILED
    COMPLETED = MessageLog.COMPLETED
    CANCELLED = MessageLog.CANCELLED

    @property
    def description(self) -> str:
        return {
            "DELAYED": "Stored with a countdown or eta, not published yet: it is published at `eta`.",
            "PUBLISHED": "Sent to the queue, waiting for a consumer.",
            "IN_PROGRESS": "A consumer is running it.",
            "RETRYING": "A run failed and a retry is due at `eta` (see `attemptHistory`).",
            "FAILED": "It raised an exception (or could not be published, or gave up retrying); it can be "
            "requeued.",
            "COMPLETED": "It ran and returned.",
            "CANCELLED": "Cancelled before it ran (or stopped while running); it can be requeued.",
        }[self.name]


class TaskListStatus(graphene.Enum):
    """The monitor's task lists."""

    QUEUED = "queued"
    WAITING = "waiting"
    FAILED = "failed"
    COMPLETED = "completed"
    CANCELLED = "cancelled"

    @property
    def description(self) -> str:
        return {
            "QUEUED": "Tasks published or in progress, newest first.",
            "WAITING": "Tasks DELAYED or RETRYING, soonest `eta` first.",
            "FAILED": "Tasks that failed, newest first.",
            "COMPLETED": "Tasks that completed, newest first.",
            "CANCELLED": "Tasks that were cancelled, newest first.",
        }[self.name]


class LogLevel(graphene.Enum):
    """A Python logging level."""

    DEBUG = logging.DEBUG
    INFO = logging.INFO
    WARNING = logging.WARNING
    ERROR = logging.ERROR
    CRITICAL = logging.CRITICAL

    @property
    def description(self) -> str:
        return f"logging.{self.name} ({self.value}) and above."


class LogEntry(graphene.ObjectType):
    """One line the task logged while it ran."""

    time = graphene.String(description="When it was logged (ISO 8601).")
    level = graphene.String(required=True, description="The level name, e.g. INFO.")
    levelno = graphene.Int(required=True, description="The numeric level, e.g. 20 for INFO.")
    logger = graphene.String(required=True, description="The logger's name.")
    message = graphene.String(required=True, description="The formatted message.")

    @staticmethod
    def resolve_time(entry: dict[str, Any], info: Any) -> str | None:
        return entry.get("time")

    @staticmethod
    def resolve_level(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("level", ""))

    @staticmethod
    def resolve_levelno(entry: dict[str, Any], info: Any) -> int:
        return int(entry.get("levelno") or LOG_LEVELS.get(str(entry.get("level")), 0))

    @staticmethod
    def resolve_logger(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("logger", ""))

    @staticmethod
    def resolve_message(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("message", ""))


def _time(value: Any) -> datetime.datetime | None:
    """An ISO 8601 time of an attempt's record, or ``None`` when it has none (or not a readable one)."""
    try:
        return parse_datetime(value) if isinstance(value, str) else None
    except ValueError:
        return None


class Attempt(graphene.ObjectType):
    """One failed run of a task (the log's ``history``): when, where, how it ended, and what came next."""

    attempt = graphene.Int(required=True, description="The attempt's number, from 1.")
    started = graphene.DateTime(description="When it started.")
    ended = graphene.DateTime(description="When it ended.")
    worker = graphene.String(required=True, description="The consumer that ran it (host:pid:thread).")
    exception = graphene.String(required=True, description="The exception it ended with.")
    traceback = graphene.String(required=True, description="Its traceback (data).")
    retry_at = graphene.DateTime(
        description="When the next attempt was due; null when this attempt was the last."
    )

    @staticmethod
    def resolve_attempt(entry: dict[str, Any], info: Any) -> int:
        value = entry.get("attempt")
        return value if isinstance(value, int) and not isinstance(value, bool) else 0

    @staticmethod
    def resolve_started(entry: dict[str, Any], info: Any) -> datetime.datetime | None:
        return _time(entry.get("started"))

    @staticmethod
    def resolve_ended(entry: dict[str, Any], info: Any) -> datetime.datetime | None:
        return _time(entry.get("ended"))

    @staticmethod
    def resolve_worker(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("worker") or "")

    @staticmethod
    def resolve_exception(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("exception") or "")

    @staticmethod
    def resolve_traceback(entry: dict[str, Any], info: Any) -> str:
        return str(entry.get("traceback") or "")

    @staticmethod
    def resolve_retry_at(entry: dict[str, Any], info: Any) -> datetime.datetime | None:
        return _time(entry.get("retry_at"))


def task_options(path: str) -> registry.TaskOptions:
    """The effective options of the task at ``path``: its ``@task(...)`` ones over the settings' defaults.

    The task modules are imported first (once), since ``@task(...)`` records a task's options when its
    module is imported; an unregistered path gets the defaults.
    """
    registry.registered_tasks()
    return registry.options(path)


def safe_virtual_host(value: str) -> str:
    """The vhost of a log; logs written by 1.x hold the whole broker URL, password included."""
    return BrokerURL(value).virtual_host if "://" in value else value


class Task(graphene.ObjectType):
    """A published task and, once it has run, its result (a carrot.models.MessageLog)."""

    id = graphene.ID(required=True, description="The log's database id.")
    uuid = graphene.String(required=True, description="The AMQP message_id of the task's message.")
    task = graphene.String(required=True, description="The dotted path of the task function.")
    status = graphene.Field(TaskStatus, required=True, description="Where the task is in its life.")
    queue = graphene.String(required=True, description="The queue it was published to.")
    exchange = graphene.String(
        required=True, description="The exchange it was published to ('' is the default)."
    )
    routing_key = graphene.String(required=True, description="The routing key it was published with.")
    virtual_host = graphene.String(
        required=True, description="The RabbitMQ virtual host of its queue (never the broker URL)."
    )
    priority = graphene.Int(required=True, description="The message priority, 0 to 255.")
    publish_time = graphene.DateTime(description="When it was (last) published.")
    start_time = graphene.DateTime(description="When a consumer last started it.")
    completion_time = graphene.DateTime(description="When it completed.")
    failure_time = graphene.DateTime(description="When it failed.")
    duration_seconds = graphene.Float(
        description="How long its last run took, once it completed or failed (also while it waits to be "
        "retried); null while it runs or has not run since it was last published by hand, and for a "
        "cancelled task."
    )
    args = GenericScalar(required=True, description="The positional arguments (a JSON list).")
    kwargs = GenericScalar(required=True, description="The keyword arguments (a JSON object).")
    args_text = graphene.String(
        required=True,
        description="The positional arguments as Python literals, as the forms take them "
        "(e.g. \"True, 1, 'test'\").",
    )
    kwargs_text = graphene.String(required=True, description="The keyword arguments as JSON text.")
    arguments_summary = graphene.String(
        required=True,
        description=f"The arguments on one line of at most {SUMMARY_LIMIT} characters, for lists: "
        "positional ones as Python literals, then keyword ones as name=value, cut with an ellipsis "
        "('' for none).",
    )
    output = graphene.String(required=True, description="The repr of the value the task returned.")
    exception = graphene.String(required=True, description="The exception it raised ('' if none).")
    traceback = graphene.String(required=True, description="The task's traceback when it failed (data).")
    log = graphene.List(
        graphene.NonNull(LogEntry),
        required=True,
        min_level=graphene.Argument(LogLevel, description="Only entries at this level or above."),
        description="What the task logged during its last run (written when it finishes).",
    )
    attempts = graphene.Int(
        required=True,
        description="How many times a consumer started it since it was last published by hand (retries "
        "included; requeueing restarts the count).",
    )
    retries = graphene.Int(
        required=True, description="How many retries were scheduled since it was last published by hand."
    )
    max_retries = graphene.Int(
        required=True,
        description="How many retries it may have: the call's own maxRetries, else its task's "
        "@task(max_retries=...), else CARROT['max_retries'].",
    )
    eta = graphene.DateTime(
        description="Not before: when a DELAYED task is published, or when a RETRYING task's next attempt "
        "runs; null for a task that never waited."
    )
    time_limit = graphene.Float(
        description="The seconds a run may take before it is stopped (its task's @task(time_limit=...), "
        "else CARROT['time_limit']); null for no limit."
    )
    cancelled_time = graphene.DateTime(
        description="When it was cancelled, or when stopping it was asked for while it ran."
    )
    attempt_history = graphene.List(
        graphene.NonNull(Attempt),
        required=True,
        description="Every failed attempt, oldest first (kept across requeues); a run that completed adds "
        "none.",
    )
    redelivered = graphene.Boolean(
        required=True, description="The last run was a redelivery by RabbitMQ (the task may have run before)."
    )
    worker = graphene.String(required=True, description="The consumer that ran it last (host:pid:thread).")
    orphan = graphene.Field(
        Orphan,
        description="Set when it is IN_PROGRESS under a lost service: nothing runs it, and where its "
        "message is decides whether requeueTask may publish it again.",
    )

    @staticmethod
    def resolve_orphan(log: MessageLog, info: Any) -> OrphanView | None:
        return orphan_of(log)

    @staticmethod
    def resolve_virtual_host(log: MessageLog, info: Any) -> str:
        return safe_virtual_host(log.virtual_host)

    @staticmethod
    def resolve_max_retries(log: MessageLog, info: Any) -> int:
        return log.max_retries if log.max_retries is not None else task_options(log.task).max_retries

    @staticmethod
    def resolve_time_limit(log: MessageLog, info: Any) -> float | None:
        return task_options(log.task).time_limit

    @staticmethod
    def resolve_attempt_history(log: MessageLog, info: Any) -> list[dict[str, Any]]:
        return [entry for entry in (log.history or []) if isinstance(entry, dict)]

    @staticmethod
    def resolve_duration_seconds(log: MessageLog, info: Any) -> float | None:
        duration = log.duration
        return None if duration is None else duration.total_seconds()

    @staticmethod
    def resolve_arguments_summary(log: MessageLog, info: Any) -> str:
        return arguments_summary(log.task_args, log.content)

    @staticmethod
    def resolve_args_text(log: MessageLog, info: Any) -> str:
        return args_text(log.args)

    @staticmethod
    def resolve_kwargs_text(log: MessageLog, info: Any) -> str:
        return kwargs_text(log.kwargs)

    @staticmethod
    def resolve_log(log: MessageLog, info: Any, min_level: int | None = None) -> list[dict[str, Any]]:
        entries = [entry for entry in (log.log or []) if isinstance(entry, dict)]
        if min_level is None:
            return entries
        threshold = getattr(min_level, "value", min_level)
        return [e for e in entries if LogEntry.resolve_levelno(e, info) >= threshold]


def args_text(args: list[Any]) -> str:
    """Positional arguments as the Python literals the forms accept."""
    return ", ".join(repr(value) for value in args)


def kwargs_text(kwargs: dict[str, Any]) -> str:
    """Keyword arguments as JSON text ('' for none)."""
    return json.dumps(kwargs) if kwargs else ""


class PageInfo(graphene.ObjectType):
    """Where a page sits in the whole list."""

    has_next_page = graphene.Boolean(required=True, description="There are older tasks after this page.")
    has_previous_page = graphene.Boolean(
        required=True,
        description="There are newer tasks before this page (or the page was asked for after a cursor).",
    )
    start_cursor = graphene.String(description="The cursor of the first (newest) task of the page.")
    end_cursor = graphene.String(description="The cursor of the last (oldest) task of the page.")


class TaskEdge(graphene.ObjectType):
    """A task in a page, with its cursor."""

    node = graphene.Field(Task, required=True, description="The task.")
    cursor = graphene.String(required=True, description="Pass as `after` or `before` to page from here.")


class TaskConnection(graphene.ObjectType):
    """A page of tasks in the order of its list (Relay connection with opaque keyset cursors)."""

    edges = graphene.List(graphene.NonNull(TaskEdge), required=True, description="The tasks of the page.")
    page_info = graphene.Field(PageInfo, required=True, description="Cursors and whether more pages exist.")


class TaskCounts(graphene.ObjectType):
    """How many tasks there are per status, for the tab badges (the logs in one grouped query)."""

    queued = graphene.Int(required=True, description="Published or in progress.")
    published = graphene.Int(required=True, description="Published, not started yet.")
    in_progress = graphene.Int(required=True, description="Running now.")
    waiting = graphene.Int(required=True, description="Delayed or retrying (not published yet).")
    delayed = graphene.Int(required=True, description="Delayed: published at their eta.")
    retrying = graphene.Int(required=True, description="Retrying: their next attempt runs at their eta.")
    failed = graphene.Int(required=True, description="Failed.")
    completed = graphene.Int(required=True, description="Completed (kept for the retention period).")
    cancelled = graphene.Int(required=True, description="Cancelled.")
    scheduled = graphene.Int(required=True, description="Scheduled tasks (active or not).")

    @staticmethod
    def resolve_scheduled(counts: dict[str, int], info: Any) -> int:
        """Counted only when asked for: a client reading the log counts does not pay for it."""
        return ScheduledTask.objects.count()


class RegisteredTask(graphene.ObjectType):
    """A task that may be published or scheduled by name."""

    path = graphene.String(required=True, description="The dotted path to publish it under.")
    description = graphene.String(required=True, description="The first line of the function's docstring.")


class TaskFilter(graphene.InputObjectType):
    """Which tasks to list."""

    status = graphene.Field(
        TaskListStatus,
        required=True,
        description="The list: queued, waiting (delayed or retrying), failed, completed or cancelled.",
    )
    queue = graphene.String(description="Only tasks published to this queue.")
    task = graphene.String(description="Only this task (its dotted path).")
    search = graphene.String(
        description="Free text found in the task path, the arguments, the exception or equal to the uuid."
    )
