"""Poison never loops: text the database cannot store, results it refuses, handling that keeps failing.

Against the real RabbitMQ and database (run with ``CARROT_TEST_DB=postgres`` too: PostgreSQL is the
database that refuses NUL). Where a test needs the database to refuse a value, it adds a real
constraint to the log table for the test's duration (a ``CHECK`` on PostgreSQL, a trigger on SQLite,
which cannot add a ``CHECK`` to an existing table).
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext

from django.db import connection

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.publishing import TaskCall, publish_many
from carrot.utilities import publish_message
from carrot.values import NUL_REPLACEMENT
from tests import consumer_tasks, tasks
from tests import settings as test_settings
from tests.conftest import wait_for
from tests.integration.test_consumer import by_uuid, finished, publish_raw

TABLE = MessageLog._meta.db_table


@contextmanager
def refusing(name: str, condition: str) -> Iterator[None]:
    """Make the database refuse to insert or update a log for which ``condition`` holds.

    ``condition`` is SQL naming the row's columns as ``{row}column``.
    """
    with connection.cursor() as cursor:
        if test_settings.ENGINE == "postgres":
            check = condition.format(row="")
            cursor.execute(f"ALTER TABLE {TABLE} ADD CONSTRAINT {name} CHECK (NOT ({check}))")
            undo = [f"ALTER TABLE {TABLE} DROP CONSTRAINT {name}"]
        else:
            check = condition.format(row="NEW.")
            undo = []
            for event in ("INSERT", "UPDATE"):
                cursor.execute(
                    f"CREATE TRIGGER {name}_{event} BEFORE {event} ON {TABLE} WHEN {check} "
                    f"BEGIN SELECT RAISE(ABORT, '{name}: refused'); END"
                )
                undo.append(f"DROP TRIGGER {name}_{event}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in undo:
                cursor.execute(statement)


def queue_empty() -> bool:
    return broker.queue_state(get_settings().queue("default"))[0] == 0


def publish_group(bad: TaskCall, healthy: int = 8) -> tuple[MessageLog, list[MessageLog]]:
    """Publish ``bad`` among healthy tasks in one round, so the consumer saves them in the same group."""
    logs = publish_many([TaskCall(tasks.add, (i, 1)) for i in range(healthy // 2)] + [bad])
    logs += publish_many([TaskCall(tasks.add, (i, 2)) for i in range(healthy // 2)])
    return logs[healthy // 2], logs[: healthy // 2] + logs[healthy // 2 + 1 :]


def assert_completed_once(logs: list[MessageLog]) -> None:
    for log in logs:
        done = finished(log)
        assert (done.status, done.attempts, done.redelivered) == ("COMPLETED", 1, False)


def test_nul_in_a_task_s_output_and_log_is_stored_replaced(service):
    log, healthy = publish_group(TaskCall(consumer_tasks.nul_output))
    done = finished(log)
    assert (done.status, done.attempts) == ("COMPLETED", 1)
    assert done.output == f"<nul{NUL_REPLACEMENT}repr>"
    [entry] = done.log
    assert entry["message"] == f"line with {NUL_REPLACEMENT} NUL"
    assert entry["logger"] == f"carrot.nul{NUL_REPLACEMENT}logger"
    assert_completed_once(healthy)


def test_nul_in_a_task_s_exception_and_traceback_is_stored_replaced(service):
    log, healthy = publish_group(TaskCall(consumer_tasks.nul_failure))
    done = finished(log)
    assert (done.status, done.attempts) == ("FAILED", 1)
    assert done.exception == f"ValueError: bad {NUL_REPLACEMENT} byte"
    assert done.traceback.rstrip().endswith(f"ValueError: bad {NUL_REPLACEMENT} byte")
    assert_completed_once(healthy)


def test_a_foreign_message_with_nul_in_its_arguments_runs_with_a_storable_log(service):
    """Another producer's strict JSON may hold ``\\u0000``; the task gets it, the log a replacement."""
    message_id = str(uuid.uuid4())
    publish_raw(
        b'{"args": ["a\\u0000b"], "kwargs": {"k\\u0000": 1}}', {"type": "tests.tasks.echo"}, message_id
    )
    log = by_uuid(message_id)
    assert (log.status, log.attempts) == ("COMPLETED", 1)
    assert log.output == '{"args": ["a\\u0000b"], "kwargs": {"k\\u0000": 1}}'
    assert (log.task_args, log.content) == ([f"a{NUL_REPLACEMENT}b"], {f"k{NUL_REPLACEMENT}": 1})


