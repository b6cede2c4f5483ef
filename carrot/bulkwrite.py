"""Writing many :class:`~carrot.models.MessageLog` rows in a few statements.

``QuerySet.bulk_create`` spends about 140 µs a row preparing values field by field through the
query compiler, more than the database spends storing the row, and ``Model.save`` about as much for
an update. Publishing and the consumer's recorder write the same columns for every log, so these
build each row's values with one precomputed converter per column: new logs go in one multi-row
``INSERT ... RETURNING id`` per chunk (backends that cannot return ids from a bulk insert get
``bulk_create``), updates in one ``executemany``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django.db import connections, models

from carrot.models import MessageLog

CHUNK = 500
"""Rows per statement: 500 x 22 columns stays under SQLite's and PostgreSQL's parameter limits."""

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


def insert_logs(logs: Sequence[MessageLog], using: str = "default") -> None:
    """``INSERT`` ``logs`` (unsaved instances) and set their primary keys."""
    connection = connections[using]
    if not connection.features.can_return_rows_from_bulk_insert:
        MessageLog.objects.using(using).bulk_create(logs)
        return
    columns = _columns(connection)
    table = connection.ops.quote_name(MessageLog._meta.db_table)
    pk_column = connection.ops.quote_name(MessageLog._meta.pk.column)
    row = "(" + ", ".join(["%s"] * len(columns)) + ")"
    names = ", ".join(column for _, column, _ in columns)
    with connection.cursor() as cursor:
        for start in range(0, len(logs), CHUNK):
            chunk = logs[start : start + CHUNK]
            params = [convert(getattr(log, attname)) for log in chunk for attname, _, convert in columns]
            values = ", ".join([row] * len(chunk))
            # Identifiers quoted by the backend; every value is a parameter.
            sql = f"INSERT INTO {table} ({names}) VALUES {values} RETURNING {pk_column}"  # noqa: S608
            cursor.execute(sql, params)
            for log, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                log.pk = pk
                log._state.adding = False
                log._state.db = using


def update_logs(logs: Sequence[MessageLog], fields: Sequence[str], using: str = "default") -> None:
    """Save ``fields`` of ``logs`` (saved instances): one ``UPDATE ... WHERE id = %s`` run for all."""
    connection = connections[using]
    columns = _columns(connection, fields)
    table = connection.ops.quote_name(MessageLog._meta.db_table)
    pk_column = connection.ops.quote_name(MessageLog._meta.pk.column)
    assignments = ", ".join(f"{column} = %s" for _, column, _ in columns)
    rows = [[convert(getattr(log, attname)) for attname, _, convert in columns] + [log.pk] for log in logs]
    with connection.cursor() as cursor:
        # Identifiers quoted by the backend; every value is a parameter.
        cursor.executemany(f"UPDATE {table} SET {assignments} WHERE {pk_column} = %s", rows)  # noqa: S608
