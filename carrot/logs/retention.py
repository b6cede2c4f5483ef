"""Deleting completed logs older than ``CARROT['completed_log_retention_days']``, in batches."""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from carrot.models import MessageLog

logger = logging.getLogger(__name__)

BATCH = 1000
INTERVAL = 600.0
"""Seconds between two clean-ups by the service."""


def delete_expired_logs(
    retention_days: float, now: datetime.datetime | None = None, batch: int = BATCH
) -> int:
    """Delete ``COMPLETED`` logs finished more than ``retention_days`` ago; returns how many.

    Deletes ``batch`` rows per statement so a large backlog never holds a long lock. ``0`` days keeps
    every log.
    """
    if retention_days <= 0:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    expired = MessageLog.objects.filter(status=MessageLog.COMPLETED, completion_time__lt=cutoff)
    deleted = 0
    while ids := list(expired.values_list("pk", flat=True)[:batch]):
        deleted += MessageLog.objects.filter(pk__in=ids).delete()[0]
    if deleted:
        logger.info("Deleted %d completed task logs older than %s days", deleted, retention_days)
    return deleted
