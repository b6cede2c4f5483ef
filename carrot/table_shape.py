"""Which shape carrot's tables are in, django-carrot 1.x's or this version's, read from the database.

The migration history cannot tell: 1.x and the first releases of this version both recorded a
``carrot.0001_initial``, and Django counts this version's renamed migrations as applied on a
database that recorded their old names. So the migrations that convert 1.x tables wrap their
operations in :class:`WhenColumnMissing`, and the system checks (``carrot.database_checks``) look at
the columns. The tell-tale column is :data:`SINCE_2X`, which 1.x never had.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.operations.base import Operation

LOG_TABLE = "carrot_messagelog"
SCHEDULE_TABLE = "carrot_scheduledtask"
SINCE_2X = "virtual_host"
"""A column of ``carrot_messagelog`` that this version has and no 1.x release had."""


def columns(connection: BaseDatabaseWrapper, table: str) -> set[str] | None:
    """The column names of ``table``; ``None`` when there is no such table. May raise ``DatabaseError``.

    Two queries on every backend (Django's ``get_table_description`` takes a few per column on SQLite).
    """
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return None
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} WHERE 1 = 0")  # noqa: S608
        return {column[0] for column in cursor.description}


def lacks_column(connection: BaseDatabaseWrapper, table: str, column: str) -> bool:
    """Whether ``table`` exists without ``column``. May raise ``DatabaseError``."""
    found = columns(connection, table)
    return found is not None and column not in found


def is_1x(connection: BaseDatabaseWrapper) -> bool:
    """Whether carrot's log table exists in 1.x's shape (not converted). May raise ``DatabaseError``."""
    return lacks_column(connection, LOG_TABLE, SINCE_2X)


class WhenColumnMissing(Operation):
    """Migration operations that change the database only while ``table`` lacks ``column``.

    Their state changes always apply, so the migration state is the same whatever the tables were:
    on tables of this version (which a migration renamed from a 1.x name now finds) the operations
    are skipped, on 1.x tables they run in order, each from the state the one before left.
    Converting back to 1.x is not supported (Django refuses to migrate back through it).
    """

    reduces_to_sql = False
    reversible = False

    def __init__(self, table: str, column: str, operations: Sequence[Operation]) -> None:
        self.table = table
        self.column = column
        self.operations = list(operations)

    def state_forwards(self, app_label: str, state: Any) -> None:
        for operation in self.operations:
            operation.state_forwards(app_label, state)

    def database_forwards(self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any) -> None:
        if not lacks_column(schema_editor.connection, self.table, self.column):
            return
        state = from_state
        for operation in self.operations:
            following = state.clone()
            operation.state_forwards(app_label, following)
            operation.database_forwards(app_label, schema_editor, state, following)
            state = following

    def describe(self) -> str:
        inner = "; ".join(operation.describe() for operation in self.operations)
        return f"While {self.table} has no {self.column} column: {inner}"
