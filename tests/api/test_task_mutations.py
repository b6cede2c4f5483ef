"""Task mutations over HTTP against the real RabbitMQ: requeue, delete, bulk, pending, publish, validate."""

import pytest
from django.test import override_settings

from carrot.models import MessageLog
from carrot.registry import HOW_TO_REGISTER
from tests.api.conftest import UNREACHABLE_CARROT, depth, make_log, take
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

REQUEUE = """
mutation($id: ID!) { requeueTask(id: $id) { task { id status exception } errors { field message code } } }
"""
DELETE = "mutation($id: ID!) { deleteTask(id: $id) { deletedId errors { field message code } } }"
BULK = """
mutation($ids: [ID!], $filter: TaskFilter) {
  requeueTasks(ids: $ids, filter: $filter) { count errors { field message code } }
}
"""
BULK_DELETE = BULK.replace("requeueTasks", "deleteTasks")
PENDING = """
mutation($queue: String, $age: Int) {
  requeuePendingTasks(queue: $queue, olderThanSeconds: $age) { count errors { field message code } }
}
"""
PUBLISH = """
mutation($input: PublishTaskInput!) {
  publishTask(input: $input) {
    task { id uuid task status queue priority args kwargs }
    errors { field message code }
  }
}
"""
VALIDATE = """
mutation($args: String, $kwargs: String) {
  validateArguments(args: $args, kwargs: $kwargs) { args kwargs errors { field message code } }
}
"""


def failed_log(**fields):
    return make_log(
        **{"status": MessageLog.FAILED, "exception": "ValueError: boom", "traceback": "tb", **fields}
    )


def test_requeue_a_failed_task_publishes_it_again_under_the_same_id(gql, purge_queues):
    log = failed_log(task_args=[1, 2])
    result = gql(REQUEUE, {"id": str(log.pk)})["requeueTask"]
    assert result["errors"] == []
    assert result["task"] == {"id": str(log.pk), "status": "PUBLISHED", "exception": ""}
    properties, body = take()
    assert properties.message_id == log.uuid and body == {"args": [1, 2], "kwargs": {}}


def test_requeue_refuses_other_statuses_and_unknown_ids(gql, purge_queues):
    done = make_log(status=MessageLog.COMPLETED)
    result = gql(REQUEUE, {"id": str(done.pk)})["requeueTask"]
    assert result["errors"][0]["code"] == "INVALID_STATUS" and result["errors"][0]["field"] == "id"
    assert gql(REQUEUE, {"id": "424242"})["requeueTask"]["errors"][0]["code"] == "NOT_FOUND"
    assert depth() == 0


def test_requeue_with_the_broker_down_is_a_field_error_and_the_task_stays_failed(gql, purge_queues):
    log = failed_log()
    with override_settings(CARROT=UNREACHABLE_CARROT):
        response = gql.post(REQUEUE, {"id": log.uuid})
    result = response.json()["data"]["requeueTask"]
    assert result["errors"][0]["code"] == "BROKER_ERROR"
    assert b"hunter2" not in response.content
    log.refresh_from_db()
    assert log.status == MessageLog.FAILED


def test_delete_one_task(gql):
    log = failed_log()
    assert gql(DELETE, {"id": str(log.pk)})["deleteTask"] == {"deletedId": str(log.pk), "errors": []}
    assert not MessageLog.objects.filter(pk=log.pk).exists()
    assert gql(DELETE, {"id": str(log.pk)})["deleteTask"]["errors"][0]["code"] == "NOT_FOUND"
    queued = make_log(status=MessageLog.PUBLISHED)
    assert gql(DELETE, {"id": str(queued.pk)})["deleteTask"]["errors"][0]["code"] == "INVALID_STATUS"
    assert MessageLog.objects.filter(pk=queued.pk).exists()


def test_bulk_requeue_by_ids_skips_tasks_that_are_not_failed(gql, purge_queues):
    a, b = failed_log(), failed_log()
    done = make_log(status=MessageLog.COMPLETED)
    result = gql(BULK, {"ids": [str(a.pk), b.uuid, str(done.pk)]})["requeueTasks"]
    assert result == {"count": 2, "errors": []}
    assert depth() == 2
    assert MessageLog.objects.get(pk=done.pk).status == MessageLog.COMPLETED


