"""The signal receivers that count task events into this process's :class:`~carrot.metrics.rollups.Buffer`.

They run on the thread that publishes or runs the task, so they only add to counters in memory.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.dispatch import Signal

from carrot import signals
from carrot.metrics import rollups
from carrot.models import MessageLog


def _counting(event: str) -> Callable[..., None]:
    """A receiver counting ``event`` of the signal's task, and its run's duration when the signal has one."""

    def receiver(sender: Any, log: MessageLog, duration: float | None = None, **_: Any) -> None:
        rollups.buffer().count(log.queue, log.task, event, duration)

    receiver.__name__ = f"count_{event}"
    return receiver


RECEIVERS: dict[Signal, Callable[..., None]] = {
    signals.task_published: _counting("published"),
    signals.task_started: _counting("started"),
    signals.task_succeeded: _counting("completed"),
    signals.task_failed: _counting("failed"),
    signals.task_retried: _counting("retried"),
    signals.task_cancelled: _counting("cancelled"),
}


def connect() -> None:
    """Count every task event from now on (called once, when the app is ready)."""
    for signal, receiver in RECEIVERS.items():
        signal.connect(receiver, sender=MessageLog, dispatch_uid=f"carrot-metrics-{receiver.__name__}")
