"""carrot.logs.queries on big tables: counts exact up to a limit, searches the planner can estimate.

The benchmark (``make bench-monitor``, docs/benchmarks-monitor.md) measures the speed; these tests
pin the behaviour that makes it: the cap on exact counts, the estimate beyond it, ILIKE on PostgreSQL.
"""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from carrot.logs import queries as log_queries
from carrot.models import MessageLog
from tests.api.conftest import make_log

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit_of_3(monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(log_queries, "EXACT_COUNT_LIMIT", 3)
    return 3


def test_counts_up_to_the_limit_are_exact_and_one_query(limit_of_3):
    for _ in range(3):
        make_log(status=MessageLog.FAILED)
    make_log(status=MessageLog.PUBLISHED)
    with CaptureQueriesContext(connection) as queries:
        counts = log_queries.counts()
    assert len(queries) == 1
    assert counts["failed"] == 3 and counts["queued"] == 1 and counts["completed"] == 0


def test_a_status_over_the_limit_is_estimated_on_postgresql_and_counted_elsewhere(limit_of_3):
    for _ in range(8):
        make_log(status=MessageLog.COMPLETED)
    make_log(status=MessageLog.FAILED)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE carrot_messagelog")
    with CaptureQueriesContext(connection) as queries:
        counts = log_queries.counts()
    assert counts["failed"] == 1
    if connection.vendor == "postgresql":
        assert [q["sql"].startswith("EXPLAIN") for q in queries.captured_queries] == [False, True]
        # The planner's figure, never below what was seen: more than the limit.
        assert counts["completed"] > 3
        assert 4 <= counts["completed"] <= 16
    else:
        assert counts["completed"] == 8


def test_an_estimate_keeps_the_filters(limit_of_3):
    for _ in range(5):
        make_log(status=MessageLog.COMPLETED, queue="other")
    make_log(status=MessageLog.COMPLETED, queue="default")
    counts = log_queries.counts(log_queries.TaskFilter(queue="default"))
    assert counts["completed"] == 1
    assert log_queries.counts(log_queries.TaskFilter(queue="other"))["completed"] >= 4


def test_search_is_case_insensitive_and_takes_like_wildcards_literally():
    rate = make_log(status=MessageLog.FAILED, exception="ValueError: 100% of quota_used")
    make_log(status=MessageLog.FAILED, exception="ValueError: 1000 of quotaXused")
    make_log(status=MessageLog.FAILED, task="tests.tasks.echo", task_args=["Mixed Case"])

    def found(text: str) -> list[int]:
        return [log.pk for log in log_queries.search(MessageLog.objects.order_by("id"), text)]

    assert found("100%") == [rate.pk]
    assert found("QUOTA_USED") == [rate.pk]
    assert len(found("mixed case")) == 1
    assert len(found("TESTS.TASKS.ECHO")) == 1


def test_search_is_ilike_on_the_task_path_and_lower_like_on_the_long_columns_on_postgresql():
    """The task path's ILIKE lets the planner use its statistics; LOWER() LIKE is faster on long text."""
    queryset = log_queries.search(MessageLog.objects.all(), "tests.tasks.add")
    sql = str(queryset.query)
    if connection.vendor == "postgresql":
        assert '"task" ILIKE' in sql and sql.count("ILIKE") == 1 and "UPPER(" not in sql
        assert sql.count(") LIKE LOWER(") == 3
    else:
        assert "ILIKE" not in sql


def test_a_search_page_is_one_query_that_finds_ids_first_and_pages_both_ways():
    logs = [make_log(status=MessageLog.FAILED, exception=f"ValueError: needle {i}") for i in range(5)]
    make_log(status=MessageLog.FAILED, exception="KeyError: other")
    newest_first = [log.pk for log in reversed(logs)]
    criteria = log_queries.TaskFilter(group=log_queries.FAILED, search="NEEDLE")
    with CaptureQueriesContext(connection) as queries:
        first = log_queries.page(criteria, first=2)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    assert " IN (SELECT " in sql and "COUNT" not in sql.upper()
    assert [log.pk for log in first.logs] == newest_first[:2] and first.has_next
    second = log_queries.page(criteria, first=2, after=first.end_cursor)
    assert [log.pk for log in second.logs] == newest_first[2:4] and second.has_next
    back = log_queries.page(criteria, last=2, before=second.start_cursor)
    assert [log.pk for log in back.logs] == newest_first[:2] and not back.has_previous


def test_the_failed_search_index_covers_what_search_reads():
    (index,) = [i for i in MessageLog._meta.indexes if i.name == "carrot_log_failed_search"]
    searched = {"task", "task_args", "content", "exception", "uuid"}
    assert set(index.include) == searched
    assert index.condition == Q(status=MessageLog.FAILED)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
def test_a_page_after_a_cursor_starts_reading_the_index_at_the_cursor():
    for _ in range(30):
        make_log(status=MessageLog.FAILED)
    criteria = log_queries.TaskFilter(group=log_queries.FAILED)
    first = log_queries.page(criteria, first=10)
    with CaptureQueriesContext(connection) as queries:
        log_queries.page(criteria, first=10, after=first.end_cursor)
    (sql,) = [q["sql"] for q in queries.captured_queries]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # a small table: ask for the index's plan
        cursor.execute("EXPLAIN " + sql)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    conditions = [line for line in plan.splitlines() if "Index Cond" in line]
    assert any("failure_time <=" in line for line in conditions), plan


def _fill_like_a_busy_table(rows: int, failed_every: int) -> None:
    """``rows`` logs copied in SQL from one written by Django, one in ``failed_every`` failed (with a
    traceback), spread over the table as a busy queue leaves them, with 40 task paths."""
    template = make_log(status=MessageLog.COMPLETED)
    generated = {
        "uuid": "'log-' || g",
        "task": "'billing.tasks.task_' || g %% 40",
        "status": f"CASE WHEN g %% {failed_every} = 0 THEN 'FAILED' ELSE 'COMPLETED' END",
        "exception": "repeat('Traceback ...' || chr(10) || 'ValueError: amount ' || g %% 7, 5)",
        "failure_time": "now() - g * interval '1 second'",
    }
    columns = [f.column for f in MessageLog._meta.concrete_fields if f.column != "id"]
    values = [generated.get(column, column) for column in columns]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO carrot_messagelog ({', '.join(columns)}) SELECT {', '.join(values)} "
            "FROM carrot_messagelog CROSS JOIN generate_series(1, %s) AS g WHERE id = %s",
            [rows, template.pk],
        )
        cursor.execute("ANALYZE carrot_messagelog")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="reads PostgreSQL's query plan")
def test_a_rare_search_in_the_failed_tab_finds_its_few_logs_in_the_trigram_index():
    _fill_like_a_busy_table(200_000, failed_every=20)
    rare = make_log(
        status=MessageLog.FAILED,
        task="legal.tasks.archive_contract",
        task_args=["contract-8812"],
        content={"invoice": "INV-77-unpaid"},
        exception="QuotaExceeded: the archive is full",
    )
    for needle in ("legal.tasks.archive_contract", "contract-8812", "inv-77-unpaid", "QuotaExceeded"):
        criteria = log_queries.TaskFilter(group=log_queries.FAILED, search=needle)
        with CaptureQueriesContext(connection) as queries:
            assert [log.pk for log in log_queries.page(criteria, first=20).logs] == [rare.pk]
        (sql,) = [q["sql"] for q in queries.captured_queries]
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert "Bitmap Index Scan on carrot_log_failed_trigrams" in plan, (needle, plan)
