"""The dashboard's charts (``taskStats``): points per minute, quarter hour and hour from the rollups,
percentiles from the run-time histogram, and tasks run by two real ``carrot`` processes."""

import datetime
import itertools

import pytest

from carrot.metrics import charts, rollups
from carrot.models import DURATION_BUCKETS, TaskRollup, TaskSpanRollup, TaskTotal
from carrot.utilities import publish_message
from tests import tasks
from tests.api.conftest import GraphQL
from tests.conftest import wait_for
from tests.integration.test_service_process import start_service, status_of, stop, wait_consuming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

NOW = datetime.datetime(2026, 1, 10, 12, 7, 30, tzinfo=datetime.timezone.utc)
HISTOGRAM = [name for _, name in DURATION_BUCKETS]
STATS = """query($range: StatsRange!, $queue: String, $task: String) {
  taskStats(range: $range, queue: $queue, task: $task) {
    range pointSeconds series { queue task }
    starts completed failed retried throughput failures p50 p95
  }
}"""


def ago(**delta: float) -> int:
    """The Unix time of the minute ``delta`` before :data:`NOW`'s."""
    return int((NOW - datetime.timedelta(**delta)).timestamp()) // 60 * 60


def runs(**counts: int) -> list[int]:
    """A histogram with ``counts`` in the named fields, zero in the others."""
    return [counts.get(name, 0) for name in HISTOGRAM]


def test_percentiles_interpolate_within_the_bucket_the_rank_falls_in():
    assert charts.quantile(runs(), 0.5) is None
    assert charts.quantile(runs(runs_le_500ms=12), 0.5) == pytest.approx(0.375)
    assert charts.quantile(runs(runs_le_500ms=12), 0.95) == pytest.approx(0.4875)
    assert charts.quantile(runs(runs_le_10ms=90, runs_le_1s=10), 0.5) == pytest.approx(0.01 * 50 / 90)
    assert charts.quantile(runs(runs_le_10ms=90, runs_le_1s=10), 0.95) == pytest.approx(0.75)
    assert charts.quantile(runs(runs_le_5s=1, runs_over_5m=1), 0.95) == 300.0  # no upper bound to reach


def test_each_range_has_every_span_and_reads_its_own_rows():
    amounts = {"completed": 3, "failed": 1, "runs_le_100ms": 4}
    for when in (ago(), ago(minutes=30), ago(hours=5), ago(days=3)):
        rollups.write({(when, "default", "t.a"): amounts})
    shapes = {charts.Range.HOUR: (60, 60), charts.Range.DAY: (900, 96), charts.Range.WEEK: (3600, 168)}
    found = {}
    for range_, (seconds, count) in shapes.items():
        chart = charts.chart(range_, now=NOW)
        assert (chart.seconds, len(chart.points)) == (seconds, count)
        starts = [int(point.start.timestamp()) for point in chart.points]
        assert starts == sorted(starts) and starts[-1] == int(NOW.timestamp()) // seconds * seconds
        assert all(b - a == seconds for a, b in itertools.pairwise(starts))
        found[range_] = [point for point in chart.points if point.ended]
    assert [len(points) for points in found.values()] == [2, 3, 4]
    (latest, *_) = reversed(found[charts.Range.WEEK])
    assert (latest.completed, latest.failed, latest.start) == (3, 1, NOW.replace(minute=0, second=0))
    assert latest.p50 == pytest.approx(0.075) and latest.p95 == pytest.approx(0.0975)
    empty = charts.chart(charts.Range.WEEK, now=NOW).points[0]
    assert (empty.completed, empty.p50, empty.p95) == (0, None, None)


@pytest.mark.parametrize("range_", list(charts.Range))
def test_a_chart_narrowed_to_a_queue_and_a_task(range_):
    rollups.write({(ago(), "default", "t.a"): {"completed": 1}, (ago(), "other", "t.a"): {"completed": 2}})
    rollups.write({(ago(minutes=1), "other", "t.b"): {"completed": 4}})

    def completed(**narrowed: str) -> int:
        return sum(point.completed for point in charts.chart(range_, now=NOW, **narrowed).points)

    assert completed() == 7
    assert completed(queue="other") == 6
    assert completed(task="t.a") == 3
    assert completed(queue="other", task="t.b") == 4
    assert completed(queue="default", task="t.b") == 0
    assert charts.names() == [("default", "t.a"), ("other", "t.a"), ("other", "t.b")]