def test_bulk_requeue_everything_matching_a_filter(gql, purge_queues):
    matching = [failed_log(exception="TimeoutError: slow") for _ in range(3)]
    other = failed_log(exception="KeyError: x")
    result = gql(BULK, {"filter": {"status": "FAILED", "search": "timeout"}})["requeueTasks"]
    assert result == {"count": 3, "errors": []}
    assert set(MessageLog.objects.filter(status=MessageLog.PUBLISHED).values_list("pk", flat=True)) == {
        log.pk for log in matching
    }
    assert MessageLog.objects.get(pk=other.pk).status == MessageLog.FAILED
    assert depth() == 3


def test_bulk_requeue_input_errors(gql, purge_queues):
    neither = gql(BULK, {})["requeueTasks"]
    assert neither["count"] == 0 and neither["errors"][0]["code"] == "REQUIRED"
    both = gql(BULK, {"ids": ["1"], "filter": {"status": "FAILED"}})["requeueTasks"]
    assert both["errors"][0]["code"] == "REQUIRED"
    completed = gql(BULK, {"filter": {"status": "COMPLETED"}})["requeueTasks"]
    assert completed["errors"][0] == {
        "field": "filter.status",
        "message": "Only FAILED or CANCELLED tasks can be requeued in bulk.",
        "code": "INVALID_STATUS",
    }


def test_bulk_delete_by_ids_and_by_filter(gql):
    failed = [failed_log(queue="other") for _ in range(2)]
    kept = failed_log()
    done = make_log(status=MessageLog.COMPLETED)
    queued = make_log(status=MessageLog.PUBLISHED)
    assert gql(BULK_DELETE, {"ids": [str(done.pk), str(queued.pk)]})["deleteTasks"] == {
        "count": 1,
        "errors": [],
    }
    by_filter = gql(BULK_DELETE, {"filter": {"status": "FAILED", "queue": "other"}})["deleteTasks"]
    assert by_filter == {"count": 2, "errors": []}
    assert not MessageLog.objects.filter(pk__in=[log.pk for log in failed]).exists()
    assert set(MessageLog.objects.values_list("pk", flat=True)) == {kept.pk, queued.pk}
    refused = gql(BULK_DELETE, {"filter": {"status": "QUEUED"}})["deleteTasks"]
    assert refused["errors"][0]["code"] == "INVALID_STATUS"


def test_requeue_pending_tasks_after_their_queue_was_purged(gql, purge_queues):
    published = gql(PUBLISH, {"input": {"task": "tests.tasks.add", "args": "1, 2", "queue": "other"}})
    uuid = published["publishTask"]["task"]["uuid"]
    # Confirmed: out of the outbox (whose relay would send it again by itself).
    wait_for(lambda: MessageLog.objects.filter(uuid=uuid, relay_after=None).exists(), what="the confirm")
    purge = 'mutation { purgeQueue(name: "other") { purgedCount errors { code } } }'
    assert gql(purge)["purgeQueue"] == {"purgedCount": 1, "errors": []}
    assert MessageLog.objects.get(uuid=uuid).status == MessageLog.PUBLISHED
    assert gql(PENDING, {"queue": "other", "age": 3600})["requeuePendingTasks"] == {"count": 0, "errors": []}
    assert gql(PENDING, {"queue": "other"})["requeuePendingTasks"] == {"count": 1, "errors": []}
    assert take("other")[0].message_id == uuid
    assert gql(PENDING, {"age": -1})["requeuePendingTasks"]["errors"][0]["field"] == "olderThanSeconds"


def test_publish_a_registered_task_with_the_seed_argument_syntax(gql, purge_queues):
    variables = {
        "input": {
            "task": "tests.tasks.echo",
            "args": "True, 1, 'test', {'foo': 'bar'}",
            "kwargs": '{"parameter_1": true, "parameter_2": null, "parameter_3": ["list", "of", "things"]}',
            "queue": "other",
            "priority": 9,
        }
    }
    result = gql(PUBLISH, variables)["publishTask"]
    assert result["errors"] == []
    task = result["task"]
    assert (task["status"], task["queue"], task["priority"]) == ("PUBLISHED", "other", 9)
    assert task["args"] == [True, 1, "test", {"foo": "bar"}]
    properties, body = take("other")
    assert properties.headers == {"type": "tests.tasks.echo"} and properties.priority == 9
    assert body["kwargs"]["parameter_3"] == ["list", "of", "things"]


