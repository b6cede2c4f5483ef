"""The relay: every service publishes the tasks whose time has come and the ones their publisher dropped.

Every ``carrot`` service runs one. Each second it claims the logs whose ``relay_after`` has passed
(:func:`carrot.logs.outbox.claim_due`: one conditional ``UPDATE``, so with several services each log
is claimed by one), sets them ``PUBLISHED`` and publishes them under their own ids:

* ``DELAYED`` tasks whose ``eta`` has come, and ``RETRYING`` tasks due for their next attempt;
* ``PUBLISHED`` tasks whose publishing process died before the broker's confirm. A message that did
  reach the broker before its publisher died then arrives twice; its consumer finds the first run's
  log ``COMPLETED`` and acks the second without running it.

While full batches are due it claims the next one at once, as the pipeline publishes the last, and
waits for the broker's confirms at the end of each pass. A pass that claimed something is followed by
another at once; a second is left between passes only once nothing was due.
"""

from __future__ import annotations

import logging
import threading

from django.db import connections

from carrot import pipeline, publishing
from carrot.dbretry import GaveUp, with_db_retry
from carrot.errors import PublishError
from carrot.logs import outbox
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

INTERVAL = 1.0
"""Seconds between two looks at the outbox once nothing is due."""


def _report(logs: list[outbox.Claimed]) -> None:
    """Warn about stranded tasks; due delayed and retrying ones are routine."""
    stranded = sum(1 for log in logs if log.stranded)
    if stranded:
        logger.warning(
            "Relaying %d task(s) whose publishing process stopped before the broker confirmed them", stranded
        )
    if len(logs) > stranded:
        logger.debug("Publishing %d delayed or retrying task(s) now due", len(logs) - stranded)


def relay_due(stopping: threading.Event | None = None) -> int:
    """Publish every due log, a batch at a time until a batch is not full (or ``stopping`` is set), then
    wait for the broker's confirms; returns how many logs this call claimed. A pass that finds nothing
    due clears the marks of logs consumers moved on (:func:`outbox.forget_consumed`)."""
    claimed = 0
    while True:
        logs = outbox.claim_due(limit=outbox.BATCH)
        if not logs:  # only now: with a backlog due, it would walk every due log
            outbox.forget_consumed()
            break
        _report(logs)
        publishing.send_recorded(logs)
        claimed += len(logs)
        if len(logs) < outbox.BATCH or (stopping is not None and stopping.is_set()):
            break
    try:
        pipeline.flush()
    except PublishError as exc:
        logger.error("Relaying tasks failed: %s", exc)
    return claimed


class Relay(StoppableThread):
    """Runs :func:`relay_due` each :data:`INTERVAL` until stopped, riding out database outages."""

    def __init__(self) -> None:
        super().__init__(name="outbox-relay")

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    claimed = with_db_retry(
                        lambda: relay_due(self._stopping), self._stopping, "relaying due tasks"
                    )
                except GaveUp:
                    break
                # After a short batch (another service claimed the rest), look again at once.
                self._stopping.wait(INTERVAL if not claimed else 0)
        finally:
            connections.close_all()
