"""``manage.py migrate`` converts a django-carrot 1.x database in place, and leaves a 2.x one alone.

Each test rebuilds carrot's tables in the run's test database (SQLite or PostgreSQL, by
``CARROT_TEST_DB``) as a release left them, with rows written column by column as that release wrote
them, then migrates.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.db import connection, models
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from carrot import scheduler
from carrot.models import (
    AuditEntry,
    MessageLog,
    QueuePause,
    ScheduledTask,
    TaskRollup,
    TaskSpanRollup,
    TaskTotal,
    TokenRevocation,
    Worker,
)
from tests.api.conftest import GraphQL, take
from tests.upgrade.carrot_tables import (  # noqa: F401 - carrot_tables is a fixture
    OLD_2X_NAMES,
    carrot_tables,
    drop_carrot_tables,
    insert,
    migrate,
    record_only,
    recorded,
    schema,
)

pytestmark = [pytest.mark.timeout(180), pytest.mark.usefixtures("carrot_tables")]

AT_15 = "0004_set_unique_task_name"
PUBLISHED = timezone.make_aware(datetime.datetime(2020, 1, 1, 12, 0))
LOG_TEXT = "\n".join(
    [
        "default-1  2020-01-01 12:00:00,123 INFO:: Starting task tests.tasks.add",
        "default-1  2020-01-01 12:00:00,456 ERROR:: it went wrong",
        "Traceback (most recent call last):",
        "default-1  2020-01-01 12:00:01,000 INFO:: Task tests.tasks.add completed with response 10",
    ]
)


def log_15(**columns):
    """A carrot_messagelog row as 1.5's ``Message.publish`` and consumer wrote it."""
    row = {
        "status": "PUBLISHED",
        "exchange": "",
        "queue": "default",
        "routing_key": "default",
        "uuid": f"uuid-{columns.get('task_args')}-{columns.get('status')}",
        "priority": 0,
        "task": "tests.tasks.add",
        "task_args": "()",
        "content": "{}",
        "exception": None,
        "traceback": None,
        "output": None,
        "publish_time": PUBLISHED,
        "failure_time": None,
        "completion_time": None,
        "log": None,
    }
    return insert("carrot_messagelog", **{**row, **columns})


def schedule_15(**columns):
    """A carrot_scheduledtask row as 1.5's ``create_scheduled_task`` or its monitor wrote it."""
    row = {
        "interval_type": "seconds",
        "interval_count": 5,
        "exchange": None,
        "routing_key": "default",
        "queue": "default",
        "task": "tests.tasks.add",
        "task_args": None,
        "content": '"{}"',
        "active": True,
        "task_name": None,
    }
    return insert("carrot_scheduledtask", **{**row, **columns})


