"""Orphaned tasks: shown with where their message is, and published again only when it is gone.

A real ``manage.py carrot`` process is SIGKILLed mid-task (its message goes back to its queue), and a
real consumer that does not register stands for one the live services do not account for.
"""

import datetime
import signal
import uuid

import pytest
from django.utils import timezone

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog, Worker
from carrot.utilities import publish_message
from tests import tasks
from tests.api.conftest import take
from tests.conftest import wait_for
from tests.integration.test_service_process import start_service, status_of, stop, wait_consuming

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

ORPHAN = "orphan { worker workerId whereabouts explanation publishable }"
TASK = f"query($id: String!) {{ task(uuid: $id) {{ status {ORPHAN} }} }}"
WORKERS = f"{{ workers {{ id state running {{ uuid queue {ORPHAN} }} }} }}"
REQUEUE = "mutation($id: ID!) { requeueTask(id: $id) { task { status } errors { field message code } } }"
PENDING = """mutation($queue: String) { requeuePendingTasks(queue: $queue) {
  count kept { queue count whereabouts explanation } errors { code message }
} }"""
PURGE = 'mutation { purgeQueue(name: "default") { purgedCount } }'


def test_a_killed_services_task_is_orphaned_its_message_back_in_its_queue_until_purged(
    gql, purge_queues, tmp_path
):
    process = start_service("--no-scheduler")
    try:
        wait_consuming(process)
        log = publish_message(tasks.sleep, 60, str(tmp_path / "runs"))
        wait_for(lambda: status_of(log) == "IN_PROGRESS", what="the run's start to be saved")
    finally:
        stop(process, signal.SIGKILL)
    lost = wait_for(
        lambda: [w for w in gql(WORKERS)["workers"] if w["state"] == "LOST"], timeout=10, what="lost"
    )
    (running,) = lost[0]["running"]
    orphan = running["orphan"]
    assert (running["uuid"], running["queue"], orphan["workerId"]) == (log.uuid, "default", lost[0]["id"])
    assert (orphan["whereabouts"], orphan["publishable"]) == ("IN_QUEUE", False)
    assert "went back to queue default (1 waiting)" in orphan["explanation"]
    assert gql(TASK, {"id": log.uuid})["task"]["orphan"] == orphan

    refused = gql(REQUEUE, {"id": log.uuid})["requeueTask"]
    assert refused["errors"][0]["code"] == "INVALID_STATUS"
    assert "went back to queue default" in refused["errors"][0]["message"]
    kept = gql(PENDING, {"queue": "default"})["requeuePendingTasks"]
    assert (kept["count"], kept["kept"][0]["count"], kept["kept"][0]["whereabouts"]) == (0, 1, "IN_QUEUE")
    assert status_of(log) == "IN_PROGRESS"

    assert gql(PURGE)["purgeQueue"]["purgedCount"] == 1  # the redelivered message: now it is gone
    gone = gql(TASK, {"id": log.uuid})["task"]["orphan"]
    assert (gone["whereabouts"], gone["publishable"]) == ("GONE", True)
    assert gql(REQUEUE, {"id": log.uuid})["requeueTask"] == {"task": {"status": "PUBLISHED"}, "errors": []}
    assert take("default")[0].message_id == log.uuid
    assert gql(TASK, {"id": log.uuid})["task"]["orphan"] is None


def test_a_task_a_live_service_runs_is_never_published_again(gql, service, tmp_path):
    log = publish_message(tasks.sleep, 2, str(tmp_path / "runs"))
    wait_for(lambda: status_of(log) == "IN_PROGRESS", what="the run's start to be saved")
    assert gql(TASK, {"id": log.uuid})["task"] == {"status": "IN_PROGRESS", "orphan": None}
    refused = gql(REQUEUE, {"id": log.uuid})["requeueTask"]
    assert refused["errors"] == [
        {
            "field": "id",
            "message": "No lost service holds it: a live service runs it, or the one that started it did not"
            " register.",
            "code": "INVALID_STATUS",
        }
    ]
    assert gql(PENDING, {"queue": None})["requeuePendingTasks"] == {"count": 0, "kept": [], "errors": []}
    wait_for(lambda: status_of(log) == "COMPLETED", what="the task to end")
    assert len((tmp_path / "runs").read_text().splitlines()) == 1


def lost_worker_holding(queue):
    """A lost service's row and a task it held IN_PROGRESS on ``queue``."""
    long_ago = timezone.now() - datetime.timedelta(minutes=1)
    worker = Worker.objects.create(
        ident=str(uuid.uuid4()),
        host="gone",
        pid=1,
        version="2",
        queues=[{"name": queue, "concurrency": 1}],
        started=long_ago,
        heartbeat=long_ago,
        heartbeat_seconds=1,
    )
    log = MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.add",
        queue=queue,
        status=MessageLog.IN_PROGRESS,
        worker="gone:1:other-1",
        start_time=long_ago,
    )
    return worker, log


def test_an_empty_queue_with_a_consumer_no_live_service_accounts_for_may_hold_the_message(gql, purge_queues):
    _, log = lost_worker_holding("other")
    connection = broker.connect(get_settings().queue("other").broker)
    try:
        connection.channel().basic_consume("other", lambda *_: None)  # holds whatever it is given
        held = gql(TASK, {"id": log.uuid})["task"]["orphan"]
        assert (held["whereabouts"], held["publishable"]) == ("WITH_CONSUMER", False)
        assert "1 consumers where the live services have 0" in held["explanation"]
        kept = gql(PENDING, {"queue": "other"})["requeuePendingTasks"]
        assert (kept["count"], kept["kept"][0]["whereabouts"]) == (0, "WITH_CONSUMER")
    finally:
        connection.close()
    gone = gql(PENDING, {"queue": "other"})["requeuePendingTasks"]
    assert (gone["count"], gone["kept"]) == (1, [])
    assert take("other")[0].message_id == log.uuid


def test_a_task_the_outbox_is_still_sending_is_left_to_it(gql, purge_queues):
    sending = MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.noop",
        queue="other",
        status=MessageLog.PUBLISHED,
        relay_after=timezone.now() + datetime.timedelta(minutes=1),
    )
    assert gql(PENDING, {"queue": "other"})["requeuePendingTasks"] == {"count": 0, "kept": [], "errors": []}
    assert take("other") is None
    MessageLog.objects.filter(pk=sending.pk).update(relay_after=None)  # confirmed, then purged
    assert gql(PENDING, {"queue": "other"})["requeuePendingTasks"]["count"] == 1


def test_a_task_whose_service_did_not_register_is_not_taken_for_an_orphan(gql, purge_queues):
    started = timezone.now() - datetime.timedelta(minutes=5)
    unknown = MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.noop",
        queue="other",
        status=MessageLog.IN_PROGRESS,
        worker="old-box:9:other-1",  # a 1.x consumer: no row in the registry
        start_time=started,
    )
    assert gql(TASK, {"id": unknown.uuid})["task"]["orphan"] is None
    assert gql(REQUEUE, {"id": unknown.uuid})["requeueTask"]["errors"][0]["message"].startswith(
        "No lost service"
    )
    assert gql(PENDING, {"queue": "other"})["requeuePendingTasks"] == {"count": 0, "kept": [], "errors": []}
    assert take("other") is None
