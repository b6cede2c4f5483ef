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


@pytest.mark.parametrize(
    ("group", "status", "time_field"),
    [
        (log_queries.FAILED, MessageLog.FAILED, "failure_time"),
        (log_queries.COMPLETED, MessageLog.COMPLETED, "completion_time"),
        (log_queries.CANCELLED, MessageLog.CANCELLED, "cancelled_time"),
    ],
)
def test_ended_lists_are_newest_first_by_the_time_they_show_and_page_by_it(group, status, time_field):
    now = timezone.now()
    # Inserted oldest id first, but the first one ended last (e.g. it was requeued and failed again);
    # two share a time, so the id breaks the tie.
    minutes = [0, 5, 3, 3, 1]
    logs = [make_log(status=status, **{time_field: now - datetime.timedelta(minutes=m)}) for m in minutes]
    expected = [logs[i].pk for i in (0, 4, 3, 2, 1)]
    criteria = log_queries.TaskFilter(group=group)
    first = log_queries.page(criteria, first=2)
    second = log_queries.page(criteria, first=2, after=first.end_cursor)
    third = log_queries.page(criteria, first=2, after=second.end_cursor)
    assert [log.pk for log in first.logs + second.logs + third.logs] == expected
    assert not third.has_next
    back = log_queries.page(criteria, last=2, before=third.start_cursor)
    assert [log.pk for log in back.logs] == expected[2:4]
    with pytest.raises(log_queries.InvalidCursorError):  # a cursor of another list
        log_queries.page(log_queries.TaskFilter(group=log_queries.WAITING), first=2, after=first.end_cursor)
