"""Bulk requeue/delete of every matching task, at size, on the real database while others write to it.

Each action works through the matching logs in batches, each its own short transaction. These tests run
it over thousands of logs while a service consumes and writes the same table and another connection
keeps taking the database's write lock; and they stop it part-way with a real fault (another connection
holding the lock past the busy timeout on SQLite, or past ``lock_timeout`` on PostgreSQL): the payload
then says how many were done and why it stopped, and running it again does the rest, none twice.
"""

from __future__ import annotations

import contextlib
import logging
import random
import sqlite3
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import override_settings

from carrot import publishing
from carrot.models import MessageLog
from tests.api.conftest import UNREACHABLE_CARROT, depth
from tests.conftest import wait_for

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(180)]

REQUEUE = """
mutation($filter: TaskFilter) { requeueTasks(filter: $filter) { count errors { field message code } } }
"""
DELETE = REQUEUE.replace("requeueTasks", "deleteTasks")
FAILED = {"filter": {"status": "FAILED"}}
LOCK_WAIT_MS = 300
"""How long this test's own connection waits for a lock before giving up (instead of 30 s)."""


def failed_logs(count: int, queue: str, task: str = "tests.tasks.noop") -> list[int]:
    """Write ``count`` FAILED logs of ``task`` in ``queue``; returns their ids."""
    MessageLog.objects.bulk_create(
        MessageLog(
            uuid=str(uuid.uuid4()),
            task=task,
            status=MessageLog.FAILED,
            queue=queue,
            routing_key=queue,
            virtual_host="carrot-test",
            exception="ValueError: boom",
            traceback="tb",
        )
        for _ in range(count)
    )
    return list(MessageLog.objects.filter(queue=queue).order_by("pk").values_list("pk", flat=True))


