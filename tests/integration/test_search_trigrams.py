"""The failed tab's trigram index on PostgreSQL: made by ``migrate`` where ``pg_trgm`` may be installed,
and left out, with a warning and nothing else broken, where it may not."""

import importlib
import logging

import pytest
from django.apps import apps
from django.db import connection

from carrot.logs import queries as log_queries
from carrot.models import MessageLog
from tests import settings as test_settings
from tests.api.conftest import make_log

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's"),
]

trigrams = importlib.import_module("carrot.migrations.0015_failed_search_trigrams")
ROLE = f"carrot_no_create_{test_settings.RUN}"


def run(operation) -> None:
    with connection.schema_editor(atomic=False) as editor:
        operation(apps, editor)


def sql(statement: str) -> list[tuple]:
    with connection.cursor() as cursor:
        cursor.execute(statement)
        return cursor.fetchall() if cursor.description else []


def index_exists() -> bool:
    return bool(sql(f"SELECT 1 FROM pg_indexes WHERE indexname = '{trigrams.INDEX}'"))


@pytest.fixture
def without_pg_trgm():
    """The extension gone (its index with it), as on a database where it was never installed."""
    sql("DROP EXTENSION pg_trgm CASCADE")
    yield
    sql("RESET ROLE")
    run(trigrams.create)
    assert index_exists()


def test_the_migration_made_the_index_and_undoing_and_redoing_it_works():
    assert index_exists()
    run(trigrams.drop)
    assert not index_exists()
    run(trigrams.create)
    assert index_exists()


def test_a_database_user_who_may_not_install_pg_trgm_gets_a_warning_and_a_working_search(
    without_pg_trgm, caplog
):
    sql(f"CREATE ROLE {ROLE}")
    try:
        sql(f"SET ROLE {ROLE}")
        with caplog.at_level(logging.WARNING, logger="carrot.migrations"):
            run(trigrams.create)
    finally:
        sql("RESET ROLE")
        sql(f"DROP ROLE {ROLE}")
    assert not index_exists()
    (record,) = caplog.records
    assert "pg_trgm" in record.getMessage() and "permission denied" in record.getMessage()
    assert "CREATE EXTENSION pg_trgm" in record.getMessage()
    failed = make_log(status=MessageLog.FAILED, exception="QuotaExceeded: the archive is full")
    criteria = log_queries.TaskFilter(group=log_queries.FAILED, search="quotaexceeded")
    assert [log.pk for log in log_queries.page(criteria, first=20).logs] == [failed.pk]


def test_pg_trgm_installed_in_a_schema_of_its_own_is_found(without_pg_trgm):
    sql("CREATE SCHEMA carrot_extensions")
    try:
        sql("CREATE EXTENSION pg_trgm SCHEMA carrot_extensions")
        run(trigrams.create)
        (definition,) = sql(f"SELECT indexdef FROM pg_indexes WHERE indexname = '{trigrams.INDEX}'")
        assert "carrot_extensions.gin_trgm_ops" in definition[0]
    finally:
        sql("DROP SCHEMA carrot_extensions CASCADE")
