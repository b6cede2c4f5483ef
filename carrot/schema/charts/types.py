"""Object types of the charts domain: a chart, as columns of values per span."""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from carrot.metrics import charts


class StatsRange(graphene.Enum):
    """How far back a chart looks, and how long each of its points is."""

    HOUR = charts.Range.HOUR.value
    DAY = charts.Range.DAY.value
    WEEK = charts.Range.WEEK.value

    @property
    def description(self) -> str:
        return _RANGE_TEXT[self.value]


_RANGE_TEXT = {
    "HOUR": "The last hour, a point a minute (60 points).",
    "DAY": "The last day, a point every 15 minutes (96 points).",
    "WEEK": "The last week, a point an hour (168 points).",
}


class StatsSeries(graphene.ObjectType):
    """A queue and a task that were counted: what a chart can be narrowed to."""

    queue = graphene.String(required=True, description="The queue's name.")
    task = graphene.String(required=True, description="The task's dotted path.")


def _column(of: type[graphene.Scalar], description: str, required: bool = True) -> graphene.List:
    item = graphene.NonNull(of) if required else of
    return graphene.List(item, required=True, description=description)


class TaskStats(graphene.ObjectType):
    """Runs, failures and run-time percentiles over a range, from the counts the services keep as tasks
    finish (a few seconds behind).

    Columns, as charts plot them: the lists hold one value per span of the range, oldest first, the
    one under way last, all of the same length (spans without runs count zero, percentiles null)."""

    range = graphene.Field(StatsRange, required=True, description="The range asked for.")
    point_seconds = graphene.Int(required=True, description="Each point's span in seconds.")
    starts = _column(graphene.DateTime, "Each span's start (UTC).")
    completed = _column(graphene.Int, "Runs that returned, per span.")
    failed = _column(graphene.Int, "Runs that failed for good, per span.")
    retried = _column(graphene.Int, "Runs that failed and will run again, per span.")
    throughput = _column(
        graphene.Float, "Runs that ended (completed, failed or to be retried) per minute, over each span."
    )
    failures = _column(graphene.Float, "Runs that failed for good per minute, over each span.")
    p50 = _column(
        graphene.Float,
        "The median run time in seconds per span, estimated from the run-time histogram; null: no run.",
        required=False,
    )
    p95 = _column(
        graphene.Float,
        "The run time in seconds 95% of a span's runs stayed under, estimated from the run-time"
        " histogram; null: no run.",
        required=False,
    )
    series = graphene.List(
        graphene.NonNull(StatsSeries),
        required=True,
        description="Every queue and task ever counted, by queue then task (for the filters).",
    )

    @staticmethod
    def resolve_range(chart: charts.Chart, info: Any) -> str:
        return chart.range.value

    @staticmethod
    def resolve_point_seconds(chart: charts.Chart, info: Any) -> int:
        return chart.seconds

    @staticmethod
    def resolve_starts(chart: charts.Chart, info: Any) -> list[datetime.datetime]:
        return [point.start for point in chart.points]

    @staticmethod
    def resolve_completed(chart: charts.Chart, info: Any) -> list[int]:
        return [point.completed for point in chart.points]

    @staticmethod
    def resolve_failed(chart: charts.Chart, info: Any) -> list[int]:
        return [point.failed for point in chart.points]

    @staticmethod
    def resolve_retried(chart: charts.Chart, info: Any) -> list[int]:
        return [point.retried for point in chart.points]

    @staticmethod
    def resolve_throughput(chart: charts.Chart, info: Any) -> list[float]:
        return [point.ended / point.minutes for point in chart.points]

    @staticmethod
    def resolve_failures(chart: charts.Chart, info: Any) -> list[float]:
        return [point.failed / point.minutes for point in chart.points]

    @staticmethod
    def resolve_p50(chart: charts.Chart, info: Any) -> list[float | None]:
        return [point.p50 for point in chart.points]

    @staticmethod
    def resolve_p95(chart: charts.Chart, info: Any) -> list[float | None]:
        return [point.p95 for point in chart.points]

    @staticmethod
    def resolve_series(chart: charts.Chart, info: Any) -> list[StatsSeries]:
        return [StatsSeries(queue=queue, task=task) for queue, task in charts.names()]
