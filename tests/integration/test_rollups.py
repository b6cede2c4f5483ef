"""Per-minute rollups and totals in the real database: increments from several writers, pruning, and
counters that never go down."""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, connections, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from carrot import signals
from carrot.logs import runs
from carrot.metrics import rollups
from carrot.models import DURATION_BUCKETS, MessageLog, TaskCounts, TaskRollup, TaskTotal
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

NOW = datetime.datetime(2026, 1, 10, 12, 0, 30, tzinfo=datetime.timezone.utc)


def minute(minutes_ago: int) -> int:
    """The Unix time of the minute ``minutes_ago`` before :data:`NOW`'s."""
    return int(NOW.timestamp()) // 60 * 60 - 60 * minutes_ago


def totals() -> dict[tuple[str, str], dict[str, float]]:
    fields = [*rollups.EVENTS, *(name for _, name in DURATION_BUCKETS), "duration_sum"]
    return {(t.queue, t.task): {f: getattr(t, f) for f in fields} for t in TaskTotal.objects.all()}


def test_the_histogram_fields_are_the_models_count_fields():
    counted = {f.name for f in TaskCounts._meta.get_fields()} - {"queue", "task", "duration_sum"}
    assert counted == {*rollups.EVENTS, *(name for _, name in DURATION_BUCKETS)}
    assert [rollups.bucket(s) for s in (0.0, 0.01, 0.0101, 300.0, 300.5)] == [
        "runs_le_10ms",
        "runs_le_10ms",
        "runs_le_50ms",
        "runs_le_5m",
        "runs_over_5m",
    ]


def test_each_minute_gets_its_row_and_the_total_gets_them_all():
    rollups.write({(minute(1), "default", "t.a"): {"completed": 2, "runs_le_1s": 2, "duration_sum": 1.5}})
    rollups.write({(minute(0), "default", "t.a"): {"completed": 1, "failed": 1}})
    rollups.write({(minute(0), "default", "t.a"): {"completed": 4}})
    by_minute = dict(TaskRollup.objects.values_list("minute", "completed"))
    assert by_minute == {
        datetime.datetime.fromtimestamp(minute(1), datetime.timezone.utc): 2,
        datetime.datetime.fromtimestamp(minute(0), datetime.timezone.utc): 5,
    }
    total = totals()[("default", "t.a")]
    assert (total["completed"], total["failed"], total["runs_le_1s"], total["duration_sum"]) == (7, 1, 2, 1.5)


def test_writers_that_insert_the_same_new_row_at_once_lose_no_count():
    writers, writes = 4, 15
    start = threading.Barrier(writers)
    errors = []

    def write() -> None:
        try:
            start.wait()
            for _ in range(writes):
                rollups.write({(minute(0), "default", "t.race"): {"published": 1}})
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=write) for _ in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert TaskRollup.objects.get(task="t.race").published == writers * writes
    assert TaskTotal.objects.get(task="t.race").published == writers * writes


def test_a_flush_the_database_refuses_keeps_its_counts_for_the_next(monkeypatch):
    buffer = rollups.Buffer()
    buffer.count("default", "t.kept", "completed", 0.4)

    def refuse(counts):
        raise OperationalError("database is down")

    with monkeypatch.context() as patched:
        patched.setattr(rollups, "write", refuse)
        with pytest.raises(OperationalError):
            buffer.flush()
    buffer.count("default", "t.kept", "completed", 0.3)
    assert buffer.flush() == 1
    total = totals()[("default", "t.kept")]
    assert (total["completed"], total["runs_le_500ms"], total["duration_sum"]) == (2, 2, pytest.approx(0.7))


def test_expired_minutes_are_deleted_and_the_totals_kept():
    rollups.write({(minute(60 * 24 * 9), "default", "t.old"): {"completed": 3}})
    rollups.write({(minute(5), "default", "t.old"): {"completed": 1}})
    before = totals()
    assert (
        rollups.delete_expired(8, now=NOW) == 9
    )  # the minute; its quarter hour and hour, each also summed per queue, task, all
    assert rollups.delete_expired(0, now=NOW + datetime.timedelta(days=30)) == 0
    assert TaskRollup.objects.count() == 1
    assert totals() == before == {("default", "t.old"): {**before[("default", "t.old")], "completed": 4}}


