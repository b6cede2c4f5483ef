"""Mutations of the tasks domain: requeue, delete, cancel, run waiting tasks now (one or in bulk), requeue
stuck tasks, publish, validate."""

from __future__ import annotations

import datetime
import logging
from typing import Any

import graphene
from django.db import OperationalError
from django.db.models import QuerySet
from graphene.types.generic import GenericScalar

from carrot import orphans, publishing
from carrot.arguments import ArgumentError, parse_keyword, parse_positional
from carrot.cancellation import cancel
from carrot.conf import MAX_PRIORITY, MAX_RETRIES_LIMIT
from carrot.errors import CarrotError
from carrot.logs import queries
from carrot.models import MessageLog
from carrot.permissions import Action
from carrot.schema.core.errors import Problem, TaskError, problem_from
from carrot.schema.core.types import BaseMutation, parse_id
from carrot.schema.tasks.resolvers import task_filter
from carrot.schema.tasks.types import Task, TaskFilter
from carrot.schema.workers.types import MessageWhereabouts

logger = logging.getLogger(__name__)

MAX_BULK_IDS = 1000

ERRORS = graphene.List(
    graphene.NonNull(TaskError), required=True, description="Why the input was refused; empty on success."
)


def _find(id: str) -> MessageLog | None:
    return queries.find(pk=parse_id(id), uuid=id)


def _not_found(id: str) -> Problem:
    return Problem("id", f"There is no task with id {id!r}.", "NOT_FOUND")


def parse_arguments(args: str | None, kwargs: str | None) -> tuple[list[Any], dict[str, Any], list[Problem]]:
    """Parse the text of the argument fields; every problem is reported, each on its field."""
    problems: list[Problem] = []
    positional: list[Any] = []
    keyword: dict[str, Any] = {}
    try:
        positional = parse_positional(args or "")
    except ArgumentError as exc:
        problems.append(Problem("args", str(exc), "INVALID_ARGUMENTS"))
    try:
        keyword = parse_keyword(kwargs or "")
    except ArgumentError as exc:
        problems.append(Problem("kwargs", str(exc), "INVALID_ARGUMENTS"))
    return positional, keyword, problems


REQUEUEABLE = (MessageLog.FAILED, MessageLog.CANCELLED)
"""The statuses of the tasks requeueing publishes again."""