def as_serial(table):
    """Make ``table``'s id a ``serial`` column, as Django 2.x (1.x's era) created it on PostgreSQL."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN id DROP IDENTITY")
        cursor.execute(f"CREATE SEQUENCE {table}_id_seq OWNED BY {table}.id")
        cursor.execute(f"ALTER TABLE {table} ALTER COLUMN id SET DEFAULT nextval('{table}_id_seq')")


def database_at_15():
    migrate(AT_15)
    as_serial("carrot_messagelog")
    as_serial("carrot_scheduledtask")


def fresh_schema():
    drop_carrot_tables()
    migrate()
    return schema()


# -- 1.5 -------------------------------------------------------------------------------------------


def test_a_15_database_is_converted_with_every_value_and_the_schema_of_a_fresh_install():
    database_at_15()
    ids = {
        "published": log_15(task_args="(0, 10)", content='{"retry": false}'),
        "running": log_15(status="IN_PROGRESS", task_args="()", content=None),
        "failed": log_15(
            status="FAILED",
            task_args="('a', {'b': 1})",
            exception="division by zero",
            traceback="Traceback (most recent call last):\nZeroDivisionError",
            failure_time=PUBLISHED,
            log=LOG_TEXT,
        ),
        "completed": log_15(
            status="COMPLETED",
            task_args="(datetime.datetime(2020, 1, 1, 0, 0),)",
            output="10",
            completion_time=PUBLISHED,
            exchange=None,
            queue=None,
            routing_key=None,
        ),
        "listed": log_15(status="COMPLETED", task_args="[1, 'two']", uuid="same"),
        "same_uuid": log_15(status="FAILED", uuid="same"),
    }
    weekly = schedule_15(interval_type="weeks", interval_count=2, task_args="1, 2", task_name="report")
    twin = schedule_15(task_name="report", content='{"a": 1}')
    unnamed = schedule_15(task_name=None, queue=None, routing_key=None)
    before = timezone.now()

    printed = migrate()

    logs = {name: MessageLog.objects.get(pk=pk) for name, pk in ids.items()}
    assert (logs["published"].task_args, logs["published"].content) == ([0, 10], {"retry": False})
    assert (logs["running"].task_args, logs["running"].content) == ([], {})
    failed = logs["failed"]
    assert (failed.status, failed.task_args, failed.exception) == (
        "FAILED",
        ["a", {"b": 1}],
        "division by zero",
    )
    assert failed.failure_time == PUBLISHED
    assert [(e["level"], e["message"]) for e in failed.log] == [
        ("INFO", "Starting task tests.tasks.add"),
        ("ERROR", "it went wrong\nTraceback (most recent call last):"),
        ("INFO", "Task tests.tasks.add completed with response 10"),
    ]
    completed = logs["completed"]
    assert completed.task_args == ["(datetime.datetime(2020, 1, 1, 0, 0),)"]
    assert (completed.output, completed.queue, completed.exchange, completed.routing_key) == (
        "10",
        "",
        "",
        "",
    )
    assert (completed.exception, completed.traceback, completed.log) == ("", "", [])
    assert logs["listed"].task_args == [1, "two"]
    # Ended without their end time (1.x stopped mid-way): their lists order them by the publish time.
    assert logs["listed"].completion_time == logs["same_uuid"].failure_time == PUBLISHED
    assert (logs["listed"].uuid, logs["same_uuid"].uuid) == ("same", f"same-{ids['same_uuid']}")
    assert {log.status for log in logs.values()} == {"PUBLISHED", "IN_PROGRESS", "FAILED", "COMPLETED"}

    tasks = {pk: ScheduledTask.objects.get(pk=pk) for pk in (weekly, twin, unnamed)}
    assert (tasks[weekly].task_name, tasks[weekly].interval_type, tasks[weekly].interval_count) == (
        "report",
        "days",
        14,
    )
    assert (tasks[weekly].task_args, tasks[weekly].content) == (["1", "2"], {})
    assert (tasks[twin].task_name, tasks[twin].content) == (f"report-{twin}", {"a": 1})
    assert (tasks[unnamed].task_name, tasks[unnamed].queue, tasks[unnamed].routing_key) == (
        "tests.tasks.add",
        "default",
        "",
    )
    for task in tasks.values():
        assert before + task.interval <= task.next_run_at <= timezone.now() + task.interval
        assert task.last_run_at is None

    assert "Converted django-carrot 1.x data:" in printed
    assert "task logs: 6 (1 PUBLISHED, 1 IN_PROGRESS, 2 FAILED, 2 COMPLETED)" in printed
    assert (
        f"task log {ids['completed']} (tests.tasks.add): positional arguments "
        "'(datetime.datetime(2020, 1, 1, 0, 0),)' are not literals: kept as one string"
    ) in printed
    assert f"task log {ids['same_uuid']}: uuid -> 'same-{ids['same_uuid']}'" in printed
    assert f"scheduled task {weekly} (tests.tasks.add): every 2 weeks became every 14 days" in printed
    assert "positional arguments '1, 2' stay the strings ['1', '2'] 1.x passed" in printed
    assert f"scheduled task {twin}: 'report' -> 'report-{twin}'" in printed
    assert f"scheduled task {unnamed}: None -> 'tests.tasks.add'" in printed

    new = MessageLog.objects.create(uuid="after", task="tests.tasks.add")  # ids go on from 1.x's
    assert new.pk > max(ids.values())
    converted = schema()
    assert converted == fresh_schema()


def test_converted_logs_show_in_the_api_and_a_failed_one_requeues(client, purge_queues):
    database_at_15()
    failed = log_15(status="FAILED", task_args="(0, 10)", content='{"flag": true}', exception="boom")
    statuses = ["PUBLISHED", "IN_PROGRESS", "COMPLETED"]
    others = [log_15(status=status, uuid=status) for status in statuses]
    named = schedule_15(task_name="every five", task_args="1, 2")
    migrate()

    gql = GraphQL(client)
    query = "query($id: ID) { task(id: $id) { status args kwargs exception log { message } } }"
    assert gql(query, {"id": str(failed)})["task"] == {
        "status": "FAILED",
        "args": [0, 10],
        "kwargs": {"flag": True},
        "exception": "boom",
        "log": [],
    }
    assert [gql(query, {"id": str(pk)})["task"]["status"] for pk in others] == statuses
    scheduled = gql("{ scheduledTasks { id taskName args nextRunAt } }")["scheduledTasks"]
    assert [(s["id"], s["taskName"], s["args"]) for s in scheduled] == [
        (str(named), "every five", ["1", "2"])
    ]
    assert scheduled[0]["nextRunAt"]

    requeue = "mutation($id: ID!) { requeueTask(id: $id) { task { status } errors { message } } }"
    assert gql(requeue, {"id": str(failed)})["requeueTask"] == {"task": {"status": "PUBLISHED"}, "errors": []}
    properties, body = take()
    assert (properties.message_id, body) == (
        MessageLog.objects.get(pk=failed).uuid,
        {"args": [0, 10], "kwargs": {"flag": True}},
    )


def test_a_converted_schedule_runs_with_the_strings_1x_passed(purge_queues):
    database_at_15()
    pk = schedule_15(task_name="sum", task_args="1, 2", interval_type="minutes", interval_count=1)
    migrate()
    task = ScheduledTask.objects.get(pk=pk)
    assert scheduler.publish_due(task.next_run_at + scheduler.SPREAD) == 1
    properties, body = take()
    assert properties.headers["type"] == "tests.tasks.add" and body == {"args": ["1", "2"], "kwargs": {}}


def test_a_database_half_upgraded_by_an_earlier_2x_migrate_is_converted():
    """Before its migrations followed 1.x's names, this version's ``migrate`` found ``0001_initial``
    applied on a 1.5 database, added its index, outbox column and audit tables to the 1.x tables and
    printed OK: the tables stayed 1.x's."""
    database_at_15()
    pk = log_15(status="FAILED", task_args="(1,)")
    schedule_15(task_name="x")
    migrate("0007_audit_and_roles")
    record_only([*recorded() - {"0005_failed_search_index", "0006_outbox", "0007_audit_and_roles"}])
    assert recorded() == {
        "0001_initial",
        "0002_add_task_name",
        "0003_populate_task_name",
        AT_15,
        *OLD_2X_NAMES[1:],
    }

    printed = migrate()

    assert "Applying carrot.0008_convert_from_1x...\n" in printed and "task logs: 1 (1 FAILED)" in printed
    assert MessageLog.objects.get(pk=pk).task_args == [1]
    converted = schema()
    assert converted == fresh_schema()


