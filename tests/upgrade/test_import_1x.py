"""``manage.py carrot_import_1x``: copying a real 1.x database's history into ours.

The source is a SQLite file or a fresh PostgreSQL database with django-carrot 1.5's tables
(:mod:`tests.upgrade.onex_schema`) and rows as 1.5 wrote them; the destination is the test database
(SQLite or PostgreSQL by ``CARROT_TEST_DB``). The values' conversion is :mod:`carrot.legacy`'s; here the
command's part: what it copies, skips, renames and prints, and that it writes nothing when it should not.
"""

from __future__ import annotations

import datetime
import io
import json
import subprocess
import sys
import uuid
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError, connection, connections
from django.utils.connection import ConnectionDoesNotExist

from carrot import legacy
from carrot.legacy_database import LegacyDatabase
from carrot.logs import imported
from carrot.models import MessageLog, ScheduledTask
from tests.conftest import subprocess_env
from tests.settings import POSTGRES
from tests.upgrade.onex_schema import OneXDatabase, drop_postgres, postgres_1x, sqlite_1x

UTC = datetime.timezone.utc
T0 = datetime.datetime(2024, 3, 1, 12, 0, 0, 250000, tzinfo=UTC)
SECOND = datetime.timedelta(seconds=1)

LOGS: list[dict[str, Any]] = [
    {
        "status": "COMPLETED",
        "queue": "default",
        "exchange": "",
        "routing_key": "default",
        "uuid": "11111111-0000-0000-0000-000000000001",
        "priority": 0,
        "task": "tests.tasks.add",
        "task_args": "(0, 10)",
        "content": "{}",
        "output": "10",
        "log": "MainThread 2024-03-01 12:00:01,000 INFO:: Starting task tests.tasks.add",
        "publish_time": T0,
        "completion_time": T0 + SECOND,
    },
    {
        "status": "FAILED",
        "queue": "default",
        "exchange": "",
        "routing_key": "default",
        "uuid": "11111111-0000-0000-0000-000000000002",
        "priority": 3,
        "task": "tests.tasks.fail",
        "task_args": "()",
        "content": '{"message": "boom"}',
        "exception": "boom",
        "traceback": 'Traceback (most recent call last):\n  File "x", line 1\nValueError: boom',
        "publish_time": T0,
        "failure_time": T0 + 2 * SECOND,
    },
    {
        "status": "PUBLISHED",
        "queue": "default",
        "uuid": "11111111-0000-0000-0000-000000000003",
        "priority": 0,
        "task": "tests.tasks.echo",
        "task_args": "('a', [1, 2])",
        "publish_time": T0 + 3 * SECOND,
    },
    {
        "status": "IN_PROGRESS",
        "queue": "default",
        "uuid": "11111111-0000-0000-0000-000000000004",
        "priority": 0,
        "task": "tests.tasks.echo",
        "task_args": "(datetime.datetime(2020, 1, 1, 0, 0),)",
        "content": '"{}"',
        "publish_time": T0 + 4 * SECOND,
    },
    {  # 1.x never made uuids unique: the first log with a uuid is the one copied.
        "status": "COMPLETED",
        "queue": "default",
        "uuid": "11111111-0000-0000-0000-000000000001",
        "priority": 0,
        "task": "tests.tasks.add",
        "task_args": "(1, 1)",
        "content": "{}",
        "publish_time": T0 + 5 * SECOND,
        "completion_time": T0 + 6 * SECOND,
    },
]
SCHEDULES: list[dict[str, Any]] = [
    {
        "interval_type": "seconds",
        "interval_count": 30,
        "queue": "default",
        "routing_key": "default",
        "exchange": "",
        "task": "tests.tasks.add",
        "task_args": "1, 2",
        "content": '"{}"',
        "active": True,
        "task_name": "adder",
    },
    {  # 1.x's task_name was never unique, and create_scheduled_task took 'weeks'
        "interval_type": "weeks",
        "interval_count": 2,
        "queue": "default",
        "task": "tests.tasks.noop",
        "content": '{"x": 1}',
        "active": True,
        "task_name": "adder",
    },
    {  # nameless, as 1.x's migration 0003 left tasks it did not see
        "interval_type": "minutes",
        "interval_count": 5,
        "queue": None,
        "task": "tests.tasks.chatty",
        "content": None,
        "active": False,
        "task_name": None,
    },
]


