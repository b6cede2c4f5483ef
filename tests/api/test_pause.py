"""Pausing queues and quieting services, through the API, with real ``manage.py carrot`` processes.

The test settings beat every second, so a service obeys within about a second; each test waits for
the broker to show the consumers gone (or back) before it publishes.
"""

import signal
import time
from pathlib import Path

import pytest

from carrot import broker
from carrot.conf import get_settings
from carrot.models import AuditEntry, MessageLog, QueuePause, Worker
from carrot.utilities import publish_message
from tests import tasks
from tests.api.conftest import depth
from tests.conftest import wait_for
from tests.integration.test_service_process import start_service, status_of, stop, wait_consuming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

QUIET_FOR = 3
"""Seconds a paused queue's messages are watched not running (the service beats every second)."""
QUEUE = "{ name paused pausedAt pausedBy }"
ERRORS = "errors { field message code }"
SET_PAUSED = (
    "mutation($name: String!, $paused: Boolean!) { setQueuePaused(name: $name, paused: $paused)"
    f" {{ queue {QUEUE} {ERRORS} }} }}"
)
QUIET = (
    "mutation($id: ID!, $quiet: Boolean!) { setWorkerQuiet(id: $id, quiet: $quiet)"
    f" {{ worker {{ id quiet state }} {ERRORS} }} }}"
)


def pause(gql, name, paused=True):
    """``setQueuePaused``'s payload."""
    return gql(SET_PAUSED, {"name": name, "paused": paused})["setQueuePaused"]


def resume(gql, name):
    return pause(gql, name, paused=False)


def consumers(name):
    return broker.queue_state(get_settings().queue(name))[1]


def markers(tmp_path, count):
    return [str(tmp_path / f"run-{n}") for n in range(count)]


def runs(paths):
    """How many times each marked task ran."""
    return [Path(path).read_text().count("\n") if Path(path).exists() else 0 for path in paths]


def stays_waiting(logs, queue="default"):
    """The logs stay PUBLISHED with their messages in the queue for :data:`QUIET_FOR` seconds."""
    time.sleep(QUIET_FOR)
    assert [status_of(log) for log in logs] == ["PUBLISHED"] * len(logs)
    assert depth(queue) == len(logs)


def all_completed(logs):
    wait_for(lambda: {status_of(log) for log in logs} == {"COMPLETED"}, timeout=30, what="the tasks to run")


def test_a_paused_queue_keeps_its_messages_until_resumed(gql, purge_queues, tmp_path):
    """Two services: each stops consuming the paused queue, and each goes on with the other queue."""
    processes = [start_service("--no-scheduler") for _ in range(2)]
    try:
        for process in processes:
            wait_consuming(process)
        paused = pause(gql, "default")
        assert paused["errors"] == [] and paused["queue"]["paused"] is True
        wait_for(lambda: consumers("default") == 0, what="the services to cancel their consumers")
        assert consumers("other") == 2  # only the paused queue
        paths = markers(tmp_path, 3)
        logs = [publish_message(tasks.sleep, 0, path) for path in paths]
        stays_waiting(logs)
        resumed = resume(gql, "default")
        assert resumed["errors"] == [] and resumed["queue"]["paused"] is False
        wait_for(lambda: consumers("default") == 4, what="both services to consume again")
        all_completed(logs)
    finally:
        assert [stop(process) for process in processes] == [0, 0]
    assert runs(paths) == [1, 1, 1] and depth() == 0


def test_the_queue_shows_who_paused_it_and_when_and_the_audit_log_has_it(gql, purge_queues):
    pause(gql, "other")
    (other,) = [q for q in gql(f"{{ queues {QUEUE} }}")["queues"] if q["paused"]]
    assert other["name"] == "other" and other["pausedAt"] and other["pausedBy"] == ""
    again = pause(gql, "other")["queue"]  # pausing twice keeps the first pause
    assert again == other
    assert resume(gql, "other")["queue"] == {
        **other,
        "paused": False,
        "pausedAt": None,
        "pausedBy": None,
    }
    assert list(AuditEntry.objects.values_list("mutation", "outcome")) == [
        ("setQueuePaused", "SUCCESS"),
        ("setQueuePaused", "SUCCESS"),
        ("setQueuePaused", "SUCCESS"),
    ]


