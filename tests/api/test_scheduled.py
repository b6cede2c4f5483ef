"""Scheduled-task queries and mutations over HTTP; run-now publishes on the real broker."""

import datetime

import pytest

from carrot import scheduler
from carrot.models import MessageLog, ScheduledTask
from carrot.registry import HOW_TO_REGISTER
from tests.api.conftest import take

pytestmark = pytest.mark.django_db(transaction=True)

FIELDS = """
  id taskName task queue exchange routingKey intervalType intervalCount intervalSeconds
  args kwargs argsText kwargsText active lastRunAt nextRunAt
"""
ERRORS = "errors { field message code }"
CREATE = f"""
mutation($input: ScheduledTaskCreateInput!) {{
  createScheduledTask(input: $input) {{ scheduledTask {{ {FIELDS} }} {ERRORS} }}
}}
"""
UPDATE = f"""
mutation($id: ID!, $input: ScheduledTaskUpdateInput!) {{
  updateScheduledTask(id: $id, input: $input) {{ scheduledTask {{ {FIELDS} }} {ERRORS} }}
}}
"""
SET_ACTIVE = f"""
mutation($id: ID!, $active: Boolean!) {{
  setScheduledTaskActive(id: $id, active: $active) {{ scheduledTask {{ id active nextRunAt }} {ERRORS} }}
}}
"""
DELETE = f"mutation($id: ID!) {{ deleteScheduledTask(id: $id) {{ deletedId {ERRORS} }} }}"
RUN = f"""
mutation($id: ID!) {{
  runScheduledTask(id: $id) {{ task {{ id uuid task status args kwargs }} scheduledTask {{ id }} {ERRORS} }}
}}
"""
SEED_FORM = {
    "task": "tests.tasks.echo",
    "taskName": "echo every 5 minutes",
    "queue": "other",
    "intervalType": "MINUTES",
    "intervalCount": 5,
    "exchange": "",
    "routingKey": "",
    "active": True,
    "args": "True, 1, 'test', {'foo': 'bar'}",
    "kwargs": '{"parameter_1": true, "parameter_2": null, "parameter_4": {"more": "things"}}',
}


def create(gql, **fields):
    return gql(CREATE, {"input": {**SEED_FORM, **fields}})["createScheduledTask"]


def test_create_with_the_seed_form(gql):
    result = create(gql)
    assert result["errors"] == []
    created = result["scheduledTask"]
    assert created["taskName"] == "echo every 5 minutes"
    assert (created["intervalType"], created["intervalCount"], created["intervalSeconds"]) == (
        "MINUTES",
        5,
        300,
    )
    assert created["args"] == [True, 1, "test", {"foo": "bar"}]
    assert created["kwargs"]["parameter_4"] == {"more": "things"}
    assert created["argsText"] == "True, 1, 'test', {'foo': 'bar'}"
    assert created["active"] is True and created["nextRunAt"] is not None and created["lastRunAt"] is None
    stored = ScheduledTask.objects.get(pk=created["id"])
    assert (stored.queue, stored.task_args, stored.content["parameter_2"]) == ("other", created["args"], None)
    runs_at = datetime.datetime.fromisoformat(created["nextRunAt"])  # the due time plus the task's spread
    assert runs_at == stored.next_run_at + scheduler.spread(stored.pk, stored.interval)


def test_create_defaults_the_name_to_the_task_and_the_queue_to_default(gql):
    result = gql(
        CREATE, {"input": {"task": "tests.tasks.noop", "intervalType": "SECONDS", "intervalCount": 1}}
    )
    created = result["createScheduledTask"]["scheduledTask"]
    assert (created["taskName"], created["queue"], created["args"], created["kwargs"]) == (
        "tests.tasks.noop",
        "default",
        [],
        {},
    )