def _sqlite_source(tmp_path: Any) -> tuple[OneXDatabase, str]:
    path = tmp_path / "carrot-1x.sqlite3"
    return sqlite_1x(str(path)), f"sqlite:///{path}"


@pytest.fixture(params=["sqlite", "postgres"])
def onex(request: pytest.FixtureRequest, tmp_path: Any) -> Iterator[tuple[OneXDatabase, str]]:
    """A 1.5 database with :data:`LOGS` and :data:`SCHEDULES`, and its URL."""
    if request.param == "sqlite":
        database, url = _sqlite_source(tmp_path)
        name = None
    else:
        name = f"carrot_1x_{uuid.uuid4().hex[:10]}"
        database = postgres_1x(name)
        url = f"postgres://{POSTGRES['user']}@{POSTGRES['host']}:{POSTGRES['port']}/{name}"
    database.insert_logs(LOGS)
    database.insert_schedules(SCHEDULES)
    yield database, url
    database.close()
    if name is not None:
        drop_postgres(name)


def run_import(*args: str, **options: Any) -> str:
    out = io.StringIO()
    call_command("carrot_import_1x", *args, stdout=out, **options)
    return out.getvalue()


def _ids(database: OneXDatabase, table: str) -> list[int]:
    cursor = database.connection.cursor()
    cursor.execute(f"SELECT id FROM {table} ORDER BY id")
    return [pk for (pk,) in cursor.fetchall()]


@pytest.mark.django_db
def test_a_dry_run_prints_the_plan_and_writes_nothing(onex):
    database, url = onex
    out = run_import("--url", url, "--dry-run")

    assert MessageLog.objects.count() == 0 and ScheduledTask.objects.count() == 0
    assert "Dry run: nothing will be written" in out and out.rstrip().endswith(
        "Dry run: nothing was written."
    )
    assert "Task logs: 5 in the 1.x database" in out
    assert "would be copied: 4 (1 COMPLETED, 1 FAILED, 1 IN_PROGRESS, 1 PUBLISHED)" in out
    assert "skipped: 1 (1 duplicate uuid in the 1.x database)" in out
    assert "Scheduled tasks: 3 in the 1.x database" in out
    assert "would be copied: 3 (2 renamed (duplicate or missing name in 1.x), 1 under its 1.x name)" in out
    # Every conversion note, named by the 1.x row it is about.
    log_ids, schedule_ids = _ids(database, "carrot_messagelog"), _ids(database, "carrot_scheduledtask")
    for pk, row in zip(log_ids[:4], LOGS[:4], strict=True):
        for problem in legacy.log_fields(row).problems:
            assert f"task log {pk} ({row['uuid']}): {problem}" in out
    assert "task log 4" in out  # the datetime argument is one of them
    for pk, row in zip(schedule_ids, SCHEDULES, strict=True):
        for problem in legacy.schedule_fields(row).problems:
            assert f"scheduled task {pk} ({row['task_name']!r}): {problem}" in out
    assert f"shares its name 'adder' in 1.x: named 'adder-{schedule_ids[1]}'" in out
    assert "has no name in 1.x: named 'tests.tasks.chatty'" in out
    assert "task logs: 5 of 5 read, 4 to copy, 1 skipped" in out


