"""Object types of the charts domain: a chart and its points."""

from __future__ import annotations

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


class TaskStatsPoint(graphene.ObjectType):
    """The runs that ended in one span of a chart, and how long they took."""

    start = graphene.DateTime(required=True, description="The span's start (UTC).")
    completed = graphene.Int(required=True, description="Runs that returned.")
    failed = graphene.Int(required=True, description="Runs that failed for good.")
    retried = graphene.Int(required=True, description="Runs that failed and will run again.")
    throughput = graphene.Float(
        required=True,
        description="Runs that ended (completed, failed or to be retried) per minute, over the span.",
    )
    failures = graphene.Float(
        required=True, description="Runs that failed for good per minute, over the span."
    )
    p50 = graphene.Float(
        description="The median run time in seconds, estimated from the run-time histogram; null: no run."
    )
    p95 = graphene.Float(
        description="The run time in seconds 95% of the runs stayed under, estimated from the run-time"
        " histogram; null: no run."
    )

    @staticmethod
    def resolve_throughput(point: charts.Point, info: Any) -> float:
        return point.ended / point.minutes

    @staticmethod
    def resolve_failures(point: charts.Point, info: Any) -> float:
        return point.failed / point.minutes


class StatsSeries(graphene.ObjectType):
    """A queue and a task that were counted: what a chart can be narrowed to."""

    queue = graphene.String(required=True, description="The queue's name.")
    task = graphene.String(required=True, description="The task's dotted path.")


class TaskStats(graphene.ObjectType):
    """Runs, failures and run-time percentiles over a range, from the counts the services keep as tasks
    finish (a few seconds behind)."""

    range = graphene.Field(StatsRange, required=True, description="The range asked for.")
    point_seconds = graphene.Int(required=True, description="Each point's span in seconds.")
    points = graphene.List(
        graphene.NonNull(TaskStatsPoint),
        required=True,
        description="Every span of the range, oldest first; the last one is under way.",
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
    def resolve_series(chart: charts.Chart, info: Any) -> list[StatsSeries]:
        return [StatsSeries(queue=queue, task=task) for queue, task in charts.names()]
