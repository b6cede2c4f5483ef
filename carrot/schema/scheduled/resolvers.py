"""Plain functions behind the scheduled-tasks queries, and the check of a cron schedule they share."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone as django_timezone

from carrot import cron
from carrot.models import ScheduledTask
from carrot.schema.core.errors import Problem
from carrot.schema.core.types import check_page_size, parse_id

MAX_PREVIEW_RUNS = 50
"""The most run times ``cronPreview`` gives."""


def scheduled_tasks(active: bool | None = None, search: str | None = None) -> QuerySet[ScheduledTask]:
    """Scheduled tasks by name; only (in)active ones, or those whose name or path contains ``search``."""
    found = ScheduledTask.objects.order_by("task_name")
    if active is not None:
        found = found.filter(active=active)
    if search and search.strip():
        found = found.filter(Q(task_name__icontains=search.strip()) | Q(task__icontains=search.strip()))
    return found


def scheduled_task(id: str) -> ScheduledTask | None:
    """One scheduled task by database id, or ``None``."""
    pk = parse_id(id)
    return None if pk is None else ScheduledTask.objects.filter(pk=pk).first()


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
