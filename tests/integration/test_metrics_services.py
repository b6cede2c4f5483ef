"""Metrics as operators get them: tasks run by several ``carrot`` processes, counted once, and what a
service saves when it stops or loses when it is killed."""

import datetime
import signal

import pytest
from django.utils import timezone

from carrot.metrics import rollups
from carrot.models import MessageLog, TaskRollup, TaskTotal
from carrot.service import Service
from carrot.utilities import publish_message
from tests import tasks
from tests.api.test_metrics_endpoint import scrape, task
from tests.conftest import wait_for
from tests.integration.test_service_process import start_service, status_of, stop, wait_consuming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

FINISHED = ("COMPLETED", "FAILED")


def test_counts_of_tasks_run_by_two_service_processes_add_up(client, purge_queues):
    rollups.buffer().take()  # what earlier tests published from this process
    services = [start_service("--no-scheduler") for _ in range(2)]
    try:
        for service in services:
            wait_consuming(service)
        logs = [publish_message(tasks.sleep, 0.3) for _ in range(12)]
        logs += [publish_message(tasks.fail, queue="other") for _ in range(3)]
        wait_for(
            lambda: all(status_of(log) in FINISHED for log in logs), timeout=90, what="every task to end"
        )
    finally:
        assert [stop(service) for service in services] == [0, 0]
    rollups.buffer().flush()  # the publishes counted in this process
    ran_by = {worker.split(":")[1] for worker in MessageLog.objects.values_list("worker", flat=True)}
    assert len(ran_by) == 2, "both services ran tasks"
    found = scrape(client)
    sleep, fail = task("default", "tests.tasks.sleep"), task("other", "tests.tasks.fail")
    assert [found[(f"carrot_tasks_{event}_total", sleep)] for event in rollups.EVENTS] == [
        12,
        12,
        12,
        0,
        0,
        0,
    ]
    assert [found[(f"carrot_tasks_{event}_total", fail)] for event in rollups.EVENTS] == [3, 3, 0, 3, 0, 0]
    assert found[("carrot_task_duration_seconds_count", sleep)] == 12
    assert (
        found[("carrot_task_duration_seconds_bucket", task("default", "tests.tasks.sleep", le="0.25"))] == 0
    )
    assert found[("carrot_task_duration_seconds_sum", sleep)] >= 12 * 0.3
    minutes = TaskRollup.objects.filter(task="tests.tasks.sleep").values_list("completed", flat=True)
    assert sum(minutes) == 12


@pytest.mark.parametrize(
    ("stopped_with", "saved"), [(signal.SIGTERM, 1), (signal.SIGKILL, 0)], ids=["SIGTERM", "SIGKILL"]
)
def test_a_stopped_service_saves_its_counts_and_a_killed_one_loses_its_last_seconds(
    purge_queues, stopped_with, saved
):
    service = start_service("--no-scheduler")
    try:
        wait_consuming(service)
        log = publish_message(tasks.add, 1, 2)
        wait_for(lambda: status_of(log) == "COMPLETED", what="the task to end")
    finally:
        stop(service, stopped_with)
    completed = TaskTotal.objects.filter(queue="default", task="tests.tasks.add").values_list(
        "completed", flat=True
    )
    assert sum(completed) == saved
    assert sum(TaskRollup.objects.filter(task="tests.tasks.add").values_list("completed", flat=True)) == saved


def test_stopping_a_service_saves_what_its_process_counted_since_the_last_flush(purge_queues):
    running = Service(scheduler=False)
    running.start()
    rollups.buffer().count("default", "tests.tasks.noop", "completed", 0.1)
    running.stop()
    assert TaskTotal.objects.get(task="tests.tasks.noop").completed == 1


def test_the_service_deletes_minutes_older_than_the_retention_and_keeps_the_totals(transactional_db):
    old = int((timezone.now() - datetime.timedelta(days=9)).timestamp())
    rollups.write({(old, "default", "tests.tasks.noop"): {"completed": 2}})
    running = Service(scheduler=False)
    running.start()
    try:
        wait_for(lambda: not TaskRollup.objects.exists(), what="the old minute to be deleted")
    finally:
        running.stop()
    assert TaskTotal.objects.get(task="tests.tasks.noop").completed == 2
