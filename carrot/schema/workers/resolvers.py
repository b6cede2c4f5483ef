"""Plain functions behind the workers query."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from carrot import workers
from carrot.models import MessageLog, Worker


@dataclass(frozen=True)
class WorkerView:
    """A service's row with its state and its ``IN_PROGRESS`` logs, as of one moment."""

    worker: Worker
    state: workers.State
    running: list[MessageLog]


def worker_views() -> list[WorkerView]:
    """Every registered service, latest heartbeat first, with what each runs (two queries)."""
    now = timezone.now()
    rows = list(Worker.objects.order_by("-heartbeat", "-pk"))
    running = workers.running(rows)
    return [WorkerView(row, workers.state(row, now), running[row.pk]) for row in rows]