@pytest.mark.django_db
def test_the_import_copies_converted_logs_and_scheduled_tasks(onex):
    database, url = onex
    out = run_import("--url", url)

    assert "copied: 4 (1 COMPLETED, 1 FAILED, 1 IN_PROGRESS, 1 PUBLISHED)" in out
    logs = {log.uuid: log for log in MessageLog.objects.all()}
    assert len(logs) == 4
    done = logs[LOGS[0]["uuid"]]
    assert (done.status, done.task, done.task_args, done.content, done.output) == (
        "COMPLETED",
        "tests.tasks.add",
        [0, 10],
        {},
        "10",
    )
    assert (done.publish_time, done.completion_time) == (T0, T0 + SECOND)  # the first of the two
    assert [entry["message"] for entry in done.log] == ["Starting task tests.tasks.add"]
    failed = logs[LOGS[1]["uuid"]]
    assert (failed.status, failed.priority, failed.content, failed.task_args) == (
        "FAILED",
        3,
        {"message": "boom"},
        [],
    )
    assert failed.failure_time == T0 + 2 * SECOND and failed.traceback.endswith("ValueError: boom")
    published = logs[LOGS[2]["uuid"]]
    assert (published.status, published.task_args, published.exchange, published.relay_after) == (
        "PUBLISHED",
        ["a", [1, 2]],
        "",
        None,  # not handed to the outbox: the 1.x message is in the queue already
    )
    assert logs[LOGS[3]["uuid"]].task_args == [LOGS[3]["task_args"]]  # not literals: kept as one string

    schedule_ids = _ids(database, "carrot_scheduledtask")
    schedules = {s.task_name: s for s in ScheduledTask.objects.all()}
    assert set(schedules) == {"adder", f"adder-{schedule_ids[1]}", "tests.tasks.chatty"}
    adder, weekly, nameless = (
        schedules["adder"],
        schedules[f"adder-{schedule_ids[1]}"],
        schedules["tests.tasks.chatty"],
    )
    assert (adder.task, adder.task_args, adder.content, adder.interval_count, adder.active) == (
        "tests.tasks.add",
        ["1", "2"],
        {},
        30,
        True,
    )
    assert (weekly.task, weekly.interval_type, weekly.interval_count, weekly.content) == (
        "tests.tasks.noop",
        "days",
        14,
        {"x": 1},
    )
    assert (nameless.active, nameless.queue, nameless.interval_type) == (False, "default", "minutes")
    assert all(s.next_run_at is not None for s in schedules.values())  # the scheduler will run them
    assert "2 scheduled task(s) copied active" in out


@pytest.mark.django_db
def test_a_second_run_copies_nothing(onex):
    _, url = onex
    run_import("--url", url)
    before = sorted(MessageLog.objects.values_list("id", "uuid", "status"))
    out = run_import("--url", url)

    assert sorted(MessageLog.objects.values_list("id", "uuid", "status")) == before
    assert ScheduledTask.objects.count() == 3
    assert out.count("copied: 0") == 2
    assert "skipped: 5 (4 already here, 1 duplicate uuid in the 1.x database)" in out
    assert "skipped: 3 (3 already here)" in out
    assert "conversion notes: 0" in out and "task log " not in out  # nothing copied, nothing to note


@pytest.mark.django_db
def test_a_log_already_here_is_kept(onex):
    """A consumer of this version ran a 1.5 message during the switch and wrote its own log for it."""
    _, url = onex
    ours = MessageLog.objects.create(
        uuid=LOGS[2]["uuid"], task="tests.tasks.echo", status="COMPLETED", output="ours"
    )
    out = run_import("--url", url)

    ours.refresh_from_db()
    assert (ours.status, ours.output) == ("COMPLETED", "ours")
    assert MessageLog.objects.filter(uuid=LOGS[2]["uuid"]).count() == 1
    assert "copied: 3 (1 COMPLETED, 1 FAILED, 1 IN_PROGRESS)" in out
    assert "skipped: 2 (1 already here, 1 duplicate uuid in the 1.x database)" in out


@pytest.mark.django_db
def test_a_log_written_here_during_the_import_is_kept(onex, monkeypatch):
    """The uuid check and the insert race with a running consumer: the batch is retried, not failed."""
    _, url = onex
    ours = MessageLog.objects.create(uuid=LOGS[0]["uuid"], task="tests.tasks.add", status="IN_PROGRESS")
    real, calls = imported.present_uuids, []

    def blind_once(uuids, using):
        calls.append(1)
        return set() if len(calls) == 1 else real(uuids, using)  # the consumer wrote it just after

    monkeypatch.setattr(imported, "present_uuids", blind_once)
    out = run_import("--url", url)

    assert len(calls) == 2
    ours.refresh_from_db()
    assert ours.status == "IN_PROGRESS"
    assert MessageLog.objects.count() == 4
    assert "skipped: 2 (1 already here, 1 duplicate uuid in the 1.x database)" in out


