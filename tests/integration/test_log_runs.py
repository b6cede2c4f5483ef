"""Reading and saving task runs as the consumer does, against the real database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carrot.logs import runs
from carrot.messages import TaskMessage
from carrot.models import MessageLog

pytestmark = pytest.mark.django_db

WHERE = runs.Delivery("default", "", "default", "/", redelivered=False, worker="host:1:default-1")


def test_find_logs_reads_what_a_run_needs_keyed_by_message_id():
    MessageLog.objects.create(uuid="a", task="tests.tasks.add", status=MessageLog.COMPLETED, attempts=2)
    MessageLog.objects.create(uuid="b", task="tests.tasks.noop", task_args=[1], attempts=0)
    found = runs.find_logs(["a", "b", "missing"])
    assert sorted(found) == ["a", "b"]
    assert (found["a"].task, found["a"].status, found["a"].attempts) == ("tests.tasks.add", "COMPLETED", 2)
    assert found["b"].pk == MessageLog.objects.get(uuid="b").pk
    assert found["b"].task_args == [1]  # not read up front, loaded when asked
    assert runs.find_logs([]) == {}


def test_a_completed_log_is_not_run_again_and_a_run_is_saved_whole():
    MessageLog.objects.create(uuid="done", task="tests.tasks.noop", status=MessageLog.COMPLETED)
    MessageLog.objects.create(uuid="new", task="tests.tasks.noop")
    found = runs.find_logs(["done", "new"])
    assert runs.start(TaskMessage("tests.tasks.noop", message_id="done"), WHERE, found["done"]) is None
    log = runs.start(TaskMessage("tests.tasks.noop", message_id="new"), WHERE, found["new"])
    runs.save_starts([log])
    stored = MessageLog.objects.get(uuid="new")
    assert (stored.status, stored.attempts, stored.worker) == ("IN_PROGRESS", 1, "host:1:default-1")


REDELIVERED = runs.Delivery("default", "", "default", "/", redelivered=True, worker="host:2:default-1")


def test_a_redelivery_commits_its_start_before_it_runs_and_counts_only_recorded_runs():
    # A redelivered message may be one a stopping service gave back unstarted: no run is presumed.
    MessageLog.objects.create(uuid="requeued", task="tests.tasks.noop", relay_after=timezone.now())
    log = runs.start(TaskMessage("tests.tasks.noop", message_id="requeued"), REDELIVERED)
    assert runs.start_redelivery(log, max_deliveries=5)
    stored = MessageLog.objects.get(uuid="requeued")
    assert (stored.status, stored.attempts, stored.redelivered, stored.relay_after) == (
        "IN_PROGRESS",
        1,
        True,
        None,
    )


@pytest.mark.parametrize(
    ("exception", "reason"),
    [("", runs.NO_RESULT), ("ValueError: last run's", "ValueError: last run's")],
)
def test_a_redelivery_past_max_deliveries_is_saved_failed_instead_of_run(exception, reason):
    MessageLog.objects.create(uuid="loop", task="tests.tasks.noop", attempts=3, exception=exception)
    log = runs.start(
        TaskMessage("tests.tasks.noop", message_id="loop"), REDELIVERED, runs.find_logs(["loop"])["loop"]
    )
    assert not runs.start_redelivery(log, max_deliveries=3)
    stored = MessageLog.objects.get(uuid="loop")
    assert (stored.status, stored.attempts) == ("FAILED", 3)
    assert stored.exception == f"Gave up after 3 deliveries: {reason}"


def _lookups_of(message_id, captured):
    return [q for q in captured if q["sql"].startswith("SELECT") and message_id in q["sql"]]


@pytest.mark.parametrize(("log_may_follow", "lookups"), [(True, 1 + len(runs.MISSING_LOG_GRACE)), (False, 1)])
def test_only_a_message_whose_log_may_follow_waits_for_it(log_may_follow, lookups):
    # A transient message (django-carrot 1.x, another producer) has no log coming: waiting for one
    # only slowed a rolling switch from 1.x by a third of a second per task.
    where = runs.Delivery("default", "", "default", "/", False, "host:1:default-1", log_may_follow)
    with CaptureQueriesContext(connection) as captured:
        log = runs.start(TaskMessage("tests.tasks.noop", message_id="foreign-1"), where)
    assert log is not None and MessageLog.objects.filter(uuid="foreign-1").exists()
    assert len(_lookups_of("foreign-1", captured.captured_queries)) == lookups
