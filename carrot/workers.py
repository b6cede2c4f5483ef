"""The services' registry: each ``carrot`` service says who it is and that it lives.

A service writes its :class:`~carrot.models.Worker` row when it starts (host, pid, version, the
queues it consumes and their concurrency), then a heartbeat every ``CARROT['heartbeat_seconds']``
(:class:`Heartbeat`), and marks the row stopped when it stops cleanly. A row whose heartbeat is
:data:`LOST_AFTER` of its own intervals old is *lost*: its process died without stopping (SIGKILL,
a crash, the machine gone) or has not reached the database for that long.

What a service is running is read from the task logs: the ``IN_PROGRESS`` logs whose ``worker``
(``host:pid:consumer``) is its host and pid and whose run started after it did. The same logs of a
lost service are *orphaned*: nothing is running them any more.
"""

from __future__ import annotations

import datetime
import enum
import logging
import os
import socket
import uuid
from collections.abc import Callable, Iterable

from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone

import carrot
from carrot import control
from carrot.conf import CarrotSettings
from carrot.dbretry import GaveUp, with_db_retry
from carrot.logs import queries
from carrot.models import MessageLog, Worker
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

LOST_AFTER = 3
"""Heartbeat intervals without one after which a service is shown as lost."""
LISTED = 50
"""The most services the ``workers`` query lists: those with the latest heartbeats."""
KEEP_GONE_FOR = datetime.timedelta(days=7)
"""How long the row of a stopped or lost service is kept (for the monitor's history)."""


class State(enum.Enum):
    ALIVE = "ALIVE"
    QUIET = "QUIET"
    """Alive, but told to take no new messages (:func:`carrot.control.set_quiet`)."""
    LOST = "LOST"
    STOPPED = "STOPPED"


def state(worker: Worker, now: datetime.datetime | None = None) -> State:
    """Whether ``worker`` runs (quiet or not), stopped cleanly, or has been silent for :data:`LOST_AFTER`
    heartbeats."""
    if worker.stopped is not None:
        return State.STOPPED
    silent = (now or timezone.now()) - worker.heartbeat
    if silent > datetime.timedelta(seconds=LOST_AFTER * worker.heartbeat_seconds):
        return State.LOST
    return State.QUIET if worker.quiet else State.ALIVE


def register(settings: CarrotSettings) -> Worker:
    """Write the row of the service starting in this process."""
    now = timezone.now()
    queues = [{"name": q.name, "concurrency": q.concurrency} for q in settings.queues if q.consumable]
    return Worker.objects.create(
        ident=str(uuid.uuid4()),
        host=socket.gethostname(),
        pid=os.getpid(),
        version=carrot.__version__,
        queues=queues,
        started=now,
        heartbeat=now,
        heartbeat_seconds=settings.heartbeat_seconds,
    )


def beat(worker: Worker) -> None:
    """Record a sign of life (also after the row was deleted as lost: it is written again)."""
    worker.heartbeat = timezone.now()
    if not Worker.objects.filter(pk=worker.pk).update(heartbeat=worker.heartbeat):
        worker.save(force_insert=True)


def stop(worker: Worker) -> None:
    """Mark the service's row stopped."""
    worker.stopped = timezone.now()
    Worker.objects.filter(pk=worker.pk).update(stopped=worker.stopped)


def held_by(worker: Worker) -> QuerySet[MessageLog]:
    """The ``IN_PROGRESS`` logs of runs ``worker`` started: what it runs now, or orphaned if it is lost."""
    return queries.running_under([(worker.host, worker.pid, worker.started)])


def holds(worker: Worker, log: MessageLog) -> bool:
    """``log`` is a run ``worker`` started: its ``worker`` is the service's host:pid, and it started
    after the service did (a pid used again by a later process is another service)."""
    return (
        log.worker.startswith(f"{worker.host}:{worker.pid}:")
        and log.start_time is not None
        and log.start_time >= worker.started
    )


def running(workers: Iterable[Worker]) -> dict[int, list[MessageLog]]:
    """The ``IN_PROGRESS`` logs of each of ``workers``, by the worker's pk (one query)."""
    workers = list(workers)
    by_process = {f"{w.host}:{w.pid}": w for w in workers}
    found: dict[int, list[MessageLog]] = {w.pk: [] for w in workers}
    for log in queries.running_now():
        worker = by_process.get(log.worker.rpartition(":")[0])
        if worker is not None and holds(worker, log):
            found[worker.pk].append(log)
    return found


def delete_gone(now: datetime.datetime | None = None) -> int:
    """Delete the rows of services stopped or silent for :data:`KEEP_GONE_FOR`; returns how many."""
    before = (now or timezone.now()) - KEEP_GONE_FOR
    deleted, _ = Worker.objects.filter(heartbeat__lt=before).delete()
    return deleted


class Heartbeat(StoppableThread):
    """Registers the service, beats every ``heartbeat_seconds`` riding out database outages, and marks
    the row stopped when stopped.

    After registering and after each beat it reads what operators tell the service (paused queues,
    quiet) and hands it to ``on_control``.
    """

    def __init__(
        self, settings: CarrotSettings, on_control: Callable[[control.Control], None] = lambda _: None
    ) -> None:
        super().__init__(name="heartbeat")
        self.settings = settings
        self.on_control = on_control
        self.worker: Worker | None = None

    def run(self) -> None:
        try:
            self.worker = with_db_retry(lambda: register(self.settings), self._stopping, "registering")
            worker = self.worker
            self._read_control(worker)
            while not self._stopping.wait(self.settings.heartbeat_seconds):
                with_db_retry(lambda: beat(worker), self._stopping, "sending a heartbeat")
                self._read_control(worker)
            with_db_retry(lambda: stop(worker), self._stopping, "marking this service stopped")
        except GaveUp:
            pass
        finally:
            connections.close_all()

    def _read_control(self, worker: Worker) -> None:
        self.on_control(with_db_retry(lambda: control.read(worker), self._stopping, "reading paused queues"))


def count_by_state(now: datetime.datetime | None = None) -> dict[State, int]:
    """How many services are alive, lost and stopped (of the rows kept: :data:`KEEP_GONE_FOR`)."""
    now = now or timezone.now()
    counts = dict.fromkeys(State, 0)
    for worker in Worker.objects.only("heartbeat", "heartbeat_seconds", "stopped"):
        counts[state(worker, now)] += 1
    return counts