# -- 1.1 and 1.0 -----------------------------------------------------------------------------------


def test_a_11_database_with_only_its_first_migration_is_converted():
    migrate("0001_initial")
    as_serial("carrot_scheduledtask")
    log = log_15(status="COMPLETED", task_args="(3,)")
    first = insert(
        "carrot_scheduledtask", interval_type="hours", interval_count=1, task="tests.tasks.add", active=True
    )
    second = insert(
        "carrot_scheduledtask", interval_type="hours", interval_count=2, task="tests.tasks.add", active=False
    )
    migrate()
    assert MessageLog.objects.get(pk=log).task_args == [3]
    names = dict(ScheduledTask.objects.values_list("pk", "task_name"))
    assert names == {first: "tests.tasks.add", second: f"tests.tasks.add-{second}"}
    assert not ScheduledTask.objects.get(pk=second).active


def test_a_10_database_without_migration_rows_converts_with_fake_initial():
    migrate("0001_initial")
    record_only([])
    log = log_15(status="FAILED", task_args="('x',)")
    with pytest.raises(Exception, match="carrot_messagelog"):  # the tables exist: CreateModel fails
        migrate()
    connection.close()
    printed = migrate("--fake-initial")
    assert "Applying carrot.0001_initial... FAKED" in printed
    assert MessageLog.objects.get(pk=log).task_args == ["x"]


# -- 2.x and fresh ---------------------------------------------------------------------------------


SINCE_RENAMING = {
    MessageLog: ["eta", "max_retries", "retries", "history", "cancelled_time"],
    ScheduledTask: ["cron", "timezone"],
}
"""The columns of the migrations added after the renaming (``0009_task_lifecycle``)."""
NEW_COLUMNS = [name for names in SINCE_RENAMING.values() for name in names]
NEW_MODELS = [Worker, TaskRollup, TaskTotal, QueuePause, TaskSpanRollup]
"""The tables of the migrations added after the renaming (``0010_workers``, ``0012_metrics``,
``0013_pause_and_quiet``, ``0014_span_rollups``)."""
NEW_INDEXES = ["carrot_log_completed_time", "carrot_log_cancelled_time", "carrot_log_failed_search"]
OLD_INDEXES = [
    models.Index(fields=["status", "completion_time"], name="carrot_log_status_done"),
    models.Index(
        fields=["-id"],
        include=["task", "task_args", "content", "exception", "uuid"],
        condition=models.Q(status="FAILED"),
        name="carrot_log_failed_search",
    ),
]
"""The log indexes changed after the renaming (``0011_list_time_order``): the new ones, the old ones."""