def test_a_result_the_database_refuses_fails_alone_and_the_rest_of_its_group_is_saved_once(service):
    with refusing("carrot_test_refused_output", f"{{row}}output LIKE '%{consumer_tasks.REFUSED}%'"):
        log, healthy = publish_group(TaskCall(consumer_tasks.refused_output))
        done = finished(log)
        assert (done.status, done.attempts, done.output, done.log) == ("FAILED", 1, "", [])
        assert done.exception.startswith("Could not save the task's result: ")
        assert "carrot_test_refused_output" in done.exception
        assert_completed_once(healthy)
        wait_for(queue_empty, what="every message acked")


def test_a_message_whose_log_the_database_never_updates_is_given_up_after_max_deliveries(service, caplog):
    """Saving its result fails, and so does saving it FAILED: the recorder requeues that message alone.

    Its redelivery's start cannot be saved either, an unexpected error in handling it: after
    ``max_deliveries`` of those the consumer gives up on it and acks it, while its group's other
    tasks are saved once.
    """
    stuck = str(uuid.uuid4())
    MessageLog.objects.create(uuid=stuck, task="tests.tasks.add", task_args=[0, 0])
    with refusing("carrot_test_frozen_log", f"{{row}}uuid = '{stuck}' AND {{row}}status <> 'PUBLISHED'"):
        others = publish_many([TaskCall(tasks.add, (i, 3)) for i in range(4)])
        publish_raw(b'{"args": [0, 0]}', {"type": "tests.tasks.add"}, stuck)
        others += publish_many([TaskCall(tasks.add, (i, 4)) for i in range(4)])
        assert_completed_once(others)
        max_deliveries = get_settings().max_deliveries
        wait_for(lambda: f"{max_deliveries} times; giving up" in caplog.text, what="the consumer to give up")
        wait_for(queue_empty, what="the message to be acked")
        assert MessageLog.objects.get(uuid=stuck).status == "PUBLISHED"  # the database refused every change
    assert caplog.text.count(f"Unexpected error handling message {stuck}") == max_deliveries
    assert finished(publish_message(tasks.add, 1, 1)).output == "2"


def test_a_message_id_longer_than_the_log_s_column_is_given_up_after_max_deliveries(service, caplog):
    """PostgreSQL refuses a 250-character ``uuid`` (``varchar(200)``), so every delivery fails to create
    its log: an unexpected error. SQLite does not check lengths; the test adds the check there."""
    message_id = "x" * 250  # AMQP carries up to 255
    postgres = test_settings.ENGINE == "postgres"
    with nullcontext() if postgres else refusing("carrot_test_uuid_length", "length({row}uuid) > 200"):
        publish_raw(b'{"args": [1, 2]}', {"type": "tests.tasks.add"}, message_id)
        max_deliveries = get_settings().max_deliveries
        wait_for(lambda: f"{max_deliveries} times; giving up" in caplog.text, what="the consumer to give up")
        wait_for(queue_empty, what="the message to be acked")
    assert caplog.text.count(f"Unexpected error handling message {message_id}") == max_deliveries
    assert any(r.levelname == "ERROR" and "giving up" in r.getMessage() for r in caplog.records)
    assert finished(publish_message(tasks.add, 1, 1)).output == "2"