class RequeueTask(BaseMutation):
    """Publish a task again under the same id; it goes back to the queued list.

    A failed or cancelled task, or an orphaned one (IN_PROGRESS under a lost service) whose message is
    known gone (`Task.orphan.publishable`); an orphan whose message its queue or a consumer may still
    hold is refused, since it will run again by itself.
    """

    action = Action.REQUEUE_TASKS
    publishes = True

    class Arguments:
        id = graphene.ID(required=True, description="The task's database id or uuid.")

    task = graphene.Field(Task, description="The requeued task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str) -> BaseMutation:
        log = _find(id)
        if log is None:
            return cls.failure(_not_found(id))
        try:
            refused = _requeue_one(log)
        except CarrotError as exc:
            log.refresh_from_db()
            return cls.failure(problem_from(exc), task=log)
        log.refresh_from_db()
        return cls.success(task=log) if refused is None else cls.failure(refused, task=log)


def _requeue_one(log: MessageLog) -> Problem | None:
    """Requeue ``log`` if its status allows it, else say why not."""
    if log.status in REQUEUEABLE:
        publishing.requeue(queries.by_pk(log.pk))
        return None
    if log.status != MessageLog.IN_PROGRESS:
        message = f"Only failed, cancelled and orphaned tasks can be requeued; this one is {log.status}."
        return Problem("id", message, "INVALID_STATUS")
    outcome = orphans.requeue_lost(queries.by_pk(log.pk))
    if outcome.stopped_by is not None:
        raise outcome.stopped_by
    if outcome.count:
        return None
    if outcome.left:
        return Problem("id", f"Not published again: {outcome.left[0][0].explanation}", "INVALID_STATUS")
    return Problem(
        "id",
        "No lost service holds it: a live service runs it, or the one that started it did not register.",
        "INVALID_STATUS",
    )


UNDELETABLE = {
    **dict.fromkeys(
        MessageLog.QUEUED_STATUSES, "is still in its queue; purge the queue or wait for it to finish."
    ),
    **dict.fromkeys(MessageLog.WAITING_STATUSES, "is waiting to be published; cancel it first."),
}
"""Why a task of these statuses cannot be deleted (its message is, or is about to be, in a queue)."""


class DeleteTask(BaseMutation):
    """Delete a failed, completed or cancelled task's log."""

    action = Action.DELETE_TASKS

    class Arguments:
        id = graphene.ID(required=True, description="The task's database id or uuid.")

    deleted_id = graphene.ID(description="The database id of the deleted task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, id: str) -> BaseMutation:
        log = _find(id)
        if log is None:
            return cls.failure(_not_found(id))
        if log.status in UNDELETABLE:
            return cls.failure(
                Problem("id", f"A {log.status} task {UNDELETABLE[log.status]}", "INVALID_STATUS")
            )
        queries.delete(queries.by_pk(log.pk))
        return cls.success(deleted_id=log.pk)


def _selection(
    ids: list[str] | None, filter: Any, allowed: tuple[str, ...], action: str
) -> tuple[QuerySet[MessageLog] | None, list[Problem]]:
    """The logs of the ``allowed`` groups a bulk mutation acts on: by ids or by filter, exactly one."""
    if (ids is None) == (filter is None):
        return None, [Problem(None, "Pass either `ids` or `filter`.", "REQUIRED")]
    if ids is not None:
        if len(ids) > MAX_BULK_IDS:
            return None, [Problem("ids", f"At most {MAX_BULK_IDS} ids at a time; use `filter`.", "INVALID")]
        return queries.in_groups(queries.by_ids(ids), allowed), []
    criteria = task_filter(filter)
    if criteria.group not in allowed:
        names = " or ".join(group.upper() for group in allowed)
        return None, [
            Problem("filter.status", f"Only {names} tasks can be {action} in bulk.", "INVALID_STATUS")
        ]
    return queries.matching(criteria), []


def _stopped(progress: queries.BulkProgress, done_verb: str, retry: str) -> Problem:
    """The error for a bulk action stopped part-way: what stopped it, how many were done, what to do."""
    exc = progress.stopped_by
    assert exc is not None
    so_far = f"Stopped after {progress.done} task(s) were {done_verb}"
    if isinstance(exc, OperationalError):
        cause = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        message = f"{so_far}: the database refused the next batch ({cause}). {retry}"
        return Problem(None, message, "DATABASE_ERROR")
    problem = problem_from(exc)
    return Problem(problem.field, f"{so_far}: {problem.message} {retry}", problem.code)


def _bulk_payload(
    cls: type[BaseMutation], progress: queries.BulkProgress, done_verb: str, retry: str
) -> BaseMutation:
    """The payload of a bulk action: its count, and an error saying why when it stopped part-way."""
    if progress.stopped_by is None:
        return cls.success(count=progress.done)
    problem = _stopped(progress, done_verb, retry)
    logger.warning("%s (%s)", problem.message, type(progress.stopped_by).__name__)
    return cls.failure(problem, count=progress.done)


RETRY_REQUEUE = (
    "Run it again to requeue the rest: those requeued are no longer failed or cancelled, so none is sent "
    "twice."
)
RETRY_DELETE = "Run it again to delete the rest."
RETRY_CANCEL = "Run it again to cancel the rest."
RETRY_RUN_NOW = "Run it again to make the rest due."
RETRY_PENDING = (
    "Run it again to requeue the rest: those requeued are in their queue again, so none is sent twice."
)


BULK_IDS = graphene.List(
    graphene.NonNull(graphene.ID),
    description="The tasks (database ids or uuids); tasks of another status are skipped.",
)
BULK_FILTER = graphene.Argument(TaskFilter, description="Every task matching this filter.")


class BulkMutation(BaseMutation):
    """A mutation over many tasks whose payload has their ``count``."""

    nothing_done = {"count": 0}

    class Meta:
        abstract = True

    @classmethod
    def affected(cls, payload: BaseMutation) -> tuple[int, int]:
        count = int(payload.count)
        return count, count if cls.publishes else 0


class SelectedTasksMutation(BulkMutation):
    """A bulk mutation over the given tasks, or over every task of its ``lists`` matching a filter."""

    lists: tuple[str, ...] = ()
    """The lists (:data:`carrot.logs.queries.GROUPS`) its tasks may come from."""
    verb = ""
    """What it does to a task, for errors ("requeued")."""
    done = ""
    """What it did, for its payload ("made due")."""
    retry = ""
    """What to do when it stopped part-way."""
    batch = queries.BULK_BATCH

    class Meta:
        abstract = True

    @classmethod
    def work(cls, logs: QuerySet[MessageLog], /) -> int:
        """Do it to ``logs`` (one batch); returns how many tasks it changed.

        Subclasses call their module function here (not ``work = staticmethod(f)``), so it is looked up
        at each call, where tests replace it.
        """
        raise NotImplementedError

    @classmethod
    def perform(cls, root: Any, info: Any, ids: list[str] | None = None, filter: Any = None) -> BaseMutation:
        selected, problems = _selection(ids, filter, cls.lists, cls.verb)
        if selected is None:
            return cls.failure(*problems, count=0)
        return _bulk_payload(cls, queries.in_batches(selected, cls.work, cls.batch), cls.done, cls.retry)


class RequeueTasks(SelectedTasksMutation):
    """Requeue failed or cancelled tasks in bulk: the given ones, or every one matching a filter."""

    action = Action.REQUEUE_TASKS
    publishes = True

    class Arguments:
        ids = BULK_IDS
        filter = BULK_FILTER

    count = graphene.Int(
        required=True, description="How many tasks were requeued (before it stopped, when `errors` says so)."
    )
    errors = ERRORS

    lists, verb, done, retry = (queries.FAILED, queries.CANCELLED), "requeued", "requeued", RETRY_REQUEUE
    batch = publishing.REQUEUE_BATCH

    @staticmethod
    def work(logs: QuerySet[MessageLog], /) -> int:
        return publishing.requeue(logs)


class DeleteTasks(SelectedTasksMutation):
    """Delete failed, completed or cancelled tasks in bulk: the given ones, or every one matching a filter."""

    action = Action.DELETE_TASKS

    class Arguments:
        ids = BULK_IDS
        filter = BULK_FILTER

    count = graphene.Int(
        required=True, description="How many tasks were deleted (before it stopped, when `errors` says so)."
    )
    errors = ERRORS

    lists = (queries.FAILED, queries.COMPLETED, queries.CANCELLED)
    verb, done, retry = "deleted", "deleted", RETRY_DELETE

    @staticmethod
    def work(logs: QuerySet[MessageLog], /) -> int:
        return queries.delete(logs)


class CancelTasks(SelectedTasksMutation):
    """Cancel tasks: the given ones, or every queued or waiting task matching a filter.

    A DELAYED, PUBLISHED or RETRYING task becomes CANCELLED and never runs (a consumer that receives its
    message acks it without running it). A task IN_PROGRESS is asked to stop (its `cancelledTime` is set):
    the service running it raises TaskCancelled in it, best effort (see docs/tasks.rst).
    """

    action = Action.REQUEUE_TASKS

    class Arguments:
        ids = BULK_IDS
        filter = BULK_FILTER

    count = graphene.Int(
        required=True,
        description="How many tasks were cancelled or asked to stop (before it stopped, when `errors` says "
        "so).",
    )
    errors = ERRORS

    lists, verb, done, retry = (queries.QUEUED, queries.WAITING), "cancelled", "cancelled", RETRY_CANCEL

    @staticmethod
    def work(logs: QuerySet[MessageLog], /) -> int:
        return cancel(logs)


class RunWaitingNow(SelectedTasksMutation):
    """Make DELAYED or RETRYING tasks due now: the given ones, or every waiting task matching a filter.

    Their eta becomes now; a running service's relay, which looks every second, publishes them.
    """

    action = Action.REQUEUE_TASKS
    publishes = True

    class Arguments:
        ids = BULK_IDS
        filter = BULK_FILTER

    count = graphene.Int(
        required=True, description="How many tasks were made due (before it stopped, when `errors` says so)."
    )
    errors = ERRORS

    lists, verb, done, retry = (queries.WAITING,), "run now", "made due", RETRY_RUN_NOW

    @staticmethod
    def work(logs: QuerySet[MessageLog], /) -> int:
        return publishing.run_waiting_now(logs)


class KeptTasks(graphene.ObjectType):
    """Tasks of one queue that requeuePendingTasks left alone, because their messages may still be held."""

    queue = graphene.String(required=True, description="Their queue.")
    count = graphene.Int(required=True, description="How many were left.")
    whereabouts = graphene.Field(
        MessageWhereabouts, required=True, description="Where their messages are, as far as the queue tells."
    )
    explanation = graphene.String(required=True, description="The same, in a sentence for people.")


class RequeuePendingTasks(BulkMutation):
    """Publish again the PUBLISHED and orphaned tasks whose messages are known gone, e.g. after their
    queue was purged.

    A queue's tasks are published again only when the broker holds no message of it and no consumer
    may hold one (`MessageWhereabouts.GONE`); otherwise they are left and `kept` says why. Tasks a live
    service runs, and tasks the outbox is still sending, are never touched.
    """

    action = Action.REQUEUE_TASKS
    publishes = True

    class Arguments:
        queue = graphene.String(description="Only tasks of this queue (default: every queue).")
        older_than_seconds = graphene.Int(
            default_value=0,
            description="Only tasks published at least this many seconds ago: 0 (every one) or more, up "
            "to the largest Int (2147483647).",
            deprecation_reason="Whether a task's message is gone is now checked on the broker; this "
            "only narrows the tasks further.",
        )

    count = graphene.Int(
        required=True, description="How many tasks were requeued (before it stopped, when `errors` says so)."
    )
    kept = graphene.List(
        graphene.NonNull(KeptTasks),
        required=True,
        description="Per queue, the tasks left because their messages may still be held.",
    )
    errors = ERRORS

    nothing_done = {"count": 0, "kept": []}

    @classmethod
    def perform(
        cls, root: Any, info: Any, queue: str | None = None, older_than_seconds: int | None = 0
    ) -> BaseMutation:
        older_than_seconds = older_than_seconds or 0  # an explicit null means the default
        if older_than_seconds < 0:
            return cls.failure(Problem("olderThanSeconds", "Must be 0 or more.", "INVALID"), count=0, kept=[])
        pending = queries.stuck(queue or None, datetime.timedelta(seconds=older_than_seconds))
        outcome = orphans.requeue_lost(pending)
        payload = _bulk_payload(
            cls, queries.BulkProgress(outcome.count, outcome.stopped_by), "requeued", RETRY_PENDING
        )
        payload.kept = [
            {"queue": v.queue, "count": n, "whereabouts": v.whereabouts.value, "explanation": v.explanation}
            for v, n in outcome.left
        ]
        return payload


class PublishTaskInput(graphene.InputObjectType):
    """A call of a registered task."""

    task = graphene.String(required=True, description="The registered task's dotted path.")
    args = graphene.String(
        description="Positional arguments as Python literals separated by commas, "
        "e.g. True, 1, 'test', {'foo': 'bar'}."
    )
    kwargs = graphene.String(description='Keyword arguments as a JSON object, e.g. {"to": "a@b.c"}.')
    queue = graphene.String(description="The queue (default: 'default').")
    priority = graphene.Int(
        default_value=0,
        description=f"The message priority, from 0 to {MAX_PRIORITY} (RabbitMQ treats a priority above "
        "the queue's x-max-priority as that maximum).",
    )
    exchange = graphene.String(description="The exchange ('' is the default exchange).")
    routing_key = graphene.String(description="The routing key (default: the queue name).")
    countdown = graphene.Float(
        description="Publish it in this many seconds (0 or more; default: now). The task is DELAYED until "
        "then."
    )
    eta = graphene.DateTime(
        description="Publish it at this time, with its UTC offset (not with `countdown`); a time past "
        "publishes it now."
    )
    max_retries = graphene.Int(
        description=f"How many times a failed run is retried, from 0 to {MAX_RETRIES_LIMIT} (default: "
        "the task's @task(max_retries=...), else CARROT['max_retries'])."
    )


def countdown_problem(countdown: float | None) -> Problem | None:
    """The field error for a negative ``countdown``; ``None`` when it is absent or 0 or more."""
    if countdown is not None and countdown < 0:
        return Problem("countdown", f"Must be 0 or more seconds, got {countdown:g}.", "INVALID")
    return None


def _timing_problems(input: Any) -> list[Problem]:
    """What is wrong with a publish's ``countdown``, ``eta`` and ``maxRetries``, each on its field."""
    problems = [p for p in [countdown_problem(input.get("countdown"))] if p is not None]
    eta = input.get("eta")
    if eta is not None and input.get("countdown") is not None:
        problems.append(Problem("eta", "Pass `countdown` or `eta`, not both.", "INVALID"))
    elif eta is not None and eta.utcoffset() is None:
        problems.append(
            Problem("eta", "Give the time with its UTC offset, e.g. 2030-01-31T02:00:00+01:00.", "INVALID")
        )
    max_retries = input.get("max_retries")
    if max_retries is not None and not 0 <= max_retries <= MAX_RETRIES_LIMIT:
        problems.append(
            Problem("maxRetries", f"Must be from 0 to {MAX_RETRIES_LIMIT}, got {max_retries}.", "INVALID")
        )
    return problems


class PublishTask(BaseMutation):
    """Publish a registered task now, or later with `countdown` or `eta` (for other services); returns the
    new task (PUBLISHED, or DELAYED until its eta)."""

    action = Action.PUBLISH_TASKS
    publishes = True

    class Arguments:
        input = PublishTaskInput(required=True, description="The task call.")

    task = graphene.Field(Task, description="The published task.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, input: Any) -> BaseMutation:
        args, kwargs, problems = parse_arguments(input.get("args"), input.get("kwargs"))
        priority = input.get("priority") or 0  # an explicit null means the default
        if not 0 <= priority <= MAX_PRIORITY:
            problems.append(
                Problem("priority", f"Priority must be from 0 to {MAX_PRIORITY}, got {priority}.", "INVALID")
            )
        problems += _timing_problems(input)
        if problems:
            return cls.failure(*problems)
        call = publishing.TaskCall(
            task=input["task"],
            args=args,
            kwargs=kwargs,
            priority=priority,
            queue=input.get("queue") or None,
            exchange=input.get("exchange") or "",
            routing_key=input.get("routing_key") or None,
            countdown=input.get("countdown"),
            eta=input.get("eta"),
            max_retries=input.get("max_retries"),
        )
        try:
            log = publishing.publish(call)
            publishing.flush()  # the caller hears of a broker refusal, and gets the log's id
        except CarrotError as exc:
            return cls.failure(problem_from(exc))
        log.refresh_from_db()
        return cls.success(task=log)


class ValidateArguments(BaseMutation):
    """Check the text of the argument fields without saving anything (for forms)."""

    action = Action.VIEW_TASKS
    audited = False

    class Arguments:
        args = graphene.String(description="Positional arguments as Python literals separated by commas.")
        kwargs = graphene.String(description="Keyword arguments as a JSON object.")

    args = GenericScalar(description="The parsed positional arguments (a JSON list) when valid.")
    kwargs = GenericScalar(description="The parsed keyword arguments (a JSON object) when valid.")
    errors = ERRORS

    @classmethod
    def perform(
        cls, root: Any, info: Any, args: str | None = None, kwargs: str | None = None
    ) -> BaseMutation:
        positional, keyword, problems = parse_arguments(args, kwargs)
        if problems:
            return cls.failure(*problems)
        return cls.success(args=positional, kwargs=keyword)