def a_2x_database(names):
    """A database of this version as its migrations' old names recorded it, with a log and a schedule."""
    migrate()
    log = MessageLog.objects.create(uuid="2x", task="tests.tasks.add", task_args=[1], content={"a": 1})
    task = ScheduledTask.objects.create(task="tests.tasks.add", task_name="2x", task_args=["x"])
    with connection.schema_editor() as editor:
        for index in MessageLog._meta.indexes:
            if index.name in NEW_INDEXES:
                editor.remove_index(MessageLog, index)
        for index in OLD_INDEXES:
            editor.add_index(MessageLog, index)
        for model, fields in SINCE_RENAMING.items():
            for name in fields:
                editor.remove_field(model, model._meta.get_field(name))
        for new_model in NEW_MODELS:
            editor.delete_model(new_model)
    record_only(names)
    return log, task


def rows(log, task, *missing):
    """The two rows' values (but the ``missing`` columns)."""
    return tuple(
        model.objects.filter(pk=row.pk)
        .values(*[f.attname for f in model._meta.concrete_fields if f.name not in missing])
        .get()
        for model, row in ((MessageLog, log), (ScheduledTask, task))
    )


def test_django_counts_the_renamed_migrations_applied_on_a_2x_database():
    """Django's loader marks a replacing migration applied when all it replaces are recorded; the
    1.x-named ones, the conversion and later migrations are then planned; the conversion changes nothing."""
    a_2x_database(OLD_2X_NAMES)
    executor = MigrationExecutor(connection)
    executor.loader.check_consistent_history(connection)
    applied = {name for app, name in executor.loader.applied_migrations if app == "carrot"}
    assert applied >= {"0001_initial", "0005_failed_search_index", "0006_outbox", "0007_audit_and_roles"}
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    assert [m.name for m, backwards in plan if m.app_label == "carrot"] == [
        "0002_add_task_name",
        "0003_populate_task_name",
        AT_15,
        "0008_convert_from_1x",
        "0009_task_lifecycle",
        "0010_workers",
        "0011_list_time_order",
        "0012_metrics",
        "0013_pause_and_quiet",
        "0014_span_rollups",
        "0015_failed_search_trigrams",
    ]


def test_a_2x_database_migrates_with_no_change():
    log, task = a_2x_database(OLD_2X_NAMES)
    kept = rows(log, task, *NEW_COLUMNS)
    printed = migrate()
    assert "Converted" not in printed
    assert (schema(), rows(log, task, *NEW_COLUMNS)) == (fresh_schema(), kept)
    assert "Applying carrot.0008_convert_from_1x... OK" in printed
    again = migrate()
    assert "No migrations to apply." in again and "'carrot'" not in again


def test_a_2x_database_at_its_old_second_migration_gets_the_rest():
    log, task = a_2x_database(OLD_2X_NAMES[:2])
    with connection.schema_editor() as editor:  # undo the old 0003_outbox and 0004_audit_and_roles
        editor.remove_index(
            MessageLog, next(i for i in MessageLog._meta.indexes if i.name == "carrot_log_outbox")
        )
        editor.remove_field(MessageLog, MessageLog._meta.get_field("relay_after"))
        editor.delete_model(AuditEntry)
        editor.delete_model(TokenRevocation)
    kept = rows(log, task, "relay_after", *NEW_COLUMNS)
    printed = migrate()
    assert "Applying carrot.0006_outbox... OK" in printed and "Converted" not in printed
    assert rows(log, task, "relay_after", *NEW_COLUMNS) == kept
    converted = schema()
    assert converted == fresh_schema()


def test_a_fresh_install_prints_no_conversion_and_matches_the_models():
    printed = migrate()
    assert "Applying carrot.0008_convert_from_1x... OK" in printed and "Converted" not in printed
    call_command("makemigrations", "carrot", "--check", "--dry-run", verbosity=0)  # exits 1 on a change
    log = MessageLog.objects.create(uuid="fresh", task="tests.tasks.add", task_args=[{"a": [1]}])
    assert json.loads(json.dumps(MessageLog.objects.get(pk=log.pk).task_args)) == [{"a": [1]}]