steps = st.lists(
    st.one_of(
        st.tuples(
            st.just("write"),
            st.integers(0, 60 * 24 * 20),
            st.sampled_from(["t.a", "t.b"]),
            st.sampled_from(rollups.EVENTS),
            st.integers(1, 5),
        ),
        st.tuples(st.just("prune"), st.floats(0.001, 15)),
    ),
    max_size=12,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=steps)
def test_counters_never_go_down_and_count_everything_written_whatever_is_pruned(steps):
    TaskRollup.objects.all().delete()
    TaskTotal.objects.all().delete()
    written: dict[tuple[str, str], int] = {}
    seen: dict[tuple[str, str], int] = {}
    for step in steps:
        if step[0] == "write":
            _, ago, task, event, amount = step
            rollups.write({(minute(ago), "default", task): {event: amount}})
            written[(task, event)] = written.get((task, event), 0) + amount
        else:
            rollups.delete_expired(step[1], now=NOW)
        now_seen = {
            (task, event): counts[event] for (_, task), counts in totals().items() for event in rollups.EVENTS
        }
        assert all(now_seen.get(key, 0) >= value for key, value in seen.items())
        seen = now_seen
    assert {key: value for key, value in seen.items() if value} == written
    assert timezone.is_aware(NOW)


def test_a_process_writes_what_it_counted_within_a_few_seconds_on_its_own():
    rollups.buffer().count("default", "t.flushed", "published")
    found = wait_for(
        lambda: TaskTotal.objects.filter(task="t.flushed").first(),
        timeout=rollups.FLUSH_SECONDS * 2 + 2,
        what="the flusher thread to write",
    )
    assert found.published == 1


def test_counting_a_run_reads_nothing_more_from_the_database(monkeypatch):
    """The consumer loads only ``RUN_READS`` of a log: a receiver reading another field would cost
    every task a query."""
    log = MessageLog.objects.create(uuid="m-1", task="tests.tasks.add", queue="other")
    (loaded,) = runs.find_logs(["m-1"]).values()
    loaded.start_time = timezone.now()  # as the consumer sets it before the run
    counted = rollups.Buffer()
    monkeypatch.setattr(rollups, "buffer", lambda: counted)
    with CaptureQueriesContext(connection) as captured:
        signals.started(loaded)
    assert captured.captured_queries == []
    assert [(queue, task) for _, queue, task in counted.take()] == [(log.queue, log.task)]


def test_the_flusher_outlives_an_unexpected_error_and_keeps_the_counts(monkeypatch):
    buffer = rollups.Buffer()
    buffer.count("default", "t.bug", "completed")

    def broken(counts):
        raise RuntimeError("a bug")

    with monkeypatch.context() as patched:
        patched.setattr(rollups, "write", broken)
        rollups.flush_quietly(buffer)
    rollups.flush_quietly(buffer)
    assert totals()[("default", "t.bug")]["completed"] == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's table locks")
def test_a_flush_never_waits_on_one_table_while_holding_another():
    # A TRUNCATE (Django's test cases run one between tests) locks the tables one by one, in an order
    # of its own: here it holds carrot_tasktotal and is about to take the other two.
    buffer = rollups.Buffer()
    buffer.count("default", "t.locked", "completed")
    outcome: list[BaseException | int] = []

    def flush() -> None:
        try:
            outcome.append(buffer.flush())
        except BaseException as exc:
            outcome.append(exc)
        finally:
            connections.close_all()

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("LOCK TABLE carrot_tasktotal IN ACCESS EXCLUSIVE MODE")
        flusher = threading.Thread(target=flush)
        flusher.start()
        flusher.join(10)
        assert not flusher.is_alive(), "the flush waited for the locked table while holding the others"
        cursor.execute("SET LOCAL lock_timeout = '2s'")
        cursor.execute("LOCK TABLE carrot_taskrollup, carrot_taskspanrollup IN ACCESS EXCLUSIVE MODE")
    assert isinstance(outcome[0], OperationalError)
    assert buffer.flush() == 1
    assert totals()[("default", "t.locked")]["completed"] == 1
