"""The services' registry: each service registers, heartbeats, stops or is lost; ``workers`` shows it.

Services run for real: in this process (the ``service`` fixture) or as a ``manage.py carrot``
process that is SIGKILLed. The test settings beat every second, so a service is lost after three.
"""

import datetime
import os
import signal
import socket
import uuid

import pytest
from django.utils import timezone

import carrot
from carrot import workers
from carrot.models import MessageLog, Worker
from carrot.service import Service
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for
from tests.integration.test_service_process import start_service, status_of, stop, wait_consuming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

WORKERS = """{ workers {
  id host pid version state started lastHeartbeat heartbeatSeconds stopped
  queues { name concurrency } running { id uuid task consumer startTime }
} }"""


def listed(gql, state=None):
    found = gql(WORKERS)["workers"]
    return [w for w in found if state is None or w["state"] == state]


def test_a_running_service_is_listed_alive_with_its_queues_and_beats(gql, service):
    (worker,) = wait_for(lambda: listed(gql), what="the service to register")
    assert (worker["state"], worker["host"], worker["pid"]) == ("ALIVE", socket.gethostname(), os.getpid())
    assert (worker["version"], worker["heartbeatSeconds"], worker["stopped"]) == (
        carrot.__version__,
        1.0,
        None,
    )
    assert worker["queues"] == [{"name": "default", "concurrency": 2}, {"name": "other", "concurrency": 1}]
    first = worker["lastHeartbeat"]
    wait_for(lambda: listed(gql)[0]["lastHeartbeat"] > first, timeout=5, what="a later heartbeat")


def test_what_a_service_runs_is_listed_under_it(gql, service, tmp_path):
    marker = tmp_path / "runs"
    log = publish_message(tasks.sleep, 3, str(marker))
    wait_for(lambda: status_of(log) == "IN_PROGRESS", what="the run's start to be saved")
    (worker,) = listed(gql)
    (running,) = worker["running"]
    assert (running["uuid"], running["task"]) == (log.uuid, "tests.tasks.sleep")
    assert running["consumer"] in {"default-1", "default-2"}
    wait_for(lambda: status_of(log) == "COMPLETED", what="the task to end")
    assert listed(gql)[0]["running"] == []


def test_a_service_that_stops_is_listed_stopped(gql, transactional_db, purge_queues):
    running = Service(scheduler=False)
    running.start()
    try:
        wait_for(lambda: listed(gql, "ALIVE"), what="the service to register")
    finally:
        running.stop()
    (worker,) = listed(gql)
    assert worker["state"] == "STOPPED" and worker["stopped"] >= worker["started"]


def test_a_killed_service_is_lost_after_three_heartbeats_and_its_task_orphaned(gql, purge_queues, tmp_path):
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process)
        (alive,) = wait_for(lambda: listed(gql, "ALIVE"), what="the service to register")
        assert alive["pid"] == process.pid
        log = publish_message(tasks.sleep, 60, str(tmp_path / "runs"))
        wait_for(lambda: status_of(log) == "IN_PROGRESS", what="the run's start to be saved")
    finally:
        stop(process, signal.SIGKILL)
    killed_at = timezone.now()
    (lost,) = wait_for(lambda: listed(gql, "LOST"), timeout=10, what="the service to be shown lost")
    assert timezone.now() - killed_at >= datetime.timedelta(seconds=2)  # not before its heartbeats stop
    assert [task["uuid"] for task in lost["running"]] == [log.uuid]  # orphaned: IN_PROGRESS, nobody runs it


def worker_row(started, **fields):
    now = timezone.now()
    defaults = {
        "host": "box",
        "pid": 7,
        "version": "2",
        "queues": [],
        "heartbeat": now,
        "heartbeat_seconds": 5,
    }
    return Worker.objects.create(ident=str(uuid.uuid4()), started=started, **{**defaults, **fields})


def in_progress(worker, started):
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.add",
        status=MessageLog.IN_PROGRESS,
        worker=worker,
        start_time=started,
    )


def test_a_restarted_service_with_the_same_host_and_pid_does_not_own_the_old_runs(transactional_db):
    now = timezone.now()
    before, after = now - datetime.timedelta(minutes=5), now - datetime.timedelta(seconds=1)
    old = in_progress("box:7:default-1", before)  # the run of the process that had pid 7 before
    new = in_progress("box:7:default-2", after)
    other = in_progress("elsewhere:7:default-1", after)
    worker = worker_row(started=now - datetime.timedelta(minutes=1))
    assert [log.uuid for log in workers.running([worker])[worker.pk]] == [new.uuid]
    assert {log.uuid for log in workers.held_by(worker)} == {new.uuid}
    assert old.uuid != other.uuid


def test_states_follow_each_services_own_interval_and_gone_rows_go_after_a_week(transactional_db):
    now = timezone.now()
    slow = worker_row(now, heartbeat=now - datetime.timedelta(seconds=20), heartbeat_seconds=10)
    quick = worker_row(now, heartbeat=now - datetime.timedelta(seconds=20), heartbeat_seconds=5)
    done = worker_row(now, stopped=now)
    assert [workers.state(w, now) for w in (slow, quick, done)] == [
        workers.State.ALIVE,
        workers.State.LOST,
        workers.State.STOPPED,
    ]
    week = now - workers.KEEP_GONE_FOR - datetime.timedelta(seconds=1)
    gone = worker_row(week, heartbeat=week)
    assert workers.delete_gone(now) == 1
    assert not Worker.objects.filter(pk=gone.pk).exists() and Worker.objects.count() == 3


def test_a_lost_service_that_beats_again_is_alive_even_after_its_row_was_deleted(transactional_db):
    long_ago = timezone.now() - datetime.timedelta(minutes=1)
    worker = worker_row(long_ago, heartbeat=long_ago)
    assert workers.state(worker) is workers.State.LOST
    workers.beat(worker)
    assert workers.state(Worker.objects.get(pk=worker.pk)) is workers.State.ALIVE
    Worker.objects.filter(pk=worker.pk).delete()
    workers.beat(worker)
    assert workers.state(Worker.objects.get(ident=worker.ident)) is workers.State.ALIVE
