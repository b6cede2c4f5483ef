"""Mutations of the scheduled-tasks domain: create, update, delete, (de)activate, run now."""

from __future__ import annotations

import dataclasses
from typing import Any

import graphene
from django.db import IntegrityError

from carrot import database, publishing, registry, signatures
from carrot.conf import get_settings
from carrot.errors import CarrotError
from carrot.models import ScheduledTask as ScheduledTaskModel
from carrot.permissions import Action
from carrot.schema.core.errors import Problem, ScheduledTaskError, problem_from
from carrot.schema.core.types import BaseMutation
from carrot.schema.scheduled.resolvers import cron_problem, scheduled_task, zone_problem
from carrot.schema.scheduled.types import ScheduledTask, ScheduledTaskCreateInput, ScheduledTaskUpdateInput
from carrot.schema.tasks.mutations import countdown_problem, parse_arguments
from carrot.schema.tasks.resolvers import enum_value
from carrot.schema.tasks.types import Task

ERRORS = graphene.List(
    graphene.NonNull(ScheduledTaskError),
    required=True,
    description="Why the input was refused; empty on success.",
)
SCHEDULED_ID = graphene.ID(required=True, description="The scheduled task's database id.")
MAX_NAME_LENGTH = ScheduledTaskModel._meta.get_field("task_name").max_length or 200


def _not_found(id: str) -> Problem:
    return Problem("id", f"There is no scheduled task with id {id!r}.", "NOT_FOUND")


def _clean(data: Any, instance: ScheduledTaskModel | None) -> tuple[dict[str, Any], list[Problem]]:
    """The model values for the given input fields, and every problem with them."""
    values: dict[str, Any] = {}
    problems: list[Problem] = []
    if "task" in data:
        try:
            values["task"] = registry.path_of(str(data["task"] or ""))
        except CarrotError as exc:
            problems.append(problem_from(exc, "task"))
    if "task_name" in data or instance is None:
        name = str(data.get("task_name") or "").strip() or values.get("task", "")
        if "task_name" in data and not name:
            problems.append(Problem("taskName", "A scheduled task needs a name.", "REQUIRED"))
        elif len(name) > MAX_NAME_LENGTH:
            problems.append(Problem("taskName", f"At most {MAX_NAME_LENGTH} characters.", "INVALID"))
        elif (
            name
            and ScheduledTaskModel.objects.filter(task_name=name)
            .exclude(pk=instance.pk if instance is not None else -1)
            .exists()
        ):
            problems.append(Problem("taskName", f"A scheduled task named {name!r} exists already.", "UNIQUE"))
        values["task_name"] = name
    if "queue" in data or instance is None:
        try:
            values["queue"] = get_settings().queue(str(data.get("queue") or "").strip() or "default").name
        except CarrotError as exc:
            problems.append(problem_from(exc, "queue"))
    for key in ("exchange", "routing_key"):
        if key in data:
            values[key] = str(data[key] or "").strip()
    schedule, schedule_problems = _schedule(data, instance)
    values.update(schedule)
    problems.extend(schedule_problems)
    if data.get("active") is not None:
        values["active"] = bool(data["active"])
    if "args" in data or "kwargs" in data:
        args, kwargs, argument_problems = parse_arguments(data.get("args"), data.get("kwargs"))
        problems.extend(argument_problems)
        if "args" in data:
            values["task_args"] = args
        if "kwargs" in data:
            values["content"] = kwargs
    if problems or not {"task", "args", "kwargs"} & set(data):
        return values, problems  # a pause or a new interval keeps arguments that were checked when set
    return values, _signature_problems(values, instance or ScheduledTaskModel())


def _signature_problems(values: dict[str, Any], kept: ScheduledTaskModel) -> list[Problem]:
    """The arguments (given or kept) that the task (given or kept) does not take, each on its field."""
    path = values.get("task", kept.task)
    try:
        func = registry.resolve(path)
    except CarrotError as exc:
        return [problem_from(exc, "task")]
    args = values.get("task_args", kept.task_args or [])
    kwargs = values.get("content", kept.content or {})
    return [
        Problem(m.field, m.message, "INVALID_ARGUMENTS") for m in signatures.mismatches(func, args, kwargs)
    ]


def _schedule(data: Any, instance: ScheduledTaskModel | None) -> tuple[dict[str, Any], list[Problem]]:
    """The cron, time zone and interval fields given, and the problems with the schedule they make."""
    values: dict[str, Any] = {}
    if data.get("cron") is not None:
        values["cron"] = str(data["cron"]).strip()
    if data.get("timezone") is not None:
        values["timezone"] = str(data["timezone"]).strip() or "UTC"
    kept = instance or ScheduledTaskModel()
    cron = values.get("cron", kept.cron)
    zone = values.get("timezone", kept.timezone)
    problems: list[Problem] = []
    if cron and ("cron" in values or "timezone" in values):
        problems += [p for p in [cron_problem(cron, zone)] if p is not None]
    elif "timezone" in values:
        problems += [p for p in [zone_problem(zone)] if p is not None]
    interval, problem = _interval(data, kept)
    values.update(interval)
    if problem is not None:
        problems.append(problem)
    elif not cron and not interval and (instance is None or instance.cron):
        what = "A scheduled task needs" if instance is None else "Without a cron expression, it needs"
        problems.append(Problem("intervalCount", f"{what} an interval (or a cron expression).", "REQUIRED"))
    return values, problems


