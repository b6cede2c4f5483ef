"""Query.tasks / task / taskCounts / registeredTasks over HTTP (no broker needed)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carrot.logs.queries import MAX_PAGE_SIZE
from carrot.models import MessageLog, ScheduledTask
from tests.api.conftest import make_log

pytestmark = pytest.mark.django_db

PAGE = """
query Page($filter: TaskFilter!, $first: Int, $after: String, $last: Int, $before: String) {
  tasks(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    edges { cursor node { id task status } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}
"""


def ids(data):
    return [int(edge["node"]["id"]) for edge in data["tasks"]["edges"]]


def test_each_list_shows_its_statuses_newest_first(gql):
    published = make_log(status=MessageLog.PUBLISHED)
    running = make_log(status=MessageLog.IN_PROGRESS)
    failed = make_log(status=MessageLog.FAILED)
    completed = make_log(status=MessageLog.COMPLETED)
    assert ids(gql(PAGE, {"filter": {"status": "QUEUED"}})) == [running.pk, published.pk]
    assert ids(gql(PAGE, {"filter": {"status": "FAILED"}})) == [failed.pk]
    assert ids(gql(PAGE, {"filter": {"status": "COMPLETED"}})) == [completed.pk]


def test_keyset_pages_forward_and_backward(gql):
    logs = [make_log(status=MessageLog.FAILED) for _ in range(7)]
    newest_first = [log.pk for log in reversed(logs)]
    seen, after = [], None
    while True:
        data = gql(PAGE, {"filter": {"status": "FAILED"}, "first": 3, "after": after})
        seen += ids(data)
        info = data["tasks"]["pageInfo"]
        assert info["hasPreviousPage"] is (after is not None)
        if not info["hasNextPage"]:
            break
        after = info["endCursor"]
    assert seen == newest_first
    # Backward from the oldest page's start: the 3 newer ones, still newest first.
    data = gql(
        PAGE, {"filter": {"status": "FAILED"}, "last": 3, "before": data["tasks"]["pageInfo"]["startCursor"]}
    )
    assert ids(data) == newest_first[3:6]
    assert data["tasks"]["pageInfo"]["hasPreviousPage"] is True
    assert data["tasks"]["pageInfo"]["hasNextPage"] is True


def test_rows_inserted_meanwhile_do_not_shift_a_keyset_page(gql):
    logs = [make_log() for _ in range(4)]
    first = gql(PAGE, {"filter": {"status": "COMPLETED"}, "first": 2})
    make_log()
    make_log()
    second = gql(
        PAGE,
        {"filter": {"status": "COMPLETED"}, "first": 2, "after": first["tasks"]["pageInfo"]["endCursor"]},
    )
    assert ids(second) == [logs[1].pk, logs[0].pk]


def test_the_largest_page_holds_the_maximum_and_says_more_follow(gql):
    MessageLog.objects.bulk_create(
        [
            MessageLog(uuid=f"u{i}", task="tests.tasks.add", status=MessageLog.COMPLETED)
            for i in range(MAX_PAGE_SIZE + 5)
        ]
    )
    data = gql(PAGE, {"filter": {"status": "COMPLETED"}, "first": MAX_PAGE_SIZE})
    assert len(data["tasks"]["edges"]) == MAX_PAGE_SIZE
    assert data["tasks"]["pageInfo"]["hasNextPage"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"first": 0}, f"`first` must be from 1 to {MAX_PAGE_SIZE}, got 0."),
        ({"first": 201}, f"`first` must be from 1 to {MAX_PAGE_SIZE}, got 201."),
        ({"last": -1, "before": None}, f"`last` must be from 1 to {MAX_PAGE_SIZE}, got -1."),
        ({"last": 10_000}, f"`last` must be from 1 to {MAX_PAGE_SIZE}, got 10000."),
        ({"after": "not-a-cursor"}, "not a cursor"),
        ({"first": 2, "last": 2}, "either"),
    ],
)
def test_bad_page_arguments_are_graphql_errors(gql, variables, message):
    response = gql.post(PAGE, {"filter": {"status": "FAILED"}, **variables})
    assert response.status_code == 200
    errors = response.json()["errors"]
    assert message in errors[0]["message"]
    assert response.json()["data"] is None


def test_filter_by_queue_task_and_free_text(gql):
    mail = make_log(status=MessageLog.FAILED, task="tests.tasks.echo", queue="other", content={"to": "a@b.c"})
    boom = make_log(status=MessageLog.FAILED, task="tests.tasks.fail", exception="ValueError: kaboom")
    args = make_log(status=MessageLog.FAILED, task="tests.tasks.add", task_args=[41, "needle"])

    def found(**filters):
        return ids(gql(PAGE, {"filter": {"status": "FAILED", **filters}}))

    assert found(queue="other") == [mail.pk]
    assert found(task="tests.tasks.fail") == [boom.pk]
    assert found(search="KABOOM") == [boom.pk]
    assert found(search="a@b.c") == [mail.pk]
    assert found(search="needle") == [args.pk]
    assert found(search="A@B.C") == [mail.pk] and found(search="NeEdLe") == [args.pk]  # any case
    assert found(search="tests.tasks.e") == [mail.pk]
    assert found(search=args.uuid) == [args.pk]
    assert found(search="nothing like it") == []


def test_a_page_is_one_query_whatever_its_size(gql, settings):
    # A variable page size costs as the largest page (200 rows of these fields): over the default budget.
    settings.CARROT = {**settings.CARROT, "graphql_max_cost": 100_000}
    for _ in range(30):
        make_log(log=[{"level": "INFO", "levelno": 20, "logger": "x", "message": "m"}])
    query = PAGE.replace(
        "node { id task status }", "node { id task status args log { message } virtualHost }"
    )
    sizes = {}
    for size in (2, 30):
        with CaptureQueriesContext(connection) as queries:
            gql(query, {"filter": {"status": "COMPLETED"}, "first": size})
        sizes[size] = len(queries)
    assert sizes[2] == sizes[30] == 1


DETAIL = """
query Detail($id: ID, $uuid: String, $level: LogLevel) {
  task(id: $id, uuid: $uuid) {
    id uuid task status queue exchange routingKey virtualHost priority
    publishTime startTime completionTime failureTime durationSeconds
    args kwargs argsText kwargsText output exception traceback
    log(minLevel: $level) { time level levelno logger message }
    attempts redelivered worker
  }
}
"""


def test_one_task_with_everything_the_monitor_shows(gql):
    start = timezone.now()
    log = make_log(
        status=MessageLog.FAILED,
        task="tests.tasks.fail",
        task_args=[True, 1, "test", {"foo": "bar"}],
        content={"flag": None},
        exchange="ex",
        routing_key="rk",
        priority=7,
        publish_time=start,
        start_time=start,
        failure_time=start + datetime.timedelta(seconds=1.5),
        exception="ValueError: boom",
        traceback="Traceback (most recent call last):\n  ...\nValueError: boom",
        log=[
            {"time": "t1", "level": "DEBUG", "levelno": 10, "logger": "carrot", "message": "dbg"},
            {"time": "t2", "level": "INFO", "levelno": 20, "logger": "carrot", "message": "about to fail"},
            {"time": "t3", "level": "ERROR", "levelno": 40, "logger": "carrot", "message": "err"},
        ],
        worker="host:1:Thread-1",
        attempts=2,
        redelivered=True,
    )
    task = gql(DETAIL, {"id": str(log.pk)})["task"]
    assert task["uuid"] == log.uuid
    assert (task["exchange"], task["routingKey"], task["priority"]) == ("ex", "rk", 7)
    assert task["durationSeconds"] == 1.5
    assert task["args"] == [True, 1, "test", {"foo": "bar"}]
    assert task["argsText"] == "True, 1, 'test', {'foo': 'bar'}"
    assert task["kwargs"] == {"flag": None} and task["kwargsText"] == '{"flag": null}'
    assert task["traceback"].endswith("ValueError: boom")
    assert (task["attempts"], task["redelivered"], task["worker"]) == (2, True, "host:1:Thread-1")
    assert [entry["message"] for entry in task["log"]] == ["dbg", "about to fail", "err"]
    warning_and_up = gql(DETAIL, {"uuid": log.uuid, "level": "WARNING"})["task"]["log"]
    assert [entry["message"] for entry in warning_and_up] == ["err"]
    assert gql(DETAIL, {"id": "999999"})["task"] is None
    assert gql(DETAIL, {"uuid": "nope"})["task"] is None


LIST_COLUMNS = """
query Columns($status: TaskListStatus!) {
  tasks(filter: {status: $status}) { edges { node { uuid argumentsSummary durationSeconds attempts } } }
}
"""


def test_list_rows_show_an_arguments_summary_the_duration_and_the_attempts(gql):
    start = timezone.now() - datetime.timedelta(minutes=1)
    make_log(
        status=MessageLog.COMPLETED,
        task_args=[42, "a@b.c"],
        content={"note": "x" * 500},  # one key: PostgreSQL's jsonb keeps keys in an order of its own
        publish_time=start,
        start_time=start + datetime.timedelta(seconds=1),
        completion_time=start + datetime.timedelta(seconds=3.25),
        attempts=2,
    )
    (row,) = [edge["node"] for edge in gql(LIST_COLUMNS, {"status": "COMPLETED"})["tasks"]["edges"]]
    assert row["argumentsSummary"].startswith("42, 'a@b.c', note='xxx")
    assert len(row["argumentsSummary"]) == 120 and row["argumentsSummary"].endswith("…")
    assert (row["durationSeconds"], row["attempts"]) == (2.25, 2)
    make_log(status=MessageLog.PUBLISHED, task_args=[], content={})
    (queued,) = [edge["node"] for edge in gql(LIST_COLUMNS, {"status": "QUEUED"})["tasks"]["edges"]]
    assert (queued["argumentsSummary"], queued["durationSeconds"], queued["attempts"]) == ("", None, 0)


@pytest.mark.parametrize(
    ("status", "times", "expected"),
    [
        (MessageLog.COMPLETED, {"start_time": 10, "completion_time": 12.5}, 2.5),
        (MessageLog.FAILED, {"start_time": 10, "failure_time": 11}, 1.0),
        # A retry's wait: the failed attempt's length.
        (MessageLog.RETRYING, {"start_time": 10, "failure_time": 14}, 4.0),
        # Running again after a failed attempt: that attempt's end is before this start.
        (MessageLog.IN_PROGRESS, {"start_time": 20, "failure_time": 14}, None),
        # Requeued by hand, then refused by the broker: the start is of a run before the requeue.
        (MessageLog.FAILED, {"start_time": 10, "publish_time": 30, "failure_time": 31}, None),
        # A completed run that failed once before holds no failure time, but take no chances.
        (MessageLog.COMPLETED, {"start_time": 20, "completion_time": 21, "failure_time": 14}, 1.0),
        (MessageLog.CANCELLED, {"start_time": 10, "cancelled_time": 15}, None),
        (MessageLog.COMPLETED, {"completion_time": 15}, None),  # a 1.x log without a start
    ],
)
def test_the_duration_is_of_the_last_run_that_ended(gql, status, times, expected):
    base = timezone.now() - datetime.timedelta(hours=1)
    fields = {"publish_time": 0, **times}
    log = make_log(
        status=status, **{name: base + datetime.timedelta(seconds=s) for name, s in fields.items()}
    )
    assert gql(DETAIL, {"id": str(log.pk)})["task"]["durationSeconds"] == expected


def test_a_1x_log_never_shows_the_broker_password(gql):
    log = make_log(virtual_host="amqp://carrot:s3cret@rabbit:5672/production")
    response = gql.post(DETAIL, {"id": str(log.pk)})
    assert response.json()["data"]["task"]["virtualHost"] == "production"
    assert b"s3cret" not in response.content


def test_counts_per_status_for_the_badges(gql):
    for status, n in ((MessageLog.PUBLISHED, 2), (MessageLog.IN_PROGRESS, 1), (MessageLog.FAILED, 3)):
        for _ in range(n):
            make_log(status=status, queue="other" if status == MessageLog.FAILED else "default")
    make_log(status=MessageLog.COMPLETED)
    ScheduledTask.objects.create(task="tests.tasks.add", task_name="every minute")
    query = """query($queue: String) {
      taskCounts(queue: $queue) { queued published inProgress failed completed scheduled }
    }"""
    with CaptureQueriesContext(connection) as queries:
        counts = gql(query)["taskCounts"]
    assert counts == {
        "queued": 3,
        "published": 2,
        "inProgress": 1,
        "failed": 3,
        "completed": 1,
        "scheduled": 1,
    }
    assert len(queries) == 2  # one grouped query for the logs, one count of scheduled tasks
    with CaptureQueriesContext(connection) as queries:
        gql("{ taskCounts { failed } }")
    assert len(queries) == 1  # scheduled tasks are counted only when asked for
    assert gql(query, {"queue": "other"})["taskCounts"]["failed"] == 3
    assert gql(query, {"queue": "default"})["taskCounts"]["failed"] == 0


def test_registered_tasks_for_the_drop_down(gql):
    tasks = gql("{ registeredTasks { path description } }")["registeredTasks"]
    paths = [task["path"] for task in tasks]
    assert "tests.tasks.add" in paths and "tests.tasks._private" not in paths
    assert paths == sorted(paths)
    sleep = next(task for task in tasks if task["path"] == "tests.tasks.sleep")
    assert sleep["description"].startswith("Sleep;")
