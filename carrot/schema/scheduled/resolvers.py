"""Plain functions behind the scheduled-tasks queries."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from carrot.models import ScheduledTask
from carrot.schema.core.types import parse_id


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