@pytest.mark.django_db
def test_a_scheduled_task_name_taken_here(onex):
    database, url = onex
    ScheduledTask.objects.create(task_name="adder", task="tests.tasks.echo", interval_count=60)
    ScheduledTask.objects.create(
        task_name="tests.tasks.chatty", task="tests.tasks.chatty", interval_type="hours", interval_count=1
    )
    out = run_import("--url", url)

    first = _ids(database, "carrot_scheduledtask")[0]
    # Another task has the name: the 1.x one comes in under a predictable new name.
    assert ScheduledTask.objects.get(task_name=f"adder-1x-{first}").task == "tests.tasks.add"
    assert ScheduledTask.objects.get(task_name="adder").task == "tests.tasks.echo"
    assert f"the name 'adder' is taken here by another task: imported as 'adder-1x-{first}'" in out
    # The same task with the same arguments: imported already (e.g. made by create_scheduled_task).
    assert ScheduledTask.objects.get(task_name="tests.tasks.chatty").interval_type == "hours"
    assert ScheduledTask.objects.count() == 4
    assert "skipped: 1 (1 already here)" in out

    again = run_import("--url", url)
    assert ScheduledTask.objects.count() == 4
    assert "skipped: 3 (3 already here)" in again


@pytest.mark.django_db
def test_batches_stream_with_progress(onex):
    _, url = onex
    out = run_import("--url", url, "--batch-size", "2")

    progress = [line for line in out.splitlines() if line.startswith("task logs:")]
    assert progress == [
        "task logs: 2 of 5 read, 2 copied, 0 skipped",
        "task logs: 4 of 5 read, 4 copied, 0 skipped",
        "task logs: 5 of 5 read, 4 copied, 1 skipped",
    ]
    assert MessageLog.objects.count() == 4


@pytest.mark.django_db
def test_a_failed_batch_stops_the_import_and_keeps_the_batches_before(tmp_path):
    database, url = _sqlite_source(tmp_path)
    database.insert_logs(LOGS)

    class DropsTheTable(io.StringIO):
        """The 1.x table disappears once the first batch is in (as when its server is lost)."""

        def write(self, text: str) -> int:
            if text.startswith("task logs: 2 of"):
                database.connection.execute("DROP TABLE carrot_messagelog")
                database.connection.commit()
            return super().write(text)

    with pytest.raises(CommandError, match=r"Reading carrot_messagelog from the SQLite database .* failed"):
        call_command("carrot_import_1x", "--url", url, "--batch-size", "2", stdout=DropsTheTable())
    assert MessageLog.objects.count() == 2


def _alias_entry(database: OneXDatabase, url: str) -> dict[str, Any]:
    """The ``DATABASES`` entry a project would write for the 1.x database at ``url``."""
    if database.vendor == "sqlite":
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": url.removeprefix("sqlite:///")}
    name = url.rsplit("/", 1)[1]
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        **{k.upper(): v for k, v in POSTGRES.items()},
    }