def test_create_reports_every_bad_field(gql):
    result = create(
        gql, task="os.system", queue="nowhere", intervalCount=0, args="foo, bar", kwargs="{'a': True}"
    )
    assert result["scheduledTask"] is None
    errors = {error["field"]: error for error in result["errors"]}
    assert set(errors) == {"task", "queue", "intervalCount", "args", "kwargs"}
    assert errors["task"]["code"] == "NOT_REGISTERED" and HOW_TO_REGISTER in errors["task"]["message"]
    assert errors["queue"]["code"] == "UNKNOWN_QUEUE"
    assert errors["intervalCount"]["code"] == "INVALID"
    assert errors["args"]["code"] == errors["kwargs"]["code"] == "INVALID_ARGUMENTS"
    assert "JSON" in errors["kwargs"]["message"]
    assert not ScheduledTask.objects.exists()


def test_names_are_unique(gql):
    create(gql)
    (error,) = create(gql)["errors"]
    assert (error["field"], error["code"]) == ("taskName", "UNIQUE")
    blank = gql(UPDATE, {"id": ScheduledTask.objects.get().pk, "input": {"taskName": "  "}})
    assert blank["updateScheduledTask"]["errors"][0]["code"] == "REQUIRED"


def test_update_changes_only_the_given_fields(gql):
    created = create(gql)["scheduledTask"]
    result = gql(
        UPDATE, {"id": created["id"], "input": {"intervalType": "HOURS", "intervalCount": 2, "args": "7"}}
    )
    updated = result["updateScheduledTask"]
    assert updated["errors"] == []
    task = updated["scheduledTask"]
    assert (task["intervalType"], task["intervalCount"], task["args"]) == ("HOURS", 2, [7])
    assert task["kwargs"] == created["kwargs"] and task["taskName"] == created["taskName"]
    assert task["nextRunAt"] != created["nextRunAt"]  # a new interval reschedules at once


def test_update_refuses_bad_input_and_keeps_the_task(gql):
    created = create(gql)["scheduledTask"]
    create(gql, taskName="taken")
    result = gql(
        UPDATE, {"id": created["id"], "input": {"task": "nope.nope", "taskName": "taken", "kwargs": "[]"}}
    )
    fields = {error["field"] for error in result["updateScheduledTask"]["errors"]}
    assert fields == {"task", "taskName", "kwargs"}
    assert ScheduledTask.objects.get(pk=created["id"]).task == "tests.tasks.echo"
    missing = gql(UPDATE, {"id": "999999", "input": {"active": False}})["updateScheduledTask"]
    assert missing["errors"][0]["code"] == "NOT_FOUND"


def test_toggle_active(gql):
    created = create(gql)["scheduledTask"]
    paused = gql(SET_ACTIVE, {"id": created["id"], "active": False})["setScheduledTaskActive"]
    assert paused["scheduledTask"]["active"] is False
    assert ScheduledTask.objects.get(pk=created["id"]).active is False
    resumed = gql(SET_ACTIVE, {"id": created["id"], "active": True})["setScheduledTaskActive"]
    assert resumed["scheduledTask"]["active"] is True
    assert (
        gql(SET_ACTIVE, {"id": "x", "active": True})["setScheduledTaskActive"]["errors"][0]["code"]
        == "NOT_FOUND"
    )


def test_delete(gql):
    created = create(gql)["scheduledTask"]
    assert gql(DELETE, {"id": created["id"]})["deleteScheduledTask"] == {
        "deletedId": created["id"],
        "errors": [],
    }
    assert not ScheduledTask.objects.exists()
    assert gql(DELETE, {"id": created["id"]})["deleteScheduledTask"]["errors"][0]["code"] == "NOT_FOUND"


def test_run_now_publishes_and_returns_the_new_task(gql, purge_queues):
    created = create(gql)["scheduledTask"]
    result = gql(RUN, {"id": created["id"]})["runScheduledTask"]
    assert result["errors"] == []
    task = result["task"]
    assert (task["task"], task["status"], task["args"]) == ("tests.tasks.echo", "PUBLISHED", created["args"])
    assert MessageLog.objects.get(uuid=task["uuid"]).queue == "other"
    assert take("other")[0].message_id == task["uuid"]
    assert gql(RUN, {"id": "999999"})["runScheduledTask"]["errors"][0]["code"] == "NOT_FOUND"


