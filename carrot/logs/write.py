"""Writing many :class:`~carrot.models.MessageLog` rows in a few statements.

``QuerySet.bulk_create`` spends about 140 µs a row preparing values field by field through the
query compiler, more than the database spends storing the row, and ``Model.save`` about as much for
an update. Publishing and the consumer's recorder write the same columns for every log, so these
build each row's values with one precomputed converter per column: new logs go in one
``INSERT ... RETURNING id`` per chunk (backends that cannot return ids from a bulk insert get
``bulk_create``), updates in one ``executemany``.

On PostgreSQL with psycopg 3 the rows go in by ``COPY``, with ids taken from the table's sequence
first: psycopg spent about 100 µs a row rewriting the query text of a 500-row ``VALUES`` list (10,500
placeholders), three times what the whole ``COPY`` takes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models

from carrot import database
from carrot.models import MessageLog

CHUNK = 500
"""Rows per statement: 500 x 29 columns stays under SQLite's and PostgreSQL's parameter limits."""
COPY_FROM = 20
"""Rows from which ``COPY`` beats a ``VALUES`` insert (it costs a second round trip for the ids)."""

Converter = Callable[[Any], Any]


def _converter(field: models.Field[Any, Any], connection: Any) -> Converter:
    """How one column's Python value becomes a query parameter on ``connection``."""
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else connection.ops.adapt_json_value(value, encoder)
    if isinstance(field, models.DateTimeField):
        return connection.ops.adapt_datetimefield_value
    return lambda value: value


def _columns(connection: Any, names: Sequence[str] | None = None) -> list[tuple[str, str, Converter]]:
    """``(attribute, quoted column, converter)`` of the named fields (default: all but the primary key)."""
    return [
        (field.attname, connection.ops.quote_name(field.column), _converter(field, connection))
        for field in MessageLog._meta.concrete_fields
        if (field.name in names if names is not None else not field.primary_key)
    ]


def insert_logs(logs: Sequence[MessageLog], using: str | None = None) -> None:
    """``INSERT`` ``logs`` (unsaved instances) and set their primary keys."""
    using = using or database.alias()
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:
        MessageLog.objects.using(using).bulk_create(logs)
        return
    columns = _columns(connection)
    with connection.cursor() as cursor:
        can_copy = hasattr(cursor.cursor, "copy")  # psycopg 3
        for start in range(0, len(logs), CHUNK):
            chunk = logs[start : start + CHUNK]
            insert = _insert_copy if can_copy and len(chunk) >= COPY_FROM else _insert_values
            for log, pk in zip(chunk, insert(cursor, connection, columns, chunk), strict=True):
                log.pk = pk
                log._state.adding = False
                log._state.db = using


def _names(connection: Any, columns: list[tuple[str, str, Converter]]) -> tuple[str, str, str]:
    """The quoted table, primary key column and column list of an insert."""
    table = connection.ops.quote_name(MessageLog._meta.db_table)
    pk_column = connection.ops.quote_name(MessageLog._meta.pk.column)
    return table, pk_column, ", ".join(column for _, column, _ in columns)


def _insert_values(
    cursor: Any, connection: Any, columns: list[tuple[str, str, Converter]], chunk: Sequence[MessageLog]
) -> list[int]:
    """One ``INSERT ... VALUES (...), (...) RETURNING id``; the ids come back in the rows' order."""
    table, pk_column, names = _names(connection, columns)
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    params = [convert(getattr(log, attname)) for log in chunk for attname, _, convert in columns]
    values = ", ".join([row] * len(chunk))
    # Identifiers quoted by the backend; every value is a parameter.
    cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values} RETURNING {pk_column}", params)  # noqa: S608
    return [pk for (pk,) in cursor.fetchall()]


def _insert_copy(
    cursor: Any, connection: Any, columns: list[tuple[str, str, Converter]], chunk: Sequence[MessageLog]
) -> list[int]:
    """Take ids from the table's sequence, then ``COPY`` the rows in with them (psycopg 3)."""
    table, pk_column, names = _names(connection, columns)
    cursor.execute(
        "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
        [MessageLog._meta.db_table, MessageLog._meta.pk.column, len(chunk)],
    )
    ids = [pk for (pk,) in cursor.fetchall()]
    # Identifiers quoted by the backend; the rows travel as COPY data. COPY is psycopg's own call, so its
    # errors are turned into Django's here (a refused row must reach callers as an IntegrityError).
    with (
        connection.wrap_database_errors,
        cursor.copy(f"COPY {table} ({pk_column}, {names}) FROM STDIN") as copy,
    ):
        for pk, log in zip(ids, chunk, strict=True):
            copy.write_row([pk, *(convert(getattr(log, attname)) for attname, _, convert in columns)])
    return ids


def update_logs(logs: Sequence[MessageLog], fields: Sequence[str], using: str | None = None) -> None:
    """Save ``fields`` of ``logs`` (saved instances): one ``UPDATE ... WHERE id = %s`` run for all."""
    using = using or database.alias()
    connection = connections[using]
    columns = _columns(connection, fields)
    table = connection.ops.quote_name(MessageLog._meta.db_table)
    pk_column = connection.ops.quote_name(MessageLog._meta.pk.column)
    assignments = ", ".join(f"{column} = %s" for _, column, _ in columns)
    rows = [[convert(getattr(log, attname)) for attname, _, convert in columns] + [log.pk] for log in logs]
    with connection.cursor() as cursor:
        # Identifiers quoted by the backend; every value is a parameter.
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s", rows)  # noqa: S608
