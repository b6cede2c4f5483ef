"""Plain functions behind the scheduled-tasks queries, and the check of a cron schedule they share."""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.utils import timezone as django_timezone

from carrot import cron
from carrot.logs import queries
from carrot.models import MessageLog, ScheduledTask
from carrot.schema.core.errors import Problem
from carrot.schema.core.types import check_page_size, parse_id

MAX_PREVIEW_RUNS = 50
"""The most run times ``cronPreview`` gives."""


def scheduled_tasks(active: bool | None = None, search: str | None = None) -> QuerySet[ScheduledTask]:
    """Scheduled tasks by name; only (in)active ones, or those whose name or path contains ``search``."""
    found = with_last_run(ScheduledTask.objects.order_by("task_name"))
    if active is not None:
        found = found.filter(active=active)
    if search and search.strip():
        found = found.filter(Q(task_name__icontains=search.strip()) | Q(task__icontains=search.strip()))
    return found


def scheduled_task(id: str) -> ScheduledTask | None:
    """One scheduled task by database id, or ``None``."""
    pk = parse_id(id)
    return None if pk is None else with_last_run(ScheduledTask.objects.filter(pk=pk)).first()


def _last_run_logs() -> QuerySet[MessageLog]:
    """The tasks published for the outer scheduled task's path and queue since its last run, newest first.

    The model keeps only when the last run was, not which log it wrote: the run's log is the one its
    path and queue got at that moment (read newest first, which the task-and-id index serves without
    walking the task's older logs).
    """
    return queries.published_since(OuterRef("task"), OuterRef("queue"), OuterRef("last_run_at"))


def with_last_run(found: QuerySet[ScheduledTask]) -> QuerySet[ScheduledTask]:
    """``found`` with ``last_run_status`` and ``last_run_uuid`` of its last run's task, in the same query."""
    logs = _last_run_logs()
    return found.annotate(
        last_run_status=Subquery(logs.values("status")[:1]), last_run_uuid=Subquery(logs.values("uuid")[:1])
    )


def last_run(scheduled: ScheduledTask) -> tuple[str | None, str | None]:
    """The status and uuid of the task the last run of ``scheduled`` published, or ``None`` for each.

    Read from the annotations of :func:`with_last_run`; a scheduled task loaded without them (one
    returned by a mutation) costs one query.
    """
    if not hasattr(scheduled, "last_run_status"):
        annotated = with_last_run(ScheduledTask.objects.filter(pk=scheduled.pk)).first()
        scheduled = annotated if annotated is not None else scheduled
    return getattr(scheduled, "last_run_status", None), getattr(scheduled, "last_run_uuid", None)


def zone_problem(name: str) -> Problem | None:
    """The field error for ``name`` when it is not an IANA time zone; ``None`` when it is one."""
    message = cron.zone_problem(name)
    return None if message is None else Problem("timezone", message, "INVALID")


def cron_problem(expression: str, zone: str) -> Problem | None:
    """The field error for a cron expression in a time zone (on ``timezone`` or ``cron``), or ``None``."""
    message = cron.expression_problem(expression) if expression else "A cron expression is required."
    return zone_problem(zone) or (None if message is None else Problem("cron", message, "INVALID"))


def cron_preview(expression: str, zone: str, count: int) -> dict[str, Any]:
    """The next ``count`` runs of ``expression`` in ``zone`` from now, or the error that prevents them."""
    check_page_size("count", count, MAX_PREVIEW_RUNS)
    problem = cron_problem(expression.strip(), zone.strip())
    if problem is not None:
        return {"next_runs": [], "error": problem.message}
    runs = cron.next_times(expression.strip(), zone.strip(), django_timezone.now(), count)
    return {"next_runs": runs, "error": None}
