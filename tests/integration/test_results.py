"""carrot.result() against the real broker, database and a running consumer, on SQLite and PostgreSQL."""

import json
import subprocess
import sys
import threading
import time
import uuid

import pytest
from django.db import connection, connections, transaction

import carrot
from carrot import results
from carrot.errors import CarrotError, ResultTimeout, TaskFailed
from carrot.models import MessageLog
from carrot.publishing import publish_message
from tests import tasks
from tests.conftest import subprocess_env, wait_for

pytestmark = pytest.mark.django_db(transaction=True)

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="LISTEN/NOTIFY is PostgreSQL's; SQLite waiters poll"
)


def listening_sessions() -> int:
    """PostgreSQL sessions of waiters (by their ``application_name``)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND application_name = %s",
            [results.APPLICATION_NAME],
        )
        return cursor.fetchone()[0]


def unconsumed_log(status: str) -> MessageLog:
    """A log no consumer will run (nothing is sent for it), in ``status``."""
    return MessageLog.objects.create(task="tests.tasks.noop", uuid=str(uuid.uuid4()), status=status)


def test_returns_the_output_decoded_from_json_by_log_uuid_and_id(service):
    log = publish_message(tasks.echo, 1, "two", key={"nested": [3]})
    expected = {"args": [1, "two"], "kwargs": {"key": {"nested": [3]}}}
    assert carrot.result(log, timeout=20) == expected
    assert carrot.result(log.uuid, timeout=1) == expected
    assert carrot.result(uuid.UUID(log.uuid), timeout=1) == expected
    assert carrot.result(log.pk, timeout=1) == expected


def test_none_is_none_and_a_value_json_cannot_hold_is_its_repr_text(service):
    nothing, opaque = publish_message(tasks.noop), publish_message(tasks.returns_object)
    assert carrot.result(nothing, timeout=20) is None
    text = carrot.result(opaque, timeout=20)
    assert text.startswith("<object object at 0x")


def test_a_failed_task_raises_task_failed_with_the_remote_exception(service):
    log = publish_message(tasks.fail, "remote trouble")
    failed = r"tests\.tasks\.fail \(.*\) failed: ValueError: remote trouble"
    with pytest.raises(TaskFailed, match=failed) as raised:
        carrot.result(log, timeout=20)
    assert raised.value.status == MessageLog.FAILED
    assert raised.value.exception == "ValueError: remote trouble"


def test_a_cancelled_task_raises_task_failed_saying_so(transactional_db):
    log = unconsumed_log(MessageLog.CANCELLED)
    with pytest.raises(TaskFailed, match="was cancelled") as raised:
        carrot.result(log, timeout=1)
    assert raised.value.status == MessageLog.CANCELLED


def test_a_task_still_running_times_out_and_its_result_comes_later(service):
    log = publish_message(tasks.sleep, 1.0)
    with pytest.raises(TimeoutError, match=r"did not finish within 0\.3 s") as raised:
        carrot.result(log, timeout=0.3)
    assert isinstance(raised.value, ResultTimeout)
    assert carrot.result(log) == 1.0


@pytest.mark.parametrize("status", [*MessageLog.WAITING_STATUSES, *MessageLog.QUEUED_STATUSES])
def test_unfinished_statuses_are_waited_for(transactional_db, status):
    with pytest.raises(ResultTimeout, match=f"it is {status}"):
        carrot.result(unconsumed_log(status), timeout=0.1)


def test_an_unknown_task_or_a_bad_argument_is_a_clear_error(transactional_db):
    with pytest.raises(CarrotError, match="No task log has the uuid 'no-such-id'"):
        carrot.result("no-such-id", timeout=1)
    with pytest.raises(CarrotError, match="No task log has the id 987654321"):
        carrot.result(987654321, timeout=1)
    with pytest.raises(CarrotError, match="timeout must be None or a number of seconds >= 0"):
        carrot.result(unconsumed_log(MessageLog.COMPLETED), timeout=-1)
    with pytest.raises(CarrotError, match="takes a MessageLog, its uuid or its id"):
        carrot.result(1.5)


@on_postgres
def test_a_waiter_wakes_on_the_notification_not_the_safety_interval(service, monkeypatch):
    monkeypatch.setattr(results, "SAFETY_INTERVAL", 60.0)
    log = publish_message(tasks.sleep, 0.5)
    began = time.monotonic()
    assert carrot.result(log, timeout=10) == 0.5
    waited = time.monotonic() - began
    assert 0.4 < waited < 5, waited  # it waited for the run, and not until the 60 s interval or the timeout


def test_a_waiter_reads_its_log_a_few_times_not_in_a_busy_loop(service, monkeypatch):
    reads = []

    def counted(fetch):
        return lambda self, *args: reads.append(args) or fetch(self, *args)

    for watch in (results._Listening, results._Polling):
        monkeypatch.setattr(watch, "fetch", counted(watch.fetch))
    assert carrot.result(publish_message(tasks.sleep, 1.0), timeout=20) == 1.0
    # PostgreSQL: the first read and one per notification naming it; SQLite: 20 ms doubling to 1 s
    assert len(reads) <= (3 if connection.vendor == "postgresql" else 12), len(reads)


def test_results_from_several_threads_at_once_and_no_session_left_open(service):
    logs = [publish_message(tasks.sleep, 1.5 + i / 10) for i in range(4)]
    got: dict[int, object] = {}

    def wait(log: MessageLog) -> None:
        got[log.pk] = carrot.result(log, timeout=20)

    threads = [threading.Thread(target=wait, args=(log,)) for log in logs]
    for thread in threads:
        thread.start()
    if connection.vendor == "postgresql":  # one listening connection per waiting call
        wait_for(lambda: listening_sessions() == len(logs), timeout=1.4, what="every waiter to listen")
    for thread in threads:
        thread.join(30)
    assert got == {log.pk: 1.5 + i / 10 for i, log in enumerate(logs)}
    if connection.vendor == "postgresql":  # a closed session's server process ends a moment later
        wait_for(lambda: listening_sessions() == 0, timeout=5, what="every waiter's session to end")


def finish_later(log: MessageLog, after: float, **fields: object) -> threading.Thread:
    """Change ``log`` (no notification: as a cancel or an operator would) ``after`` seconds from now, or
    delete it when no ``fields`` are given."""

    def change() -> None:
        time.sleep(after)
        rows = MessageLog.objects.filter(pk=log.pk)
        if fields:
            rows.update(**fields)
        else:
            rows.delete()
        connection.close()

    thread = threading.Thread(target=change)
    thread.start()
    return thread


def test_a_result_written_without_a_notification_is_found_by_the_safety_reread(transactional_db, monkeypatch):
    monkeypatch.setattr(results, "SAFETY_INTERVAL", 0.3)
    log = unconsumed_log(MessageLog.PUBLISHED)
    writer = finish_later(log, 0.2, status=MessageLog.COMPLETED, output='"late"')
    began = time.monotonic()
    assert carrot.result(log, timeout=10) == "late"
    assert time.monotonic() - began < 5  # found by a re-read, not at the timeout
    writer.join()


def test_a_log_deleted_while_waited_for_is_a_clear_error(transactional_db, monkeypatch):
    monkeypatch.setattr(results, "SAFETY_INTERVAL", 0.3)
    log = unconsumed_log(MessageLog.PUBLISHED)
    deleter = finish_later(log, 0.2)
    with pytest.raises(CarrotError, match="was deleted while waiting for its result"):
        carrot.result(log, timeout=10)
    deleter.join()


def test_inside_the_transaction_that_published_it_the_task_is_not_there_yet(service):
    with transaction.atomic():
        log = publish_message(tasks.noop)
        with pytest.raises(CarrotError, match="No task log has the id"):
            carrot.result(log, timeout=1)
    assert carrot.result(log, timeout=20) is None


WAIT_IN_ANOTHER_PROCESS = """
import json, sys, django
django.setup()
import carrot
print(json.dumps(carrot.result(sys.argv[1], timeout=20)))
"""


def test_another_process_waits_for_the_result(service):
    log = publish_message(tasks.echo, "from afar")
    done = subprocess.run(
        [sys.executable, "-c", WAIT_IN_ANOTHER_PROCESS, log.uuid],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == {"args": ["from afar"], "kwargs": {}}


@on_postgres
def test_one_notification_names_the_finished_tasks_and_an_oversized_one_names_none(transactional_db):
    import psycopg

    def logs(count: int, status: str = MessageLog.COMPLETED, first: int = 10_000) -> list[MessageLog]:
        return [MessageLog(pk=first + i, status=status) for i in range(count)]

    params = {**connection.get_connection_params(), "autocommit": True}
    with psycopg.connect(**params) as listener:
        listener.execute(f"LISTEN {results.CHANNEL}")

        def sent(group: list[MessageLog]) -> list[str]:
            with transaction.atomic():
                results.notify(group)
            return [note.payload for note in listener.notifies(timeout=0.3)]

        assert sent([*logs(2), *logs(1, MessageLog.CANCELLED, 20), *logs(2, MessageLog.RETRYING, 30)]) == [
            "10000,10001,20"
        ]
        assert sent(logs(2, MessageLog.RETRYING)) == []  # a retry waits on: nobody to wake
        assert sent(logs(2000)) == [""]  # 12,000 bytes of ids: past the limit, "everyone re-read"


@on_postgres
def test_a_waiter_wakes_when_its_queued_task_is_cancelled_not_at_the_safety_interval(
    transactional_db, monkeypatch
):
    monkeypatch.setattr(results, "SAFETY_INTERVAL", 60.0)
    log = unconsumed_log(MessageLog.DELAYED)
    cancelling = threading.Timer(0.5, lambda: (carrot.cancel(log.uuid), connections.close_all()))
    began = time.monotonic()
    cancelling.start()
    with pytest.raises(TaskFailed, match="was cancelled"):
        carrot.result(log, timeout=10)
    assert time.monotonic() - began < 5  # woken by the cancel's notification, not the 60 s interval
    cancelling.join()