@pytest.mark.parametrize(
    ("fields", "field", "code", "says"),
    [
        ({"args": "foo, bar"}, "args", "INVALID_ARGUMENTS", "Python literals"),
        ({"args": "1, (2"}, "args", "INVALID_ARGUMENTS", "Python literals"),
        ({"args": "x" * 20_000}, "args", "INVALID_ARGUMENTS", "too long"),
        ({"args": "[" * 5000 + "]" * 5000}, "args", "INVALID_ARGUMENTS", "nested too deeply"),
        ({"kwargs": "{'foo': True}"}, "kwargs", "INVALID_ARGUMENTS", "JSON, not a Python dict"),
        ({"kwargs": "[1, 2]"}, "kwargs", "INVALID_ARGUMENTS", "JSON object"),
        ({"task": "os.system"}, "task", "NOT_REGISTERED", HOW_TO_REGISTER),
        ({"queue": "nowhere"}, "queue", "UNKNOWN_QUEUE", "CARROT['queues']"),
        ({"priority": 256}, "priority", "INVALID", "0 to 255"),
    ],
)
def test_publish_refuses_bad_input_with_field_errors(gql, purge_queues, fields, field, code, says):
    result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", **fields}})["publishTask"]
    assert result["task"] is None
    (error,) = result["errors"]
    assert (error["field"], error["code"]) == (field, code)
    assert says in error["message"]
    assert not MessageLog.objects.exists()
    assert depth() == 0


def test_publish_reports_every_argument_problem_at_once(gql):
    result = gql(PUBLISH, {"input": {"task": "tests.tasks.noop", "args": "foo", "kwargs": "{'a': 1}"}})
    assert [error["field"] for error in result["publishTask"]["errors"]] == ["args", "kwargs"]


def test_publish_with_the_broker_down_is_a_broker_error_without_the_password(gql):
    with override_settings(CARROT=UNREACHABLE_CARROT):
        response = gql.post(PUBLISH, {"input": {"task": "tests.tasks.noop"}})
    (error,) = response.json()["data"]["publishTask"]["errors"]
    assert error["code"] == "BROKER_ERROR"
    assert b"hunter2" not in response.content
    assert MessageLog.objects.get().status == MessageLog.FAILED  # visible and requeueable, never lost


def test_validate_arguments_without_saving(gql):
    ok = gql(VALIDATE, {"args": "True, 1, 'test', {'foo': 'bar'}", "kwargs": '{"a": [1, null]}'})
    assert ok["validateArguments"] == {
        "args": [True, 1, "test", {"foo": "bar"}],
        "kwargs": {"a": [1, None]},
        "errors": [],
    }
    assert gql(VALIDATE, {})["validateArguments"] == {"args": [], "kwargs": {}, "errors": []}
    bad = gql(VALIDATE, {"args": "foo, bar", "kwargs": "{'a': True}"})["validateArguments"]
    assert bad["args"] is None
    assert [(e["field"], e["code"]) for e in bad["errors"]] == [
        ("args", "INVALID_ARGUMENTS"),
        ("kwargs", "INVALID_ARGUMENTS"),
    ]
    assert "quote strings" in bad["errors"][0]["message"]
    assert "JSON" in bad["errors"][1]["message"]
    assert not MessageLog.objects.exists()


def test_published_task_runs_and_its_result_is_queryable(gql, service):
    published = gql(PUBLISH, {"input": {"task": "tests.tasks.chatty"}})["publishTask"]["task"]
    query = """query($uuid: String) { task(uuid: $uuid) {
      status output worker attempts durationSeconds log(minLevel: WARNING) { level message } } }"""
    task = wait_for(
        lambda: (t := gql(query, {"uuid": published["uuid"]})["task"])["status"] == "COMPLETED" and t,
        what="the task to complete",
    )
    assert task["output"] and task["worker"] and task["attempts"] == 1
    assert [entry["level"] for entry in task["log"]] == ["WARNING", "ERROR"]
