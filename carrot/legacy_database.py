"""The django-carrot 1.x database an import reads: how to reach it, whether it is 1.x, its rows in batches.

The source is named by a ``DATABASES`` alias or by a URL (``postgres://user:password@host:port/name``,
``sqlite:////absolute/path.db``, ``sqlite:///relative/path.db``). A URL becomes a ``DATABASES`` entry
for Django's own backends (no URL-parsing dependency), opened read-only: a SQLite file in SQLite's
``mode=ro`` (so a mistyped path is an error, not a new empty database), a PostgreSQL session with
``default_transaction_read_only``. Nothing here writes to the source.

Rows come back as dicts of column values as Django's backend reads them; a naive datetime (SQLite
keeps no offset) is made aware in the source's time zone when ``USE_TZ`` is on, as Django's own
field converters do.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.utils import ConnectionHandler, load_backend
from django.utils import timezone

from carrot import table_shape
from carrot.errors import CarrotError

LOGS = table_shape.LOG_TABLE
SCHEDULES = table_shape.SCHEDULE_TABLE
LOG_COLUMNS = (
    "id",
    "status",
    "exchange",
    "queue",
    "routing_key",
    "uuid",
    "priority",
    "task",
    "task_args",
    "content",
    "exception",
    "traceback",
    "output",
    "publish_time",
    "failure_time",
    "completion_time",
    "log",
)
"""The columns of 1.x's ``carrot_messagelog`` (1.5's migration 0001)."""
SCHEDULE_COLUMNS = (
    "id",
    "interval_type",
    "interval_count",
    "exchange",
    "routing_key",
    "queue",
    "task",
    "task_args",
    "content",
    "active",
    "task_name",
)
"""The columns of 1.x's ``carrot_scheduledtask`` (1.5's migrations 0001 and 0002)."""
ENGINES = {
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
    "sqlite": "django.db.backends.sqlite3",
}
"""URL schemes and their Django backends. Another engine can be named by a ``DATABASES`` alias."""
SOURCE_ALIAS = "carrot_1x_source"


class SourceError(CarrotError):
    """The 1.x database cannot be read: not reachable, not configured, or not a 1.x schema."""


def settings_from_url(url: str) -> dict[str, Any]:
    """The read-only ``DATABASES`` entry for a source URL; raises :class:`SourceError` for a bad one."""
    parts = urlsplit(url)
    engine = ENGINES.get(parts.scheme.lower())
    if engine is None:
        schemes = ", ".join(f"{scheme}://" for scheme in ENGINES)
        raise SourceError(
            f"Cannot read a database URL starting {parts.scheme or url!r}: use {schemes}, "
            "or name another engine's database by its DATABASES alias with --database-alias."
        )
    if engine.endswith("sqlite3"):
        return _sqlite_settings(unquote(parts.path[1:]))
    options = dict(parse_qsl(parts.query))
    options["options"] = f"{options.get('options', '')} -c default_transaction_read_only=on".strip()
    try:
        port = parts.port
    except ValueError as exc:
        raise SourceError(f"Invalid database URL: {exc}.") from None
    return {
        "ENGINE": engine,
        "NAME": unquote(parts.path[1:]),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": port or "",
        "OPTIONS": options,
    }


def _sqlite_settings(path: str) -> dict[str, Any]:
    if not path:
        raise SourceError("A SQLite URL names a file: sqlite:////absolute/path.db or sqlite:///relative.db.")
    if not Path(path).is_file():
        raise SourceError(f"Cannot reach the 1.x database: there is no SQLite file at {path}.")
    uri = f"file:{quote(str(Path(path).resolve()))}?mode=ro"
    return {"ENGINE": ENGINES["sqlite"], "NAME": uri, "OPTIONS": {}}


def describe(database: dict[str, Any]) -> str:
    """A ``DATABASES`` entry for people: engine, name, where; never the password."""
    engine = database["ENGINE"].rsplit(".", 1)[-1]
    name = str(database.get("NAME") or "")
    if engine == "sqlite3":
        return f"SQLite database {unquote(name.removeprefix('file:').split('?', 1)[0])}"
    where = f" on {database['HOST']}{':' + str(database['PORT']) if database.get('PORT') else ''}"
    return f"{engine} database {name!r}{where if database.get('HOST') else ''}"


@dataclass
class LegacyDatabase:
    """An open 1.x source: read its tables with :meth:`rows`; :meth:`close` when done."""

    connection: BaseDatabaseWrapper
    description: str
    owned: bool
    """Opened from a URL here (closed by :meth:`close`), not a connection of the project's."""

    @classmethod
    def from_url(cls, url: str) -> LegacyDatabase:
        database = settings_from_url(url)
        # Django's defaults for a DATABASES entry (its handler insists on a "default" one), then its
        # backend. The connection is not added to DATABASES; it is attached to this thread's
        # django.db.connections while open, as Django's backends look themselves up there by alias.
        filled = ConnectionHandler({DEFAULT_DB_ALIAS: database}).settings[DEFAULT_DB_ALIAS]
        try:
            wrapper = load_backend(filled["ENGINE"]).DatabaseWrapper(filled, SOURCE_ALIAS)
        except ImproperlyConfigured as exc:  # its driver is not installed
            raise SourceError(f"Cannot read the {describe(database)}: {exc}") from None
        connections[SOURCE_ALIAS] = wrapper
        return cls._opened(wrapper, describe(database), owned=True)

    @classmethod
    def from_alias(cls, alias: str, destination: str) -> LegacyDatabase:
        """The project's database ``alias``; refused when it is ``destination`` (that one upgrades by
        ``migrate``) or not configured."""
        if alias not in list(connections):
            raise SourceError(f"There is no database {alias!r} in settings.DATABASES.")
        if alias == destination:
            raise SourceError(
                f"{alias!r} is the database the import writes to. A 1.x database used by this project "
                "is upgraded in place by `python manage.py migrate`; the import copies from another one."
            )
        database = connections.settings[alias]
        if database["ENGINE"].endswith("sqlite3") and not _sqlite_exists(str(database["NAME"])):
            raise SourceError(
                f"Cannot reach the 1.x database: there is no SQLite file at {database['NAME']}."
            )
        return cls._opened(connections[alias], f"{describe(database)} (alias {alias!r})", owned=False)

    @classmethod
    def _opened(cls, connection: BaseDatabaseWrapper, description: str, owned: bool) -> LegacyDatabase:
        try:
            connection.ensure_connection()
        except (DatabaseError, ImproperlyConfigured) as exc:
            cls(connection, description, owned).close()
            raise SourceError(f"Cannot reach the 1.x database ({description}): {exc}".strip()) from None
        source = cls(connection, description, owned)
        try:
            source.check_schema()
        except SourceError:
            source.close()
            raise
        return source

    def check_schema(self) -> None:
        """Raise :class:`SourceError` unless both tables are there with 1.x's columns.

        Which shape a table is in is :mod:`carrot.table_shape`'s rule, shared with ``migrate``.
        """
        found = {table: table_shape.columns(self.connection, table) for table in (LOGS, SCHEDULES)}
        if missing := [table for table, columns in found.items() if columns is None]:
            raise SourceError(
                f"The {self.description} is not a django-carrot 1.x database: it has no table "
                f"{' or '.join(missing)}."
            )
        if table_shape.SINCE_2X in (found[LOGS] or ()):
            raise SourceError(
                f"The {self.description} already has django-carrot 2's tables: there is nothing to "
                "import from it. The import copies from a django-carrot 1.x database; a 1.x database "
                "this project uses is upgraded in place by `python manage.py migrate`."
            )
        for table, expected in ((LOGS, LOG_COLUMNS), (SCHEDULES, SCHEDULE_COLUMNS)):
            if lacking := [column for column in expected if column not in (found[table] or ())]:
                raise SourceError(
                    f"The {self.description} is not a django-carrot 1.x database: {table} has no "
                    f"column {', '.join(lacking)}."
                )

    def count(self, table: str) -> int:
        with self.connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {self.connection.ops.quote_name(table)}")  # noqa: S608
            return int(cursor.fetchone()[0])

    def rows(self, table: str, columns: Sequence[str], batch: int) -> Iterator[list[dict[str, Any]]]:
        """``table``'s rows in batches of at most ``batch``, by ascending ``id`` (a keyset read: one
        ``SELECT`` per batch, nothing held open between them)."""
        quote_name = self.connection.ops.quote_name
        names = ", ".join(quote_name(column) for column in columns)
        # Identifiers are fixed names quoted by the backend; the keyset values are parameters.
        pk = quote_name("id")
        sql = f"SELECT {names} FROM {quote_name(table)} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"  # noqa: S608
        after = 0
        while True:
            with self.connection.cursor() as cursor:
                cursor.execute(sql, [after, batch])
                found = [dict(zip(columns, map(self._value, values), strict=True)) for values in cursor]
            if not found:
                return
            yield found
            after = found[-1]["id"]

    def _value(self, value: Any) -> Any:
        if settings.USE_TZ and isinstance(value, datetime.datetime) and timezone.is_naive(value):
            return timezone.make_aware(value, self.connection.timezone)
        return value

    def duplicated_uuids(self) -> dict[str, int]:
        """``{uuid: id of its first log}`` for each uuid that more than one 1.x log has (1.x did not
        make uuids unique; we do)."""
        quote_name = self.connection.ops.quote_name
        uuid, table = quote_name("uuid"), quote_name(LOGS)
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {uuid}, MIN({quote_name('id')}) FROM {table} GROUP BY {uuid} HAVING COUNT(*) > 1"  # noqa: S608
            )
            return dict(cursor.fetchall())

    def close(self) -> None:
        if self.owned:
            self.connection.close()
            del connections[SOURCE_ALIAS]


def _sqlite_exists(name: str) -> bool:
    """Whether SQLite would open ``name`` rather than create it (``:memory:`` and URIs are left to it)."""
    return name == ":memory:" or name.startswith("file:") or Path(name).is_file()
