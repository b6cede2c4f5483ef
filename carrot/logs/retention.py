"""Deleting ended logs older than their retention setting, in batches.

Completed logs after ``CARROT['completed_log_retention_days']``, failed ones after
``CARROT['failed_log_retention_days']`` (by default never): each by the time its list shows, read from
that status's partial index.
"""

from __future__ import annotations

import datetime
import logging

from django.utils import timezone

from carrot.models import MessageLog

logger = logging.getLogger(__name__)

BATCH = 1000
INTERVAL = 600.0
"""Seconds between two clean-ups by the service."""


ENDED_AT = {MessageLog.COMPLETED: "completion_time", MessageLog.FAILED: "failure_time"}
"""The statuses retention deletes, and the time each is kept from."""


def delete_expired_logs(
    retention_days: float,
    now: datetime.datetime | None = None,
    batch: int = BATCH,
    status: str = MessageLog.COMPLETED,
) -> int:
    """Delete ``status`` logs (completed or failed) that ended more than ``retention_days`` ago.

    Returns how many. Deletes ``batch`` rows per statement so a large backlog never holds a long
    lock. ``0`` days keeps every log.
    """
    if retention_days <= 0:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    expired = MessageLog.objects.filter(status=status, **{f"{ENDED_AT[status]}__lt": cutoff})
    deleted = 0
    while ids := list(expired.values_list("pk", flat=True)[:batch]):
        deleted += MessageLog.objects.filter(pk__in=ids).delete()[0]
    if deleted:
        logger.info("Deleted %d %s task logs older than %s days", deleted, status.lower(), retention_days)
    return deleted
