"""The outbox relay: the service sends the messages whose publishing process died before the confirm.

Every ``carrot`` service runs one. Each second it claims the logs whose ``relay_after`` has passed
while still ``PUBLISHED`` (:func:`carrot.logs.outbox.claim_due`: one conditional ``UPDATE``, so with several
services each log is claimed by one) and publishes them again under their own ids. A message that
did reach the broker before its publisher died then arrives twice; its consumer finds the first
run's log ``COMPLETED`` and acks the second without running it.
"""

from __future__ import annotations

import logging

from django.db import connections

from carrot import publishing
from carrot.dbretry import GaveUp, with_db_retry
from carrot.errors import PublishError
from carrot.logs import outbox
from carrot.threads import StoppableThread

logger = logging.getLogger(__name__)

INTERVAL = 1.0
"""Seconds between two looks at the outbox."""


def relay_due() -> int:
    """Send the due messages of one batch of logs; returns how many logs this call claimed."""
    outbox.forget_consumed()
    logs = outbox.claim_due()
    if not logs:
        return 0
    logger.warning(
        "Relaying %d task(s) whose publishing process stopped before the broker confirmed them", len(logs)
    )
    try:
        publishing.resend(logs)
    except PublishError as exc:
        logger.error("Relaying tasks failed: %s", exc)
    return len(logs)


class Relay(StoppableThread):
    """Runs :func:`relay_due` until stopped, riding out database outages."""

    def __init__(self) -> None:
        super().__init__(name="outbox-relay")

    def run(self) -> None:
        try:
            while not self._stopping.is_set():
                try:
                    claimed = with_db_retry(relay_due, self._stopping, "relaying unconfirmed tasks")
                except GaveUp:
                    break
                if claimed < outbox.BATCH:
                    self._stopping.wait(INTERVAL)
        finally:
            connections.close_all()
