"""The dashboard's charts: runs ended, failures and run-time percentiles over the last hour, day or week.

Read from the rollups :mod:`carrot.metrics.rollups` keeps as tasks finish, never from the task logs,
so the cost of a chart depends on the number of queues and tasks, not on the number of logs:

- the last hour: 60 points of a minute each, from :class:`~carrot.models.TaskRollup`;
- the last day: 96 points of 15 minutes, and the last week: 168 points of an hour, from
  :class:`~carrot.models.TaskSpanRollup`, whose rows also hold the sums over every queue, every task
  or both, so these read one row per point whatever the number of queues and tasks.

The last point is the span under way, as far as the services flushed it (a few seconds behind). The
percentiles are estimated from the run-time histogram as Prometheus' ``histogram_quantile`` does:
linearly within the bucket the rank falls in; a rank in the last bucket (over 5 minutes) reads as
its lower bound.
"""

from __future__ import annotations

import dataclasses
import datetime
import enum
from collections.abc import Sequence
from typing import Any

from django.db.models import QuerySet, Sum
from django.utils import timezone

from carrot.metrics import rollups
from carrot.models import DURATION_BUCKETS, TaskRollup, TaskSpanRollup, TaskTotal


class Range(enum.Enum):
    """How far back a chart looks."""

    HOUR = "HOUR"
    DAY = "DAY"
    WEEK = "WEEK"


@dataclasses.dataclass(frozen=True)
class _Shape:
    seconds: int
    """One point's span."""
    points: int


SHAPES = {
    Range.HOUR: _Shape(60, 60),
    Range.DAY: _Shape(15 * 60, 96),
    Range.WEEK: _Shape(60 * 60, 168),
}
MAX_POINTS = max(shape.points for shape in SHAPES.values())
"""The most points a chart has (a week of hours)."""
_HISTOGRAM = [name for _, name in DURATION_BUCKETS]
_COUNTS = ("completed", "failed", "retried")


@dataclasses.dataclass(frozen=True)
class Point:
    """What ended in one span: runs by outcome and their run-time percentiles (``None``: no run)."""

    start: datetime.datetime
    minutes: float
    completed: int = 0
    failed: int = 0
    retried: int = 0
    p50: float | None = None
    p95: float | None = None

    @property
    def ended(self) -> int:
        """Runs that ended: completed, failed for good, or to be retried."""
        return self.completed + self.failed + self.retried


@dataclasses.dataclass(frozen=True)
class Chart:
    range: Range
    seconds: int
    """Each point's span."""
    points: list[Point]
    """Oldest first, every span of the range (those without runs count zero)."""


def quantile(histogram: Sequence[float], q: float) -> float | None:
    """The run time under which a fraction ``q`` of the runs counted in ``histogram`` (one count per
    field of :data:`~carrot.models.DURATION_BUCKETS`, in its order) ended; ``None`` without runs."""
    runs = sum(histogram)
    if runs <= 0:
        return None
    rank = q * runs
    below, lower = 0.0, 0.0
    for (upper, _), count in zip(DURATION_BUCKETS, histogram, strict=True):
        if count and below + count >= rank:
            if upper == float("inf"):
                return lower
            return lower + (upper - lower) * (rank - below) / count
        below += count
        lower = upper
    return lower  # not reached: the counts add up to ``runs``


def chart(
    range_: Range, queue: str | None = None, task: str | None = None, now: datetime.datetime | None = None
) -> Chart:
    """The points of ``range_`` up to ``now``, for one queue and one task or all of them.

    One query: the last hour sums the minutes of the queues and tasks asked for (60 rows each); a
    day or a week reads the rows the flushes summed for them (one row per span).
    """
    shape = SHAPES[range_]
    now_seconds = int((now or timezone.now()).timestamp())
    first = now_seconds // shape.seconds * shape.seconds - (shape.points - 1) * shape.seconds
    since = datetime.datetime.fromtimestamp(first, datetime.timezone.utc)
    rows: QuerySet[Any]
    if range_ is Range.HOUR:
        when, rows = "minute", TaskRollup.objects.filter(minute__gte=since)
        if queue is not None:
            rows = rows.filter(queue=queue)
        if task is not None:
            rows = rows.filter(task=task)
    else:  # the rows summed for what the chart is narrowed to: one per span
        when = "start"
        rows = TaskSpanRollup.objects.filter(
            span=shape.seconds, start__gte=since, queue=queue or rollups.ALL, task=task or rollups.ALL
        )
    fields = [*_COUNTS, *_HISTOGRAM]
    sums = rows.values(when).annotate(**{f"sum_{name}": Sum(name) for name in fields}).order_by()
    found = {int(row[when].timestamp()): row for row in sums}
    minutes = shape.seconds / 60
    points = []
    for index in range(shape.points):
        start = first + index * shape.seconds
        row = found.get(start)
        at = datetime.datetime.fromtimestamp(start, datetime.timezone.utc)
        if row is None:
            points.append(Point(at, minutes))
            continue
        histogram = [row[f"sum_{name}"] for name in _HISTOGRAM]
        counts = {name: row[f"sum_{name}"] for name in _COUNTS}
        points.append(
            Point(at, minutes, **counts, p50=quantile(histogram, 0.5), p95=quantile(histogram, 0.95))
        )
    return Chart(range_, shape.seconds, points)


def names() -> list[tuple[str, str]]:
    """Every (queue, task) ever counted, ordered: what a chart may be narrowed to."""
    return list(TaskTotal.objects.order_by("queue", "task").values_list("queue", "task"))
