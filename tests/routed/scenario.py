"""Everything carrot writes, with its tables in a database of their own (run by ``test_routers.py``).

Run with ``--ds tests.routed.settings``: ``default`` holds no table of carrot's, so any statement that
ignores the routers (raw SQL, a transaction or ``on_commit`` on ``default``) fails here.
"""

import pytest
from django.db import connections, transaction

import carrot
from carrot.models import AuditEntry, MessageLog, Worker
from carrot.publishing import publish_message
from tests import tasks
from tests.api.conftest import GraphQL
from tests.conftest import wait_for
from tests.routed.router import CARROT_DB

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", CARROT_DB])


def status(log: MessageLog) -> str:
    return MessageLog.objects.get(pk=log.pk).status


def test_only_the_carrot_database_has_carrots_tables():
    assert not [t for t in connections["default"].introspection.table_names() if t.startswith("carrot_")]
    assert "carrot_messagelog" in connections[CARROT_DB].introspection.table_names()


def test_tasks_run_wait_retry_cancel_and_give_their_results(service):
    assert carrot.result(publish_message(tasks.echo, 1, key="v"), timeout=20) == {
        "args": [1],
        "kwargs": {"key": "v"},
    }
    assert carrot.result(publish_message(tasks.add, 2, 3, countdown=0.5), timeout=20) == 5
    later = publish_message(tasks.add, 1, 1, countdown=600)
    carrot.cancel(later.uuid)
    assert status(later) == MessageLog.CANCELLED
    failing = publish_message(tasks.fail, max_retries=1)
    with pytest.raises(carrot.TaskFailed):
        carrot.result(failing, timeout=60)
    assert MessageLog.objects.get(pk=failing.pk).attempts == 2
    wait_for(Worker.objects.exists, what="the service's registry row")


def test_a_publish_in_a_transaction_of_carrots_database_is_sent_when_it_commits(service):
    with transaction.atomic(using=CARROT_DB):
        log = publish_message(tasks.add, 20, 1)
    assert carrot.result(log, timeout=20) == 21


def test_the_monitor_api_lists_requeues_schedules_and_audits(client, service):
    gql = GraphQL(client)
    failed = publish_message(tasks.fail)
    wait_for(lambda: status(failed) == MessageLog.FAILED, what="the task to fail")
    listed = gql("{ tasks(filter: {status: FAILED}) { edges { node { uuid } } } }")["tasks"]["edges"]
    assert [edge["node"]["uuid"] for edge in listed] == [failed.uuid]
    requeued = gql("mutation($id: ID!) { requeueTask(id: $id) { errors { message } } }", {"id": failed.uuid})
    assert requeued["requeueTask"]["errors"] == []
    wait_for(lambda: len(MessageLog.objects.get(pk=failed.pk).history) == 2, what="the requeued run to fail")
    created = gql(
        'mutation { createScheduledTask(input: {task: "tests.tasks.add", intervalType: HOURS,'
        ' intervalCount: 1, args: "1, 2"}) { errors { message } scheduledTask { id } } }'
    )["createScheduledTask"]
    assert created["errors"] == []
    ran = gql(
        "mutation($id: ID!) { runScheduledTask(id: $id) { errors { message } task { uuid } } }",
        {"id": created["scheduledTask"]["id"]},
    )["runScheduledTask"]
    assert carrot.result(ran["task"]["uuid"], timeout=20) == 3
    assert AuditEntry.objects.count() >= 3