@pytest.mark.parametrize("paused", [True, False], ids=["pause", "resume"])
def test_an_unknown_queue_is_a_field_error_and_nothing_is_stored(gql, paused):
    payload = pause(gql, "nope", paused)
    assert payload["queue"] is None
    (error,) = payload["errors"]
    assert (error["field"], error["code"]) == ("name", "UNKNOWN_QUEUE")
    assert "Unknown queue 'nope'; declared queues: default, other, idle." in error["message"]
    assert not QueuePause.objects.exists()


def test_a_service_started_while_a_queue_is_paused_does_not_consume_it(gql, purge_queues, tmp_path):
    pause(gql, "default")
    paths = markers(tmp_path, 2)
    logs = [publish_message(tasks.sleep, 0, path) for path in paths]
    for _restart in range(2):
        process = start_service("--no-scheduler")
        try:
            output = wait_consuming(process, queues=1)  # "other" only
            stays_waiting(logs)
            assert consumers("default") == 0
        finally:
            process.send_signal(signal.SIGTERM)
            output += process.stdout.read()
            assert stop(process) == 0
        assert " consuming other on " in output and " consuming default " not in output  # not even briefly
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process, queues=1)
        resume(gql, "default")
        all_completed(logs)
    finally:
        assert stop(process) == 0
    assert runs(paths) == [1, 1]


def test_pausing_gives_prefetched_messages_back_and_each_runs_once(gql, purge_queues, tmp_path):
    """Queue "other" has one consumer that prefetches 3: one task runs while two wait in the consumer."""
    running_path, *waiting_paths = markers(tmp_path, 3)
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process)
        running = publish_message(tasks.sleep, 2, running_path, queue="other")
        waiting = [publish_message(tasks.sleep, 0, path, queue="other") for path in waiting_paths]
        wait_for(lambda: status_of(running) == "IN_PROGRESS", what="the first task to start")
        assert depth("other") == 0  # the other two are prefetched by the busy consumer
        pause(gql, "other")
        wait_for(lambda: consumers("other") == 0, what="the service to cancel its consumer")
        wait_for(lambda: status_of(running) == "COMPLETED", what="the running task to finish")
        stays_waiting(waiting, "other")
        resume(gql, "other")
        all_completed(waiting)
    finally:
        assert stop(process) == 0
    assert runs([running_path, *waiting_paths]) == [1, 1, 1]
    assert [MessageLog.objects.get(uuid=log.uuid).redelivered for log in waiting] == [True, True]


def test_a_quiet_service_finishes_its_task_takes_no_new_ones_and_can_be_woken(gql, purge_queues, tmp_path):
    running_path, new_path = markers(tmp_path, 2)
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process)
        worker = wait_for(lambda: Worker.objects.filter(pid=process.pid).first(), what="the service's row")
        running = publish_message(tasks.sleep, 2, running_path)
        wait_for(lambda: status_of(running) == "IN_PROGRESS", what="the task to start")
        told = gql(QUIET, {"id": worker.ident, "quiet": True})["setWorkerQuiet"]
        assert told == {"worker": {"id": worker.ident, "quiet": True, "state": "QUIET"}, "errors": []}
        wait_for(lambda: consumers("default") + consumers("other") == 0, what="the consumers to go")
        wait_for(lambda: status_of(running) == "COMPLETED", what="the running task to finish")
        new = publish_message(tasks.sleep, 0, new_path)
        stays_waiting([new])
        (listed,) = gql("{ workers { id quiet state } }")["workers"]
        assert listed == {"id": worker.ident, "quiet": True, "state": "QUIET"}  # alive, not lost
        woken = gql(QUIET, {"id": worker.ident, "quiet": False})["setWorkerQuiet"]
        assert woken["worker"]["state"] == "ALIVE"
        all_completed([new])
    finally:
        assert stop(process) == 0
    assert runs([running_path, new_path]) == [1, 1]


def test_an_unknown_worker_is_a_field_error(gql):
    payload = gql(QUIET, {"id": "nope", "quiet": True})["setWorkerQuiet"]
    assert payload["worker"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("id", "NOT_FOUND")]