def _import_by_alias(entry: dict[str, Any]) -> str:
    """Run ``manage.py carrot_import_1x --database-alias onex`` with ``entry`` as that alias; its output."""
    finished = subprocess.run(
        [sys.executable, "-m", "django", "carrot_import_1x", "--database-alias", "onex"],
        env=subprocess_env(
            DJANGO_SETTINGS_MODULE="tests.upgrade.import_settings", CARROT_TEST_1X_DATABASE=json.dumps(entry)
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 0, finished.stderr
    return finished.stdout


@pytest.mark.django_db(transaction=True)
def test_a_database_alias_names_the_source(onex):
    """As a user runs it: ``manage.py`` with the 1.x database in DATABASES; exit status 0."""
    database, url = onex
    out = _import_by_alias(_alias_entry(database, url))
    assert "(alias 'onex')" in out
    assert "copied: 4 (1 COMPLETED, 1 FAILED, 1 IN_PROGRESS, 1 PUBLISHED)" in out
    assert MessageLog.objects.count() == 4 and ScheduledTask.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_the_alias_time_zone_reads_times_of_a_1x_project_without_use_tz(tmp_path):
    """1.x with ``USE_TZ = False`` wrote local times to SQLite; the alias's ``TIME_ZONE`` says which."""
    database, url = _sqlite_source(tmp_path)
    paris = T0.astimezone(zoneinfo.ZoneInfo("Europe/Paris")).replace(tzinfo=None)
    database.insert_logs([{**LOGS[0], "publish_time": paris.isoformat(" "), "completion_time": None}])
    _import_by_alias({**_alias_entry(database, url), "TIME_ZONE": "Europe/Paris"})
    assert MessageLog.objects.get().publish_time == T0


def _this_database_url() -> str:
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


@pytest.mark.django_db
def test_a_2x_database_is_refused_with_a_pointer_to_migrate():
    with pytest.raises(CommandError, match=r"already has django-carrot 2's tables.*python manage.py migrate"):
        run_import("--url", _this_database_url())
    with pytest.raises(CommandError, match=r"'default' is the database the import writes to.*migrate"):
        run_import("--database-alias", "default")


@pytest.mark.django_db
def test_a_database_without_carrot_tables_is_refused(tmp_path):
    path = tmp_path / "other.sqlite3"
    import sqlite3

    sqlite3.connect(path).execute("CREATE TABLE other (id integer)").connection.close()
    with pytest.raises(
        CommandError, match=r"is not a django-carrot 1\.x database: it has no table carrot_messagelog"
    ):
        run_import("--url", f"sqlite:///{path}")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        (
            "sqlite:////nowhere/carrot-1x.sqlite3",
            "Cannot reach the 1.x database: there is no SQLite file at /nowhere",
        ),
        (
            "postgres://postgres@127.0.0.1:1/carrot",
            r"Cannot reach the 1.x database \(postgresql database 'carrot'",
        ),
        ("postgres://postgres@127.0.0.1:5432/no_such_db_1x", "Cannot reach the 1.x database.*no_such_db_1x"),
        ("mysql://root@127.0.0.1/carrot", "Cannot read a database URL starting 'mysql'"),
    ],
)
@pytest.mark.django_db
def test_an_unreachable_source_is_a_clear_error(url, message):
    with pytest.raises(CommandError, match=message):
        run_import("--url", url)


def test_the_command_exits_non_zero_with_the_message():
    finished = subprocess.run(
        [
            sys.executable,
            "-m",
            "django",
            "carrot_import_1x",
            "--url",
            "postgres://postgres:secret@127.0.0.1:1/x",
        ],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 1
    assert finished.stderr.startswith("CommandError: Cannot reach the 1.x database (postgresql database 'x'")
    assert "secret" not in finished.stderr + finished.stdout


@pytest.mark.django_db
def test_a_source_named_by_url_is_opened_read_only(onex):
    _, url = onex
    source = LegacyDatabase.from_url(url)
    try:
        with pytest.raises(DatabaseError, match=r"read-?only"), source.connection.cursor() as cursor:
            cursor.execute("DELETE FROM carrot_messagelog")
    finally:
        source.close()
    with pytest.raises(ConnectionDoesNotExist):  # nothing left behind among the project's connections
        connections[source.connection.alias]


@pytest.mark.django_db
def test_a_scheduled_task_too_long_to_schedule_is_reported_not_imported(tmp_path):
    database, url = _sqlite_source(tmp_path)
    database.insert_schedules([{**SCHEDULES[0], "interval_type": "days", "interval_count": 2_000_000_000}])
    out = run_import("--url", url)
    assert ScheduledTask.objects.count() == 0
    assert "every 2,000,000,000 days is too long to schedule: not imported" in out
    assert "skipped: 1 (1 interval too long to schedule)" in out


def test_the_batch_size_is_a_whole_number_from_1():
    with pytest.raises(CommandError, match="--batch-size: must be a whole number from 1, got '0'"):
        run_import("--url", "sqlite:////nowhere.db", "--batch-size", "0")
