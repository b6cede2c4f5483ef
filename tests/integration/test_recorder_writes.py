"""How often the consumer writes a run's log, counted by the database itself.

The recorder writes on a thread and connection of its own, out of reach of ``CaptureQueriesContext``,
so a trigger records every ``UPDATE`` that sets a log's ``status`` or ``start_time`` (the run's
writes; the outbox's ``UPDATE`` of ``relay_after`` alone is not one of them).
"""

import time

import pytest
from django.db import connection

from carrot import recorder
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db(transaction=True)

TRIGGER_SQL = {
    "sqlite": [
        "CREATE TABLE test_run_write (seq INTEGER PRIMARY KEY, log_id INTEGER, status TEXT)",
        "CREATE TRIGGER test_count_run_writes AFTER UPDATE OF status, start_time ON carrot_messagelog "
        "BEGIN INSERT INTO test_run_write (log_id, status) VALUES (NEW.id, NEW.status); END",
    ],
    "postgresql": [
        "CREATE TABLE test_run_write (seq bigserial PRIMARY KEY, log_id bigint, status text)",
        "CREATE FUNCTION test_count_run_write() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "INSERT INTO test_run_write (log_id, status) VALUES (NEW.id, NEW.status); RETURN NEW; END $$",
        "CREATE TRIGGER test_count_run_writes AFTER UPDATE OF status, start_time ON carrot_messagelog "
        "FOR EACH ROW EXECUTE FUNCTION test_count_run_write()",
    ],
}
DROP_SQL = {
    "sqlite": ["DROP TRIGGER IF EXISTS test_count_run_writes", "DROP TABLE IF EXISTS test_run_write"],
    "postgresql": [
        "DROP TRIGGER IF EXISTS test_count_run_writes ON carrot_messagelog",
        "DROP FUNCTION IF EXISTS test_count_run_write()",
        "DROP TABLE IF EXISTS test_run_write",
    ],
}


@pytest.fixture
def run_writes(transactional_db):
    """``run_writes(log)``: the statuses written to ``log`` by each ``UPDATE`` of its run, in order."""

    def execute(statements):
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    execute(TRIGGER_SQL[connection.vendor])

    def writes(log):
        with connection.cursor() as cursor:
            cursor.execute("SELECT status FROM test_run_write WHERE log_id = %s ORDER BY seq", [log.pk])
            return [status for (status,) in cursor.fetchall()]

    try:
        yield writes
    finally:
        execute(DROP_SQL[connection.vendor])


def completed(logs):
    return MessageLog.objects.filter(pk__in=[log.pk for log in logs], status="COMPLETED").count() == len(logs)


def test_a_task_shorter_than_the_start_delay_is_written_once_and_a_longer_one_twice(run_writes, service):
    short = [publish_message(tasks.sleep, recorder.START_DELAY / 4) for _ in range(6)]
    long = publish_message(tasks.sleep, recorder.START_DELAY * 5)
    wait_for(lambda: completed([*short, long]), what="the tasks to complete")
    time.sleep(2 * recorder.START_DELAY)  # a start saved late would be written by now
    assert [run_writes(log) for log in short] == [["COMPLETED"]] * len(short)
    assert run_writes(long) == ["IN_PROGRESS", "COMPLETED"]  # the counter does see a start's write
