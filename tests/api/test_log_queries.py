"""carrot.logs.queries, the domain logic behind the task lists, called directly (as from the shell)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from carrot.errors import CarrotError
from carrot.logs import queries as log_queries
from carrot.models import MessageLog
from tests.api.conftest import make_log

pytestmark = pytest.mark.django_db


def test_cursors_are_opaque_and_checked():
    cursor = log_queries.encode_cursor(123)
    assert "123" not in cursor
    assert log_queries.decode_cursor(cursor) == 123
    for bad in ("", "abc", log_queries.encode_cursor(1)[:-2] + "!!", "dXNlcjox"):  # the last is "user:1"
        with pytest.raises(log_queries.InvalidCursorError):
            log_queries.decode_cursor(bad)


def test_a_page_reads_one_row_more_than_it_returns_and_never_counts():
    for _ in range(5):
        make_log(status=MessageLog.FAILED)
    with CaptureQueriesContext(connection) as queries:
        page = log_queries.page(log_queries.TaskFilter(group=log_queries.FAILED), first=2)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert "COUNT" not in sql.upper() and "OFFSET" not in sql.upper()
    assert len(page.logs) == 2 and page.has_next and not page.has_previous


def test_counts_are_one_grouped_query_with_groups():
    make_log(status=MessageLog.PUBLISHED)
    make_log(status=MessageLog.IN_PROGRESS)
    make_log(status=MessageLog.FAILED, task="tests.tasks.fail")
    with CaptureQueriesContext(connection) as queries:
        counts = log_queries.counts()
    assert len(queries) == 1
    assert counts["queued"] == 2 and counts[MessageLog.IN_PROGRESS] == 1 and counts["completed"] == 0
    assert log_queries.counts(log_queries.TaskFilter(task="tests.tasks.fail"))["failed"] == 1
    assert log_queries.counts(log_queries.TaskFilter(task="tests.tasks.add"))["failed"] == 0


def test_stuck_tasks_by_queue_and_age():
    old = make_log(status=MessageLog.PUBLISHED, publish_time=timezone.now() - datetime.timedelta(hours=2))
    make_log(status=MessageLog.IN_PROGRESS, publish_time=timezone.now())
    make_log(
        status=MessageLog.PUBLISHED, queue="other", publish_time=timezone.now() - datetime.timedelta(hours=2)
    )
    make_log(status=MessageLog.FAILED)
    assert log_queries.stuck().count() == 3
    assert list(log_queries.stuck("default", datetime.timedelta(hours=1))) == [old]


def test_unknown_groups_and_sizes_are_refused():
    with pytest.raises(CarrotError, match="status group"):
        log_queries.filtered(log_queries.TaskFilter(group="lost"))
    with pytest.raises(CarrotError, match="at least 1"):
        log_queries.page(log_queries.TaskFilter(), first=-5)
    assert log_queries.page_size(10**6) == log_queries.MAX_PAGE_SIZE


def test_by_ids_takes_database_ids_and_uuids():
    a, b, _ = make_log(), make_log(), make_log()
    assert set(log_queries.by_ids([str(a.pk), b.uuid])) == {a, b}
