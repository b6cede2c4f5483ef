"""Object and input types of the scheduled-tasks domain."""

from __future__ import annotations

import datetime
from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from carrot.models import ScheduledTask as ScheduledTaskModel
from carrot.scheduler import cadence, spread
from carrot.schema.scheduled.resolvers import last_run
from carrot.schema.tasks.types import TaskStatus, args_text, kwargs_text


class IntervalType(graphene.Enum):
    """The unit of a scheduled task's interval."""

    SECONDS = ScheduledTaskModel.SECONDS
    MINUTES = ScheduledTaskModel.MINUTES
    HOURS = ScheduledTaskModel.HOURS
    DAYS = ScheduledTaskModel.DAYS

    @property
    def description(self) -> str:
        return f"The interval is counted in {self.value}."


class ScheduledTask(graphene.ObjectType):
    """A task published every `intervalCount` `intervalType`, or on the `cron` expression in `timezone`."""

    id = graphene.ID(required=True, description="The scheduled task's database id.")
    task_name = graphene.String(required=True, description="A unique name for people.")
    task = graphene.String(required=True, description="The registered task's dotted path.")
    queue = graphene.String(required=True, description="The queue it is published to.")
    exchange = graphene.String(required=True, description="The exchange ('' is the default exchange).")
    routing_key = graphene.String(required=True, description="The routing key ('' is the queue name).")
    interval_type = graphene.Field(IntervalType, required=True, description="The unit of the interval.")
    interval_count = graphene.Int(required=True, description="How many units between two runs.")
    interval_seconds = graphene.Int(required=True, description="The interval in seconds.")
    cron = graphene.String(
        required=True,
        description="A cron expression (minute hour day-of-month month day-of-week); '' when the interval "
        "applies.",
    )
    timezone = graphene.String(
        required=True, description="The IANA time zone the cron expression is read in, e.g. Europe/Paris."
    )
    args = GenericScalar(required=True, description="The positional arguments (a JSON list).")
    kwargs = GenericScalar(required=True, description="The keyword arguments (a JSON object).")
    args_text = graphene.String(required=True, description="The positional arguments as Python literals.")
    kwargs_text = graphene.String(required=True, description="The keyword arguments as JSON text.")
    active = graphene.Boolean(required=True, description="The scheduler publishes it.")
    last_run_at = graphene.DateTime(description="When the scheduler last published it (not Run now).")
    last_run_status = graphene.Field(
        TaskStatus,
        description="The status of the task its last run published (the newest task of its path and "
        "queue published since `lastRunAt`); null before the first run or when that task is gone.",
    )
    last_run_uuid = graphene.String(description="The uuid of that task, to open it; null when there is none.")
    next_run_at = graphene.DateTime(description="When it is next due (while active).")

    @staticmethod
    def resolve_next_run_at(scheduled: ScheduledTaskModel, info: Any) -> datetime.datetime | None:
        if scheduled.next_run_at is None:
            return None
        offset = spread(scheduled.pk, cadence(scheduled.cron, scheduled.interval))
        return scheduled.next_run_at + offset  # when it really runs

    @staticmethod
    def resolve_last_run_status(scheduled: ScheduledTaskModel, info: Any) -> str | None:
        return last_run(scheduled)[0]

    @staticmethod
    def resolve_last_run_uuid(scheduled: ScheduledTaskModel, info: Any) -> str | None:
        return last_run(scheduled)[1]

    @staticmethod
    def resolve_interval_seconds(scheduled: ScheduledTaskModel, info: Any) -> int:
        return int(scheduled.interval.total_seconds())

    @staticmethod
    def resolve_args(scheduled: ScheduledTaskModel, info: Any) -> list[Any]:
        return list(scheduled.task_args or [])

    @staticmethod
    def resolve_kwargs(scheduled: ScheduledTaskModel, info: Any) -> dict[str, Any]:
        return dict(scheduled.content or {})

    @staticmethod
    def resolve_args_text(scheduled: ScheduledTaskModel, info: Any) -> str:
        return args_text(list(scheduled.task_args or []))

    @staticmethod
    def resolve_kwargs_text(scheduled: ScheduledTaskModel, info: Any) -> str:
        return kwargs_text(dict(scheduled.content or {}))


_FIELDS = {
    "task_name": "A unique name for people (default: the task path).",
    "task": "The registered task's dotted path.",
    "queue": "The queue to publish to (default: 'default').",
    "exchange": "The exchange ('' is the default exchange).",
    "routing_key": "The routing key ('' is the queue name).",
    "interval_type": "The unit of the interval (needed unless `cron` is given).",
    "interval_count": "How many units between two runs: from 1 up to a year (31536000 SECONDS, 525600 "
    "MINUTES, 8760 HOURS or 365 DAYS); needed unless `cron` is given.",
    "cron": "A cron expression, e.g. '0 2 * * 1-5' (02:00 on weekdays); when given, the interval is not "
    "used. '' goes back to the interval.",
    "timezone": "The IANA time zone of the cron expression, e.g. Europe/Paris (default: UTC).",
    "active": "The scheduler publishes it (default: true).",
    "args": "Positional arguments as Python literals separated by commas, "
    "e.g. True, 1, 'test', {'foo': 'bar'}.",
    "kwargs": 'Keyword arguments as a JSON object, e.g. {"parameter_1": true}.',
}


class ScheduledTaskCreateInput(graphene.InputObjectType):
    """A new scheduled task."""

    task = graphene.String(required=True, description=_FIELDS["task"])
    task_name = graphene.String(description=_FIELDS["task_name"])
    queue = graphene.String(description=_FIELDS["queue"])
    exchange = graphene.String(description=_FIELDS["exchange"])
    routing_key = graphene.String(description=_FIELDS["routing_key"])
    interval_type = graphene.Field(IntervalType, description=_FIELDS["interval_type"])
    interval_count = graphene.Int(description=_FIELDS["interval_count"])
    cron = graphene.String(description=_FIELDS["cron"])
    timezone = graphene.String(description=_FIELDS["timezone"])
    active = graphene.Boolean(description=_FIELDS["active"])
    args = graphene.String(description=_FIELDS["args"])
    kwargs = graphene.String(description=_FIELDS["kwargs"])


class ScheduledTaskUpdateInput(graphene.InputObjectType):
    """Changes to a scheduled task: fields left out keep their value."""

    task = graphene.String(description=_FIELDS["task"])
    task_name = graphene.String(description="A unique name for people.")
    queue = graphene.String(description="The queue to publish to.")
    exchange = graphene.String(description=_FIELDS["exchange"])
    routing_key = graphene.String(description=_FIELDS["routing_key"])
    interval_type = graphene.Field(IntervalType, description="The unit of the interval.")
    interval_count = graphene.Int(description=_FIELDS["interval_count"])
    cron = graphene.String(description=_FIELDS["cron"])
    timezone = graphene.String(description="The IANA time zone of the cron expression, e.g. Europe/Paris.")
    active = graphene.Boolean(description="The scheduler publishes it.")
    args = graphene.String(description=_FIELDS["args"])
    kwargs = graphene.String(description=_FIELDS["kwargs"])


class CronPreview(graphene.ObjectType):
    """The next runs of a cron expression in a time zone, or why it is not valid (for the editor)."""

    next_runs = graphene.List(
        graphene.NonNull(graphene.DateTime),
        required=True,
        description="The next run times from now, in the time zone (with its UTC offset); empty on an error.",
    )
    error = graphene.String(description="Why the expression or the time zone is not valid; null when valid.")
