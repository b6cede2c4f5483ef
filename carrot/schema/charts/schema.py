"""The Query fields of the charts domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.metrics import charts
from carrot.schema.charts.types import StatsRange, TaskStats


class ChartQueries(graphene.ObjectType):
    task_stats = graphene.Field(
        TaskStats,
        required=True,
        range=graphene.Argument(StatsRange, required=True, description="How far back to look."),
        queue=graphene.String(description="Only this queue's tasks; all queues when absent."),
        task=graphene.String(description="Only this task (its dotted path); all tasks when absent."),
        description=(
            "Runs ended, failures and run-time p50/p95 over the last hour, day or week, from the counts"
            " kept as tasks finish (never from the task logs)."
        ),
    )

    @staticmethod
    def resolve_task_stats(
        root: Any, info: Any, range: Any, queue: str | None = None, task: str | None = None
    ) -> charts.Chart:
        # graphene passes the enum's member; its value is the name
        return charts.chart(
            charts.Range(getattr(range, "value", range)), queue=queue or None, task=task or None
        )
