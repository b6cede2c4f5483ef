"""Plain functions behind the workers query and the orphaned tasks it shows."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.utils import timezone

from carrot import orphans, workers
from carrot.models import MessageLog, Worker


@dataclass(frozen=True)
class OrphanView:
    """A task orphaned under a lost service, and where its message is."""

    holder: Worker
    verdict: orphans.Verdict


@dataclass(frozen=True)
class RunningView:
    """A task a service started and has not finished; ``orphan`` when that service is lost."""

    log: MessageLog
    orphan: OrphanView | None


@dataclass(frozen=True)
class WorkerView:
    """A service's row with its state and its ``IN_PROGRESS`` logs, as of one moment."""

    worker: Worker
    state: workers.State
    running: list[RunningView] = field(default_factory=list)


class Verdicts:
    """Each queue's verdict, asked once per request."""

    def __init__(self, registry: orphans.Registry) -> None:
        self.registry = registry
        self._found: dict[str, orphans.Verdict] = {}

    def of(self, queue: str) -> orphans.Verdict:
        if queue not in self._found:
            self._found[queue] = orphans.verdict(queue, self.registry)
        return self._found[queue]


def worker_views() -> list[WorkerView]:
    """The :data:`~carrot.workers.LISTED` registered services with the latest heartbeats, with what
    each runs (three queries, and the broker asked about the queues of orphaned tasks)."""
    now = timezone.now()
    rows = list(Worker.objects.order_by("-heartbeat", "-pk")[: workers.LISTED])
    running = workers.running(rows)
    verdicts = Verdicts(orphans.look(now))
    return [_view(row, running[row.pk], verdicts, now) for row in rows]


def worker_view(row: Worker) -> WorkerView:
    """One service's view, as :func:`worker_views` gives it."""
    now = timezone.now()
    return _view(row, workers.running([row])[row.pk], Verdicts(orphans.look(now)), now)


def _view(row: Worker, running: list[MessageLog], verdicts: Verdicts, now: datetime.datetime) -> WorkerView:
    state = workers.state(row, now)
    lost = state is workers.State.LOST
    return WorkerView(
        row,
        state,
        [RunningView(log, OrphanView(row, verdicts.of(log.queue)) if lost else None) for log in running],
    )


def orphan_of(log: MessageLog) -> OrphanView | None:
    """``log`` 's orphan view when it is ``IN_PROGRESS`` under a lost service, else ``None``."""
    if log.status != MessageLog.IN_PROGRESS:
        return None
    registry = orphans.look()
    holder = orphans.lost_holder(log, registry)
    return None if holder is None else OrphanView(holder, orphans.verdict(log.queue, registry))