def test_run_now_of_a_task_no_longer_registered_is_refused(gql, purge_queues):
    stale = ScheduledTask.objects.create(task="gone.module.task", task_name="stale")
    (error,) = gql(RUN, {"id": str(stale.pk)})["runScheduledTask"]["errors"]
    assert error["code"] == "NOT_REGISTERED" and HOW_TO_REGISTER in error["message"]


def test_list_and_get(gql):
    create(gql, taskName="b mail", task="tests.tasks.echo")
    create(gql, taskName="a sums", task="tests.tasks.add", active=False, args="1, 2", kwargs="")
    query = """query($active: Boolean, $search: String) {
      scheduledTasks(active: $active, search: $search) { id taskName active } }"""
    assert [t["taskName"] for t in gql(query)["scheduledTasks"]] == ["a sums", "b mail"]
    assert [t["taskName"] for t in gql(query, {"active": True})["scheduledTasks"]] == ["b mail"]
    assert [t["taskName"] for t in gql(query, {"search": "tasks.add"})["scheduledTasks"]] == ["a sums"]
    one = gql(query)["scheduledTasks"][0]
    by_id = "query($id: ID!) { scheduledTask(id: $id) { taskName } }"
    assert gql(by_id, {"id": one["id"]})["scheduledTask"] == {"taskName": "a sums"}
    assert gql(by_id, {"id": "999999"})["scheduledTask"] is None


def test_create_refuses_arguments_the_task_does_not_take_naming_each(gql):
    result = create(gql, task="tests.tasks.add", args="1, 2, 3", kwargs='{"c": 3}')
    assert result["scheduledTask"] is None
    errors = {error["field"]: error for error in result["errors"]}
    assert set(errors) == {"args", "kwargs"}
    assert {e["code"] for e in errors.values()} == {"INVALID_ARGUMENTS"}
    assert "Too many positional arguments: at most 2, got 3" in errors["args"]["message"]
    assert "no keyword argument 'c'" in errors["kwargs"]["message"]
    assert "It takes (a, b)." in errors["kwargs"]["message"]
    (missing,) = create(gql, task="tests.tasks.add", args="1", kwargs="")["errors"]
    assert (missing["field"], missing["code"]) == ("args", "INVALID_ARGUMENTS")
    assert "required argument 'b' is missing" in missing["message"]
    assert not ScheduledTask.objects.exists()


def test_a_task_taking_kwargs_accepts_any_keyword(gql):
    result = create(gql, task="tests.tasks.echo", args="", kwargs='{"anything": 1}')
    assert result["errors"] == [] and result["scheduledTask"]["kwargs"] == {"anything": 1}


def test_update_checks_the_new_task_against_the_kept_arguments_and_the_reverse(gql):
    created = create(gql, task="tests.tasks.add", args="1, 2", kwargs="")["scheduledTask"]
    to_fail = gql(UPDATE, {"id": created["id"], "input": {"task": "tests.tasks.fail"}})["updateScheduledTask"]
    assert {(e["field"], e["code"]) for e in to_fail["errors"]} == {("args", "INVALID_ARGUMENTS")}
    extra = gql(UPDATE, {"id": created["id"], "input": {"kwargs": '{"b": 2}'}})["updateScheduledTask"]
    assert "given both by position and by keyword" in extra["errors"][0]["message"]
    stored = ScheduledTask.objects.get(pk=created["id"])
    assert (stored.task, stored.task_args, stored.content) == ("tests.tasks.add", [1, 2], {})
    fixed = gql(UPDATE, {"id": created["id"], "input": {"args": "1", "kwargs": '{"b": 2}'}})
    assert fixed["updateScheduledTask"]["errors"] == []


