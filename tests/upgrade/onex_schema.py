"""django-carrot 1.5's tables, made without 1.5, for tests that need a real 1.x database.

The DDL below is what 1.5's migrations (``carrot/migrations/0001_initial`` to
``0004_set_unique_task_name`` of the 1.5.0 wheel) produce under Django 2.2, the newest Django 1.5
supports: taken from ``sqlmigrate`` and from the schema of databases those migrations built (SQLite's
``sqlite_master``, ``pg_dump -s``). Note what 1.5's own model hides: ``task_name`` is nullable and *not*
unique (0004 "set unique" altered nothing), ``uuid`` is not unique either, and arguments are text.

Rows go in as 1.5 wrote them: on SQLite a datetime is UTC text without an offset (``USE_TZ = True``),
on PostgreSQL a ``timestamp with time zone``.
"""

from __future__ import annotations

import datetime
import sqlite3
from collections.abc import Iterable, Mapping
from typing import Any

from carrot import legacy_database
from tests.settings import POSTGRES

SQLITE_DDL = (
    'CREATE TABLE "carrot_messagelog" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
    '"status" varchar(11) NOT NULL, "exchange" varchar(200) NULL, "queue" varchar(200) NULL, '
    '"routing_key" varchar(200) NULL, "uuid" varchar(200) NOT NULL, '
    '"priority" integer unsigned NOT NULL CHECK ("priority" >= 0), "task" varchar(200) NOT NULL, '
    '"task_args" text NULL, "content" text NULL, "exception" text NULL, "traceback" text NULL, '
    '"output" text NULL, "publish_time" datetime NULL, "failure_time" datetime NULL, '
    '"completion_time" datetime NULL, "log" text NULL)',
    'CREATE TABLE "carrot_scheduledtask" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, '
    '"interval_type" varchar(200) NOT NULL, '
    '"interval_count" integer unsigned NOT NULL CHECK ("interval_count" >= 0), '
    '"exchange" varchar(200) NULL, "routing_key" varchar(200) NULL, "queue" varchar(200) NULL, '
    '"task" varchar(200) NOT NULL, "task_args" text NULL, "content" text NULL, "active" bool NOT NULL, '
    '"task_name" varchar(200) NULL)',
)

POSTGRES_DDL = (
    'CREATE TABLE "carrot_messagelog" ("id" serial NOT NULL PRIMARY KEY, "status" varchar(11) NOT NULL, '
    '"exchange" varchar(200) NULL, "queue" varchar(200) NULL, "routing_key" varchar(200) NULL, '
    '"uuid" varchar(200) NOT NULL, "priority" integer NOT NULL CHECK ("priority" >= 0), '
    '"task" varchar(200) NOT NULL, "task_args" text NULL, "content" text NULL, "exception" text NULL, '
    '"traceback" text NULL, "output" text NULL, "publish_time" timestamp with time zone NULL, '
    '"failure_time" timestamp with time zone NULL, "completion_time" timestamp with time zone NULL, '
    '"log" text NULL)',
    'CREATE TABLE "carrot_scheduledtask" ("id" serial NOT NULL PRIMARY KEY, '
    '"interval_type" varchar(200) NOT NULL, "interval_count" integer NOT NULL CHECK ("interval_count" >= 0), '
    '"exchange" varchar(200) NULL, "routing_key" varchar(200) NULL, "queue" varchar(200) NULL, '
    '"task" varchar(200) NOT NULL, "task_args" text NULL, "content" text NULL, "active" boolean NOT NULL)',
    'ALTER TABLE "carrot_scheduledtask" ADD COLUMN "task_name" varchar(200) NULL',
)

LOG_COLUMNS = legacy_database.LOG_COLUMNS[1:]
"""1.x's log columns but ``id``: inserted rows take the table's own ids."""
SCHEDULE_COLUMNS = legacy_database.SCHEDULE_COLUMNS[1:]


def _sqlite_value(value: Any) -> Any:
    """A value as 1.5's SQLite backend stored it: datetimes as naive UTC text."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.timezone.utc).replace(tzinfo=None).isoformat(" ")
    return value


def _insert_sql(table: str, columns: Iterable[str], placeholder: str) -> str:
    names = ", ".join(f'"{c}"' for c in columns)
    marks = ", ".join(placeholder for _ in columns)
    return f'INSERT INTO "{table}" ({names}) VALUES ({marks})'


class OneXDatabase:
    """A 1.5 database: its tables made on ``connect()``'s connection, rows inserted as 1.5 wrote them.

    ``connection`` is a DB-API connection (``sqlite3`` or psycopg) in autocommit or committed per call.
    """

    def __init__(self, connection: Any, vendor: str) -> None:
        self.connection = connection
        self.vendor = vendor

    def create_tables(self) -> None:
        for statement in SQLITE_DDL if self.vendor == "sqlite" else POSTGRES_DDL:
            self.connection.execute(statement)
        self.connection.commit()

    def _insert(self, table: str, columns: tuple[str, ...], rows: Iterable[Mapping[str, Any]]) -> None:
        placeholder = "?" if self.vendor == "sqlite" else "%s"
        convert = _sqlite_value if self.vendor == "sqlite" else (lambda value: value)
        sql = _insert_sql(table, columns, placeholder)
        cursor = self.connection.cursor()
        for row in rows:
            unknown = set(row) - set(columns)
            assert not unknown, f"not a 1.5 column of {table}: {unknown}"
            cursor.execute(sql, [convert(row.get(column)) for column in columns])
        self.connection.commit()

    def insert_logs(self, rows: Iterable[Mapping[str, Any]]) -> None:
        """Insert ``carrot_messagelog`` rows; a missing column is NULL, as 1.5's nullable columns allow."""
        self._insert("carrot_messagelog", LOG_COLUMNS, rows)

    def insert_schedules(self, rows: Iterable[Mapping[str, Any]]) -> None:
        self._insert("carrot_scheduledtask", SCHEDULE_COLUMNS, rows)

    def close(self) -> None:
        self.connection.close()


def sqlite_1x(path: str) -> OneXDatabase:
    """A new 1.5 SQLite database file at ``path``."""
    database = OneXDatabase(sqlite3.connect(path), "sqlite")
    database.create_tables()
    return database


def postgres_1x(name: str) -> OneXDatabase:
    """A new 1.5 PostgreSQL database called ``name`` (dropped first if it exists)."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **POSTGRES) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    database = OneXDatabase(psycopg.connect(dbname=name, **POSTGRES), "postgresql")
    database.create_tables()
    return database


def drop_postgres(name: str) -> None:
    """Drop database ``name``, ending the sessions still connected to it."""
    import psycopg

    with psycopg.connect(dbname="postgres", autocommit=True, **POSTGRES) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
