"""Carrot's tables in the run's test database rebuilt as an older release left them.

A test that uses :func:`carrot_tables` gets the test database with no carrot tables and no carrot
migration rows; it builds the state it needs (``migrate("0004_set_unique_task_name")`` is 1.5's
schema) and rows as that release wrote them. Afterwards the tables are rebuilt fresh for the next test.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.recorder import MigrationRecorder

OLD_2X_NAMES = ["0001_initial", "0002_failed_search_index", "0003_outbox", "0004_audit_and_roles"]
"""The migrations of this version before they were renamed to follow 1.x's."""


def drop_carrot_tables() -> None:
    """Drop every carrot table and forget carrot's migrations."""
    cascade = " CASCADE" if connection.vendor == "postgresql" else ""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            if table.startswith("carrot_"):
                cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}{cascade}")
    MigrationRecorder(connection).migration_qs.filter(app="carrot").delete()


def migrate(*args: str, stderr: io.StringIO | None = None) -> str:
    """``manage.py migrate carrot *args``, system checks included (``call_command`` skips them unless
    asked); returns what it printed (the conversion prints too). The checks' warnings go to ``stderr``."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        call_command(
            "migrate",
            "carrot",
            *args,
            stdout=out,
            stderr=stderr or io.StringIO(),
            verbosity=1,
            skip_checks=False,
        )
    return out.getvalue()


def recorded() -> set[str]:
    return set(MigrationRecorder(connection).migration_qs.filter(app="carrot").values_list("name", flat=True))


def record_only(names: list[str]) -> None:
    """Replace carrot's migration rows by ``names``, as an older release recorded them."""
    MigrationRecorder(connection).migration_qs.filter(app="carrot").delete()
    for name in names:
        MigrationRecorder(connection).record_applied("carrot", name)


def insert(table: str, **columns: Any) -> int:
    """One row written with SQL, column by column as the old release wrote it; returns its id."""
    names = ", ".join(connection.ops.quote_name(name) for name in columns)
    marks = ", ".join(["%s"] * len(columns))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {table} ({names}) VALUES ({marks}) RETURNING id", list(columns.values()))
        return cursor.fetchone()[0]


def schema() -> dict[str, Any]:
    """Carrot's tables as the database describes them: columns (type, null) and constraints."""
    described: dict[str, Any] = {}
    with connection.cursor() as cursor:
        for table in sorted(
            t for t in connection.introspection.table_names(cursor) if t.startswith("carrot_")
        ):
            columns = {
                c.name: (c.type_code, c.null_ok, c.internal_size)
                for c in connection.introspection.get_table_description(cursor, table)
            }
            constraints = connection.introspection.get_constraints(cursor, table)
            described[table] = {
                "columns": columns,
                "constraints": sorted(
                    (
                        tuple(column or "(expression)" for column in c["columns"]),
                        c["primary_key"],
                        c["unique"],
                        c["index"],
                        bool(c.get("check")),
                        name if name.startswith("carrot_") and not c["unique"] else "",
                    )
                    for name, c in constraints.items()
                ),
            }
    return described


@pytest.fixture
def carrot_tables(transactional_db: None) -> Iterator[None]:
    """The test database without carrot's tables; rebuilt fresh afterwards."""
    drop_carrot_tables()
    yield
    connection.close()  # a failed migration may leave the connection in a broken transaction
    drop_carrot_tables()
    migrate()