def _interval(data: Any, kept: ScheduledTaskModel) -> tuple[dict[str, Any], Problem | None]:
    """The interval fields given, and the problem with the interval they make with those kept."""
    values: dict[str, Any] = {}
    if data.get("interval_type") is not None:
        values["interval_type"] = enum_value(data["interval_type"])
    if data.get("interval_count") is not None:
        values["interval_count"] = data["interval_count"]
    if not values:
        return values, None
    interval_type = values.get("interval_type", kept.interval_type)
    interval_count = values.get("interval_count", kept.interval_count)
    problem = ScheduledTaskModel.interval_problem(interval_type, interval_count)
    return values, None if problem is None else Problem("intervalCount", problem, "INVALID")


def _save(instance: ScheduledTaskModel, values: dict[str, Any]) -> Problem | None:
    for key, value in values.items():
        setattr(instance, key, value)
    try:
        with database.atomic():
            instance.save()
    except IntegrityError:
        return Problem("taskName", f"A scheduled task named {instance.task_name!r} exists already.", "UNIQUE")
    return None


class CreateScheduledTask(BaseMutation):
    """Schedule a registered task to be published every interval, or on a cron expression in a time zone."""

    action = Action.ADD_SCHEDULED

    class Arguments:
        input = ScheduledTaskCreateInput(required=True, description="The new scheduled task.")

    scheduled_task = graphene.Field(ScheduledTask, description="The created scheduled task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, input: Any) -> BaseMutation:
        values, problems = _clean(input, None)
        if problems:
            return cls.failure(*problems)
        instance = ScheduledTaskModel()
        problem = _save(instance, values)
        return cls.failure(problem) if problem else cls.success(scheduled_task=instance)


class UpdateScheduledTask(BaseMutation):
    """Change a scheduled task; a new interval or activation takes effect within a second or two."""

    action = Action.CHANGE_SCHEDULED

    class Arguments:
        id = SCHEDULED_ID
        input = ScheduledTaskUpdateInput(required=True, description="The fields to change.")

    scheduled_task = graphene.Field(ScheduledTask, description="The scheduled task as saved.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str, input: Any) -> BaseMutation:
        instance = scheduled_task(id)
        if instance is None:
            return cls.failure(_not_found(id))
        values, problems = _clean(input, instance)
        if problems:
            return cls.failure(*problems, scheduled_task=instance)
        problem = _save(instance, values)
        return cls.failure(problem) if problem else cls.success(scheduled_task=instance)


class SetScheduledTaskActive(BaseMutation):
    """Pause or resume a scheduled task."""

    action = Action.CHANGE_SCHEDULED

    class Arguments:
        id = SCHEDULED_ID
        active = graphene.Boolean(required=True, description="true to resume, false to pause.")

    scheduled_task = graphene.Field(ScheduledTask, description="The scheduled task as saved.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str, active: bool) -> BaseMutation:
        instance = scheduled_task(id)
        if instance is None:
            return cls.failure(_not_found(id))
        instance.active = active
        instance.save()
        return cls.success(scheduled_task=instance)


class DeleteScheduledTask(BaseMutation):
    """Delete a scheduled task (tasks it already published are kept)."""

    action = Action.DELETE_SCHEDULED

    class Arguments:
        id = SCHEDULED_ID

    deleted_id = graphene.ID(description="The database id of the deleted scheduled task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str) -> BaseMutation:
        instance = scheduled_task(id)
        if instance is None:
            return cls.failure(_not_found(id))
        pk = instance.pk
        instance.delete()
        return cls.success(deleted_id=pk)


class RunScheduledTask(BaseMutation):
    """Publish a scheduled task now, or in `countdown` seconds; its schedule is unchanged. Returns the new
    task (PUBLISHED, or DELAYED until then)."""

    action = Action.PUBLISH_TASKS
    publishes = True

    class Arguments:
        id = SCHEDULED_ID
        countdown = graphene.Float(
            description="Publish it in this many seconds (0 or more; default: now); it is DELAYED until then."
        )

    task = graphene.Field(Task, description="The task just published.")
    scheduled_task = graphene.Field(ScheduledTask, description="The scheduled task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str, countdown: float | None = None) -> BaseMutation:
        instance = scheduled_task(id)
        if instance is None:
            return cls.failure(_not_found(id))
        problem = countdown_problem(countdown)
        if problem is not None:
            return cls.failure(problem, scheduled_task=instance)
        call = dataclasses.replace(publishing.scheduled_call(instance), countdown=countdown)
        try:
            log = publishing.publish(call)
            publishing.flush()  # the caller hears of a broker refusal
        except CarrotError as exc:
            return cls.failure(problem_from(exc), scheduled_task=instance)
        log.refresh_from_db()
        return cls.success(task=log, scheduled_task=instance)
