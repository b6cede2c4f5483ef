"""What operators tell the services: paused queues and quiet services.

This module is the one owner of the :class:`~carrot.models.QueuePause` table and of a service's
``quiet`` flag. Both live in the database, so every service sees them and they outlive restarts:
each service reads them (:func:`read`) when it starts and with every heartbeat, and stops or resumes
taking messages accordingly (running tasks always finish).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import IntegrityError

from carrot import database
from carrot.models import QueuePause, Worker


@dataclass(frozen=True)
class Control:
    """What one service is told, as of one reading."""

    paused: frozenset[str]
    """The names of the paused queues."""
    quiet: bool
    """The service takes messages from none of its queues."""

    def holds(self, queue: str) -> bool:
        """The service must not take messages from ``queue``."""
        return self.quiet or queue in self.paused


def read(worker: Worker | None) -> Control:
    """The paused queues, and whether ``worker`` (the reading service's row) is quiet (two queries)."""
    paused = frozenset(QueuePause.objects.values_list("queue", flat=True))
    quiet = worker is not None and Worker.objects.filter(pk=worker.pk, quiet=True).exists()
    return Control(paused, quiet)


def pauses() -> dict[str, QueuePause]:
    """Every paused queue's row, by queue name."""
    return {pause.queue: pause for pause in QueuePause.objects.all()}


def pause(queue: str, by: str = "") -> QueuePause:
    """Pause ``queue`` (a queue paused already keeps who paused it and when)."""
    try:
        with database.atomic():
            return QueuePause.objects.get_or_create(queue=queue, defaults={"paused_by": by})[0]
    except IntegrityError:  # paused at the same moment by another request
        return QueuePause.objects.get(queue=queue)


def resume(queue: str) -> bool:
    """Let services take messages from ``queue`` again; ``False`` when it was not paused."""
    deleted, _ = QueuePause.objects.filter(queue=queue).delete()
    return bool(deleted)


def set_quiet(ident: str, quiet: bool) -> Worker | None:
    """Tell the service whose row has ``ident`` to take no new messages (``quiet``) or to take them
    again; ``None`` when there is no such row."""
    worker = Worker.objects.filter(ident=ident).first()
    if worker is not None and worker.quiet != quiet:
        worker.quiet = quiet
        Worker.objects.filter(pk=worker.pk).update(quiet=quiet)
    return worker
