"""Django signals sent along a task's life, for tracing, metrics and error reports.

Connect a receiver as to any Django signal (``task_failed.connect(report)``). Every signal is sent
with ``sender`` set to :class:`~carrot.models.MessageLog` and these keyword arguments:

``log``
    The task's :class:`~carrot.models.MessageLog`. In the consumer it holds what the run wrote, in
    memory: it is saved a moment later, with other results, so do not expect to find it in the
    database yet. Of what the publisher wrote, the consumer may have loaded only the fields in
    :data:`carrot.logs.runs.RUN_READS` (``id``, ``uuid``, ``task``, ``queue``, ``status``, the attempt
    and retry counts and ``history``): reading another such field (``task_args``, ``content``) may cost
    a query.
``attempt``
    ``log.attempts``: in :data:`task_published` the runs so far (0 for a new task), in the others the
    number of this run (1 for the first).

and, where they apply:

``started_at``, ``finished_at``
    The run's start and end (aware datetimes, as the log records them).
``duration``
    The run's length in seconds, measured with a monotonic clock.
``exception``, ``traceback``
    For :data:`task_failed`: the exception object the task raised and the traceback text the log
    records.

:data:`task_started`, :data:`task_succeeded` and :data:`task_failed` are sent on the thread that runs
the task, right before and right after it: what a receiver puts in thread-local or context-variable
state when a task starts is there while the task runs and when it ends. :data:`task_published` is sent
on the publishing thread once the log is written (after the commit, inside a transaction; with
``CARROT['durable_publish']`` off, outside a transaction, the log is written a few milliseconds later).

A receiver that raises does not change the task, its result or the publish: the error is logged
(``carrot.signals`` logger) and the other receivers still run. With no receiver connected, sending a
signal is one check of an empty list. Whether or not anyone listens, each event is counted for the
metrics (:mod:`carrot.metrics.rollups`): one increment in memory.
"""

from __future__ import annotations

import datetime
import logging
import time
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.dispatch import Signal

from carrot.metrics import rollups
from carrot.models import MessageLog

if TYPE_CHECKING:  # only a type here; importing the runner would load the publishing pipeline
    from carrot.runner import Outcome

logger = logging.getLogger(__name__)

task_published = Signal()
"""A task was published: ``log``, ``attempt``."""
task_started = Signal()
"""A task is about to run: ``log``, ``attempt``, ``started_at``."""
task_succeeded = Signal()
"""A task returned: ``log``, ``attempt``, ``started_at``, ``finished_at``, ``duration``."""
task_failed = Signal()
"""A task raised and will not be retried: ``log``, ``attempt``, ``started_at``, ``finished_at``,
``duration``, ``exception``, ``traceback``."""
task_retried = Signal()
"""A task raised and will run again at ``log.eta``: the same arguments as :data:`task_failed`."""
task_cancelled = Signal()
"""A task was cancelled: ``log``, ``attempt``. For a running task that stopped on
:class:`~carrot.errors.TaskCancelled`, also ``started_at``, ``finished_at``, ``duration``."""


def _listened(signal: Signal) -> bool:
    """Whether any receiver is connected: a cheaper test than ``has_listeners()`` (which resolves weak
    references), so a signal nobody listens to costs the consumer and the publisher next to nothing."""
    return bool(signal.receivers)


def _send(signal: Signal, name: str, log: MessageLog, **details: Any) -> None:
    """Send ``signal`` about ``log``; log each receiver's error instead of raising it."""
    for receiver, result in signal.send_robust(MessageLog, log=log, attempt=log.attempts, **details):
        if isinstance(result, Exception):
            logger.error(
                "Receiver %r of %s raised for task %s (%s)",
                receiver,
                name,
                log.task,
                log.uuid,
                exc_info=result,
            )


def _count(log: MessageLog, event: str, duration: float | None = None) -> None:
    rollups.buffer().count(log.queue, log.task, event, duration)


def _each(logs: Iterable[MessageLog], signal: Signal, name: str, event: str) -> None:
    """Count ``event`` and send ``signal`` for each of ``logs``."""
    listened = _listened(signal)
    for log in logs:
        _count(log, event)
        if listened:
            _send(signal, name, log)


def published(logs: Iterable[MessageLog]) -> None:
    """Send :data:`task_published` for each of ``logs``."""
    _each(logs, task_published, "task_published", "published")


def started(log: MessageLog) -> float:
    """Send :data:`task_started`; returns the monotonic time the run starts, for :func:`finished`."""
    _count(log, "started")
    if _listened(task_started):
        _send(task_started, "task_started", log, started_at=log.start_time)
    return time.monotonic()


def cancelled(logs: Iterable[MessageLog]) -> None:
    """Send :data:`task_cancelled` for each of ``logs``, cancelled before they ran."""
    _each(logs, task_cancelled, "task_cancelled", "cancelled")


_ENDINGS = {
    MessageLog.RETRYING: (task_retried, "task_retried", "retried"),
    MessageLog.CANCELLED: (task_cancelled, "task_cancelled", "cancelled"),
}
_FAILED = (task_failed, "task_failed", "failed")


def finished(log: MessageLog, outcome: Outcome, duration: float) -> None:
    """Send the signal of how a run that lasted ``duration`` seconds ended, by the status it left in
    ``log``: :data:`task_succeeded`, :data:`task_retried`, :data:`task_cancelled` or :data:`task_failed`."""
    if outcome.succeeded:
        _count(log, "completed", duration)
        if _listened(task_succeeded):
            _send(task_succeeded, "task_succeeded", log, **_timings(log, log.completion_time, duration))
        return
    signal, name, event = _ENDINGS.get(log.status, _FAILED)
    _count(log, event, duration)
    if not _listened(signal):
        return
    ended = log.cancelled_time if log.status == MessageLog.CANCELLED else log.failure_time
    details = _timings(log, ended, duration)
    if signal is not task_cancelled:
        details.update(exception=outcome.error, traceback=outcome.traceback)
    _send(signal, name, log, **details)


def _timings(log: MessageLog, finished_at: datetime.datetime | None, duration: float) -> dict[str, Any]:
    return {"started_at": log.start_time, "finished_at": finished_at, "duration": duration}
