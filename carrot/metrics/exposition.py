"""``<prefix>/metrics``: task counters, the run-time histogram, queues and workers in Prometheus' format.

Every number comes from what all processes share (the database and the broker), so each web process
answers the same whatever process ran the tasks; a custom collector reads them at each scrape.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, HistogramMetricFamily, Metric
from prometheus_client.exposition import choose_encoder
from prometheus_client.registry import Collector

from carrot import queue_state, workers
from carrot.conf import get_settings
from carrot.metrics import rollups
from carrot.models import DURATION_BUCKETS, TaskTotal

TASK_LABELS = ["queue", "task"]
COUNTERS = {
    "published": "Tasks published (a task requeued or retried is not counted again).",
    "started": "Task runs started.",
    "completed": "Task runs that returned.",
    "failed": "Task runs that failed for good.",
    "retried": "Task runs that failed and were scheduled to run again.",
    "cancelled": "Tasks cancelled, waiting or running.",
}
"""Each event of :data:`rollups.EVENTS`, exposed as ``carrot_tasks_<event>_total``."""


class CarrotCollector(Collector):
    """Reads the totals, the queues' state and the workers at each scrape."""

    def collect(self) -> Iterator[Metric]:
        totals = list(rollups.totals())
        yield from task_counters(totals)
        yield run_time_histogram(totals)
        yield from queue_gauges()
        yield worker_gauge()


def task_counters(totals: Iterable[TaskTotal]) -> Iterator[Metric]:
    families = {
        event: CounterMetricFamily(f"carrot_tasks_{event}", text, labels=TASK_LABELS)
        for event, text in COUNTERS.items()
    }
    for total in totals:
        for event, family in families.items():
            family.add_metric([total.queue, total.task], getattr(total, event))
    yield from families.values()


def run_time_histogram(totals: Iterable[TaskTotal]) -> Metric:
    family = HistogramMetricFamily(
        "carrot_task_duration_seconds", "How long task runs took, in seconds.", labels=TASK_LABELS
    )
    for total in totals:
        buckets, runs = [], 0
        for bound, field in DURATION_BUCKETS:
            runs += getattr(total, field)
            buckets.append(("+Inf" if bound == float("inf") else f"{bound:g}", runs))
        family.add_metric([total.queue, total.task], buckets, total.duration_sum)
    return family


def queue_gauges() -> Iterator[Metric]:
    """Messages waiting and consumers of each declared queue, as the broker says (kept a second)."""
    up = GaugeMetricFamily("carrot_queue_up", "1 when the broker answered about the queue.", labels=["queue"])
    messages = GaugeMetricFamily("carrot_queue_messages", "Messages ready in the queue.", labels=["queue"])
    consumers = GaugeMetricFamily("carrot_queue_consumers", "Consumers of the queue.", labels=["queue"])
    states = queue_state.shared()
    for queue in get_settings().queues:
        state = states.get(queue)
        up.add_metric([queue.name], 0 if state.error else 1)
        if state.messages is not None and state.consumers is not None:
            messages.add_metric([queue.name], state.messages)
            consumers.add_metric([queue.name], state.consumers)
    yield from (up, messages, consumers)


def worker_gauge() -> Metric:
    family = GaugeMetricFamily(
        "carrot_workers",
        "carrot services by state: alive, quiet, lost (silent) or stopped.",
        labels=["state"],
    )
    for state, count in workers.count_by_state().items():
        family.add_metric([state.value.lower()], count)
    return family


def render(accept: str) -> tuple[bytes, str]:
    """The metrics and their content type, in the format the ``Accept`` header asks for: Prometheus'
    text format (version 0.0.4 unless a later one is asked for) or OpenMetrics."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(CarrotCollector())
    encoder, content_type = choose_encoder(accept)
    return encoder(registry), content_type