def statuses(ids: list[int]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in MessageLog.objects.filter(pk__in=ids).values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _other_connection() -> Any:
    """A connection of its own to the test database (not Django's), autocommit."""
    if connection.vendor == "sqlite":
        return sqlite3.connect(connection.settings_dict["NAME"], timeout=30, isolation_level=None)
    import psycopg

    settings = connection.settings_dict
    return psycopg.connect(
        host=settings["HOST"],
        port=settings["PORT"],
        user=settings["USER"],
        dbname=settings["NAME"],
        autocommit=True,
    )


@contextlib.contextmanager
def busy_writer(row_ids: list[int]) -> Iterator[list[int]]:
    """Another connection writing the table in a loop, each time holding its write lock ~20 ms.

    On SQLite that is the database's one write lock (a transaction that read first and then writes
    while this is held fails at once, whatever the busy timeout); on PostgreSQL a row lock on one of
    ``row_ids`` at a time. Yields a one-item list counting its commits.
    """
    stop = threading.Event()
    commits = [0]
    failures: list[BaseException] = []

    def run() -> None:
        other = _other_connection()
        try:
            while not stop.is_set():
                pk = random.choice(row_ids)
                other.execute("BEGIN IMMEDIATE" if connection.vendor == "sqlite" else "BEGIN")
                other.execute(f"UPDATE carrot_messagelog SET priority = priority WHERE id = {int(pk)}")
                time.sleep(0.02)
                other.execute("COMMIT")
                commits[0] += 1
                time.sleep(0.003)
        except BaseException as exc:  # reported by the test, not lost in the thread
            failures.append(exc)
        finally:
            other.close()

    thread = threading.Thread(target=run, name="busy-writer", daemon=True)
    thread.start()
    wait_for(lambda: commits[0] or failures, what="the other writer to start")
    try:
        yield commits
    finally:
        stop.set()
        thread.join(10)
    assert not failures, failures


@contextlib.contextmanager
def short_lock_wait() -> Iterator[None]:
    """Django's connection (this thread's, which the test client's requests use) waits briefly for locks."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA busy_timeout = {LOCK_WAIT_MS}")
        else:
            cursor.execute(f"SET lock_timeout = '{LOCK_WAIT_MS}ms'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "sqlite":
                cursor.execute(
                    f"PRAGMA busy_timeout = {int(connection.settings_dict['OPTIONS']['timeout'] * 1000)}"
                )
            else:
                cursor.execute("SET lock_timeout = 0")


class TableLock:
    """Another connection holding the log table's write lock (SQLite: the database's) until released."""

    def __init__(self) -> None:
        self.other: Any = None

    def take(self) -> None:
        self.other = _other_connection()
        if connection.vendor == "sqlite":
            self.other.execute("BEGIN IMMEDIATE")
            self.other.execute("UPDATE carrot_messagelog SET priority = priority WHERE id = -1")
        else:
            self.other.execute("BEGIN")
            self.other.execute("LOCK TABLE carrot_messagelog IN EXCLUSIVE MODE")

    def release(self) -> None:
        if self.other is not None:
            self.other.execute("ROLLBACK")
            self.other.close()
            self.other = None


@pytest.fixture
def table_lock() -> Iterator[TableLock]:
    lock = TableLock()
    yield lock
    lock.release()


def lock_after_first_batch(monkeypatch: pytest.MonkeyPatch, lock: TableLock, name: str, module: Any) -> None:
    """Have ``module.name`` (the batch action) take ``lock`` from another connection once it returned once."""
    action: Callable[..., int] = getattr(module, name)
    calls = [0]

    def then_lock(*args: Any) -> int:
        done = action(*args)
        calls[0] += 1
        if calls[0] == 1:
            lock.take()
        return done

    monkeypatch.setattr(module, name, then_lock)


def warnings_about_stopping(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    api = ("carrot.schema", "carrot.views", "django", "graphql")  # not pika's own connection errors
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR and r.name.startswith(api)]
    return [r for r in caplog.records if r.name == "carrot.schema.tasks.mutations"]


def test_requeue_all_matching_thousands_with_the_service_running_requeues_each_once(gql, service):
    consumed = failed_logs(1200, "default")  # the service runs these meanwhile, writing their logs
    kept = failed_logs(1200, "idle")  # nobody consumes this queue: its depth counts the messages
    with busy_writer(consumed + kept) as commits:
        before = commits[0]
        result = gql(REQUEUE, FAILED)["requeueTasks"]
        # It holds its lock 20 ms of every 23 and keeps writing (a fast batch may end within one cycle).
        wait_for(lambda: commits[0] > before, what="the other writer to go on writing")
    assert result == {"count": 2400, "errors": []}
    assert statuses(kept) == {MessageLog.PUBLISHED: 1200}
    assert depth("idle") == 1200  # each sent once
    wait_for(lambda: statuses(consumed) == {MessageLog.COMPLETED: 1200}, 90, "the requeued tasks to run")
    assert set(MessageLog.objects.filter(pk__in=consumed).values_list("attempts", flat=True)) == {1}
    assert gql(REQUEUE, FAILED)["requeueTasks"] == {"count": 0, "errors": []}
    assert depth("idle") == 1200


def test_requeue_stopped_by_a_held_lock_says_how_many_and_a_retry_does_only_the_rest(
    gql, purge_queues, table_lock, monkeypatch, caplog
):
    ids = failed_logs(2500, "idle")
    lock_after_first_batch(monkeypatch, table_lock, "requeue", publishing)
    with short_lock_wait(), caplog.at_level(logging.WARNING):
        result = gql(REQUEUE, FAILED)["requeueTasks"]  # no GraphQL error: the payload says it
    (error,) = result["errors"]
    assert result["count"] == publishing.REQUEUE_BATCH == 1000
    assert error["code"] == "DATABASE_ERROR" and error["field"] is None
    assert "Stopped after 1000 task(s) were requeued" in error["message"]
    assert "lock" in error["message"]  # SQLite: database is locked; PostgreSQL: lock timeout
    (warning,) = warnings_about_stopping(caplog)
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert statuses(ids) == {MessageLog.PUBLISHED: 1000, MessageLog.FAILED: 1500}
    assert depth("idle") == 1000

    table_lock.release()
    monkeypatch.undo()
    assert gql(REQUEUE, FAILED)["requeueTasks"] == {"count": 1500, "errors": []}
    assert statuses(ids) == {MessageLog.PUBLISHED: 2500}
    assert depth("idle") == 2500  # the first 1,000 were not sent again


def test_delete_all_matching_thousands_with_the_service_running(gql, service):
    failed = failed_logs(2500, "idle")
    running = failed_logs(300, "default")
    MessageLog.objects.filter(pk__in=running).update(status=MessageLog.PUBLISHED)
    publishing.resend(list(MessageLog.objects.filter(pk__in=running)))  # the service writes these meanwhile
    with busy_writer(failed) as commits:
        before = commits[0]
        result = gql(DELETE, FAILED)["deleteTasks"]
        # It holds its lock 20 ms of every 23 and keeps writing (a fast delete may end within one cycle).
        wait_for(lambda: commits[0] > before, what="the other writer to go on writing")
    assert result == {"count": 2500, "errors": []}
    assert not MessageLog.objects.filter(pk__in=failed).exists()
    wait_for(lambda: statuses(running) == {MessageLog.COMPLETED: 300}, 60, "the other tasks to run")


def test_delete_stopped_by_a_held_lock_says_how_many_and_a_retry_does_the_rest(
    gql, table_lock, monkeypatch, caplog
):
    from carrot.logs import queries

    ids = failed_logs(2500, "default")
    lock_after_first_batch(monkeypatch, table_lock, "delete", queries)
    with short_lock_wait(), caplog.at_level(logging.WARNING):
        result = gql(DELETE, FAILED)["deleteTasks"]
    (error,) = result["errors"]
    assert result["count"] == queries.BULK_BATCH == 1000
    assert error["code"] == "DATABASE_ERROR"
    assert "Stopped after 1000 task(s) were deleted" in error["message"] and "lock" in error["message"]
    (warning,) = warnings_about_stopping(caplog)
    assert warning.levelno == logging.WARNING and warning.exc_info is None
    assert MessageLog.objects.filter(pk__in=ids).count() == 1500
    assert not MessageLog.objects.filter(pk__in=ids[:1000]).exists()  # the oldest batch went first

    table_lock.release()
    monkeypatch.undo()
    assert gql(DELETE, FAILED)["deleteTasks"] == {"count": 1500, "errors": []}
    assert not MessageLog.objects.filter(pk__in=ids).exists()


def test_requeue_stopped_by_the_broker_going_away_says_how_many_and_a_retry_sends_only_the_rest(
    gql, purge_queues, monkeypatch, caplog
):
    ids = failed_logs(2500, "default")
    action = publishing.requeue
    unreachable = override_settings(CARROT=UNREACHABLE_CARROT)  # the same queue, on a broker that is gone
    calls = [0]

    def broker_gone_after_first_batch(logs: Any) -> int:
        calls[0] += 1
        if calls[0] == 2:
            unreachable.enable()
        return action(logs)

    monkeypatch.setattr(publishing, "requeue", broker_gone_after_first_batch)
    try:
        with caplog.at_level(logging.WARNING):
            response = gql.post(REQUEUE, FAILED)
    finally:
        if calls[0] >= 2:
            unreachable.disable()
    result = response.json()["data"]["requeueTasks"]
    assert b"hunter2" not in response.content
    (error,) = result["errors"]
    assert result["count"] == 1000
    assert error["code"] == "BROKER_ERROR" and "Stopped after 1000 task(s) were requeued" in error["message"]
    assert [r.levelno for r in warnings_about_stopping(caplog)] == [logging.WARNING]
    assert statuses(ids) == {
        MessageLog.PUBLISHED: 1000,
        MessageLog.FAILED: 1500,
    }  # the batch not sent: FAILED
    assert depth() == 1000

    monkeypatch.undo()
    assert gql(REQUEUE, FAILED)["requeueTasks"] == {"count": 1500, "errors": []}
    assert statuses(ids) == {MessageLog.PUBLISHED: 2500}
    assert depth() == 2500