def test_update_of_a_task_no_longer_registered_names_the_task_but_pausing_it_works(gql):
    stale = ScheduledTask.objects.create(task="gone.module.task", task_name="stale")
    (error,) = gql(UPDATE, {"id": str(stale.pk), "input": {"args": "1"}})["updateScheduledTask"]["errors"]
    assert (error["field"], error["code"]) == ("task", "NOT_REGISTERED")
    paused = gql(UPDATE, {"id": str(stale.pk), "input": {"active": False}})["updateScheduledTask"]
    assert paused["errors"] == [] and ScheduledTask.objects.get(pk=stale.pk).active is False


@pytest.mark.parametrize("count", [0, -1, 8761])
def test_an_interval_out_of_range_is_a_field_error(gql, count):
    (error,) = create(gql, intervalType="HOURS", intervalCount=count)["errors"]
    assert (error["field"], error["code"]) == ("intervalCount", "INVALID")
    assert "from 1 to 8760 hours" in error["message"]
    assert not ScheduledTask.objects.exists()


LAST_RUNS = "{ scheduledTasks { taskName lastRunAt lastRunStatus lastRunUuid } }"


def test_the_list_shows_each_last_runs_task_status_in_one_query(gql):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from tests.api.conftest import make_log

    ran = timezone.now() - datetime.timedelta(minutes=1)
    for name, task in (
        ("adds", "tests.tasks.add"),
        ("fails", "tests.tasks.fail"),
        ("idle", "tests.tasks.noop"),
    ):
        ScheduledTask.objects.create(task=task, task_name=name, last_run_at=None if name == "idle" else ran)
    make_log(task="tests.tasks.add", status=MessageLog.FAILED, publish_time=ran - datetime.timedelta(hours=1))
    added = make_log(task="tests.tasks.add", status=MessageLog.COMPLETED, publish_time=ran)
    failed = make_log(task="tests.tasks.fail", status=MessageLog.FAILED, publish_time=ran)
    make_log(task="tests.tasks.fail", status=MessageLog.COMPLETED, publish_time=ran, queue="other")
    with CaptureQueriesContext(connection) as queries:
        rows = {row["taskName"]: row for row in gql(LAST_RUNS)["scheduledTasks"]}
    assert [q["sql"] for q in queries.captured_queries if "carrot_scheduledtask" in q["sql"]][1:] == []
    assert (rows["adds"]["lastRunStatus"], rows["adds"]["lastRunUuid"]) == ("COMPLETED", added.uuid)
    assert (rows["fails"]["lastRunStatus"], rows["fails"]["lastRunUuid"]) == ("FAILED", failed.uuid)
    assert rows["idle"]["lastRunAt"] is None and rows["idle"]["lastRunStatus"] is None
    assert not [q for q in queries.captured_queries if 'FROM "carrot_messagelog"' in q["sql"].split("(")[0]]


def test_the_last_run_of_a_scheduler_pass_and_a_mutation_payload(gql, purge_queues):
    from carrot import scheduler

    created = create(gql, task="tests.tasks.noop", queue="default", args="", kwargs="")["scheduledTask"]
    ScheduledTask.objects.filter(pk=created["id"]).update(
        next_run_at=datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    )
    assert scheduler.publish_due() == 1
    log = MessageLog.objects.get()
    (row,) = gql(LAST_RUNS)["scheduledTasks"]
    assert (row["lastRunStatus"], row["lastRunUuid"]) == ("PUBLISHED", log.uuid)
    paused = gql(
        "mutation($id: ID!) { setScheduledTaskActive(id: $id, active: false) "
        "{ scheduledTask { active lastRunStatus } errors { field } } }",
        {"id": created["id"]},
    )["setScheduledTaskActive"]
    assert paused == {"scheduledTask": {"active": False, "lastRunStatus": "PUBLISHED"}, "errors": []}