def test_a_day_or_a_week_reads_one_row_per_point_whatever_the_queues_and_tasks():
    for queue in ("q1", "q2", "q3"):
        rollups.write(
            {(ago(minutes=m), queue, f"t.{n}"): {"completed": 1} for m in range(3) for n in range(4)}
        )
    everything = TaskSpanRollup.objects.filter(span=3600, queue=rollups.ALL, task=rollups.ALL)
    assert [row.completed for row in everything] == [36]
    assert TaskSpanRollup.objects.filter(span=3600, queue="q2", task=rollups.ALL).get().completed == 12
    assert TaskSpanRollup.objects.filter(span=3600, queue=rollups.ALL, task="t.3").get().completed == 9
    # what each chart reads: without the rows of each queue and task, the sums still answer
    TaskSpanRollup.objects.exclude(queue=rollups.ALL).exclude(task=rollups.ALL).delete()
    for narrowed, expected in (({}, 36), ({"queue": "q2"}, 12), ({"task": "t.3"}, 9)):
        for range_ in (charts.Range.DAY, charts.Range.WEEK):
            assert sum(p.completed for p in charts.chart(range_, now=NOW, **narrowed).points) == expected


def test_spans_go_with_the_minutes_once_they_ended_before_the_retention():
    rollups.write({(ago(days=9), "default", "t.a"): {"completed": 1}})
    rollups.write({(ago(days=2), "default", "t.a"): {"completed": 1}})
    # a minute, its quarter hour and its hour, each also as its queue's, its task's and everything's
    assert rollups.delete_expired(8, now=NOW) == 1 + 2 * 4
    assert TaskSpanRollup.objects.count() == 2 * 4
    assert TaskRollup.objects.count() == 1
    assert TaskTotal.objects.get().completed == 2


def test_tasks_run_by_two_service_processes_are_charted_once(client, purge_queues):
    rollups.buffer().take()  # what earlier tests counted in this process
    services = [start_service("--no-scheduler") for _ in range(2)]
    try:
        for service in services:
            wait_consuming(service)
        logs = [publish_message(tasks.sleep, 0.3) for _ in range(12)]
        logs += [publish_message(tasks.fail, queue="other") for _ in range(3)]
        wait_for(
            lambda: all(status_of(log) in ("COMPLETED", "FAILED") for log in logs),
            timeout=90,
            what="every task to end",
        )
    finally:
        assert [stop(service) for service in services] == [0, 0]
    api = GraphQL(client)
    sleep_histogram = [getattr(TaskTotal.objects.get(task="tests.tasks.sleep"), name) for name in HISTOGRAM]
    assert sum(sleep_histogram) == 12
    for range_, count in (("HOUR", 60), ("DAY", 96), ("WEEK", 168)):
        everything = api(STATS, {"range": range_})["taskStats"]
        assert everything["range"] == range_
        assert {"queue": "other", "task": "tests.tasks.fail"} in everything["series"]
        columns = ("starts", "completed", "failed", "retried", "throughput", "failures", "p50", "p95")
        assert {len(everything[column]) for column in columns} == {count}
        assert sum(everything["completed"]) == 12
        assert sum(everything["failed"]) == 3
        assert sum(everything["throughput"]) * everything["pointSeconds"] / 60 == pytest.approx(15)
        failing = api(STATS, {"range": range_, "queue": "other", "task": "tests.tasks.fail"})["taskStats"]
        assert (sum(failing["completed"]), sum(failing["failed"])) == (0, 3)
        sleeping = api(STATS, {"range": range_, "queue": "default"})["taskStats"]
        ran = [
            (p50, p95)
            for n, p50, p95 in zip(*(sleeping[c] for c in ("completed", "p50", "p95")), strict=True)
            if n
        ]
        assert all(0.25 < p50 <= p95 <= 1.0 for p50, p95 in ran), ran
        if len(ran) == 1:  # the runs did not straddle two spans: the point holds every run
            assert ran[0][0] == pytest.approx(charts.quantile(sleep_histogram, 0.5))
            assert ran[0][1] == pytest.approx(charts.quantile(sleep_histogram, 0.95))
