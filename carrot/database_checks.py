"""System checks of the database itself: carrot's tables still in django-carrot 1.x's format.

Registered with Django's ``database`` tag, so ``manage.py check --database default`` and ``migrate``
run them (``runserver`` and plain ``check`` do not touch the database). They are errors (carrot.E002,
E003, E004), except while ``migrate`` itself runs them: Django checks before migrating, and an error
there would stop the very command that converts the tables, so it sees the same problems as warnings
(carrot.W002, W003, W004). The ``carrot`` service refuses to start on such a database
(:func:`upgrade_problem`). A database that cannot be reached is not reported here: the command that
needs it says so.
"""

from __future__ import annotations

import inspect
from collections.abc import Iterable
from typing import Any

from django.core.checks import CheckMessage, Tags, register
from django.core.checks import Error as CheckError
from django.core.checks import Warning as CheckWarning
from django.db import DatabaseError, connections, router
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.migrations.recorder import MigrationRecorder

from carrot import table_shape

CONVERSION = "0008_convert_from_1x"

NOT_CONVERTED = (
    "002",
    "The carrot tables of database '{alias}' are still in django-carrot 1.x's format: "
    "their conversion has not run.",
    "Run `python manage.py migrate carrot` (back up the database first).",
)
MADE_BY_10 = (
    "003",
    "The carrot tables of database '{alias}' were made by django-carrot 1.0, which recorded no migrations.",
    "Run `python manage.py migrate carrot --fake-initial`: it records the tables as created, "
    "then converts them.",
)
CONVERSION_FAKED = (
    "004",
    "The carrot tables of database '{alias}' are still in django-carrot 1.x's format, but their "
    f"conversion ({CONVERSION}) is recorded as applied (was it run with --fake?).",
    "Run `python manage.py migrate carrot 0001_initial --fake`, then `python manage.py migrate carrot`.",
)


def _carrot_migrations(connection: BaseDatabaseWrapper) -> set[str]:
    recorder = MigrationRecorder(connection)
    if not recorder.has_table():
        return set()
    return {name for app, name in recorder.applied_migrations() if app == "carrot"}


def _problem(connection: BaseDatabaseWrapper) -> tuple[str, str, str] | None:
    if not table_shape.is_1x(connection):
        return None
    recorded = _carrot_migrations(connection)
    if not recorded:
        return MADE_BY_10
    return CONVERSION_FAKED if CONVERSION in recorded else NOT_CONVERTED


def _found(alias: str) -> tuple[str, str, str] | None:
    """The problem of database ``alias``'s carrot tables; ``None`` also when it cannot be reached."""
    if not router.allow_migrate(alias, "carrot"):
        return None
    try:
        return _problem(connections[alias])
    except DatabaseError:
        return None


def upgrade_problem(alias: str | None = None) -> str | None:
    """What is wrong with the carrot tables of database ``alias`` and what to run, or ``None``.

    By default the database the task logs are written to.
    """
    from carrot.models import MessageLog

    alias = alias or router.db_for_write(MessageLog)
    found = _found(alias)
    if found is None:
        return None
    _, message, hint = found
    return f"{message.format(alias=alias)} {hint}"


def _migrating() -> bool:
    """Whether Django's ``migrate`` command (or a subclass of it) is running these checks."""
    from django.core.management.commands.migrate import Command as Migrate

    frame = inspect.currentframe()
    while frame is not None:
        if isinstance(frame.f_locals.get("self"), Migrate):
            return True
        frame = frame.f_back
    return False


@register(Tags.database)
def check_carrot_tables(databases: Iterable[str] | None = None, **_: Any) -> list[CheckMessage]:
    """carrot.E002/E003/E004 (W002-W004 under ``migrate``): carrot tables in 1.x's format."""
    messages: list[CheckMessage] = []
    level, letter = (CheckWarning, "W") if _migrating() else (CheckError, "E")
    for alias in databases or ():
        found = _found(alias)
        if found:
            number, message, hint = found
            messages.append(level(message.format(alias=alias), hint=hint, id=f"carrot.{letter}{number}"))
    return messages
