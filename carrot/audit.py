"""The audit log: one :class:`~carrot.models.AuditEntry` per mutation of the monitor's API.

This module is the audit table's one owner: it writes entries (:func:`record`), pages through them
(:func:`page`) and deletes those older than ``CARROT['audit_log_retention_days']``
(:func:`delete_expired_entries`, run by the service with the completed-log retention).

Arguments are stored as the client sent them, camelCase, with every text cut at :data:`MAX_TEXT`
characters and every list at :data:`MAX_ITEMS` items (the list then ends with ``"... N more"``), so a
request with a thousand ids or a megabyte of arguments makes an entry of a few kilobytes.
"""

from __future__ import annotations

import datetime
import enum
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import DatabaseError
from django.utils import timezone
from graphene.utils.str_converters import to_camel_case

from carrot import cursors, database
from carrot.errors import CarrotError
from carrot.models import AuditEntry
from carrot.permissions import Caller

logger = logging.getLogger(__name__)

MAX_TEXT = 500
"""Characters kept of each text in an entry's arguments."""
MAX_ITEMS = 50
"""Items kept of each list in an entry's arguments."""
MAX_ERROR = 2000
"""Characters kept of an entry's error text."""
DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
BATCH = 1000
_CURSOR_PREFIX = "audit:"


def summary(value: Any) -> Any:
    """``value`` as JSON for an entry: camelCase keys, enum names, long texts and lists cut."""
    if isinstance(value, enum.Enum):
        return value.name
    if isinstance(value, Mapping):
        return {to_camel_case(str(key)): summary(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        kept = [summary(item) for item in value[:MAX_ITEMS]]
        return [*kept, f"... {len(value) - MAX_ITEMS} more"] if len(value) > MAX_ITEMS else kept
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return text if len(text) <= MAX_TEXT else f"{text[:MAX_TEXT]}... ({len(text)} characters)"


def record(
    caller: Caller,
    mutation: str,
    arguments: Mapping[str, Any],
    outcome: str,
    rows: int = 0,
    messages: int = 0,
    error: str = "",
) -> AuditEntry | None:
    """Write one entry; ``None`` (and the failure logged) when the database refuses it.

    Never raises a database error: a mutation that did its work must not be reported as failed because
    its audit entry could not be written.
    """
    entry = AuditEntry(
        username=caller.username,
        via=caller.via,
        address=caller.address,
        mutation=mutation,
        arguments=summary(arguments),
        outcome=outcome,
        rows=max(rows, 0),
        messages=max(messages, 0),
        error=error[:MAX_ERROR],
    )
    try:
        with database.atomic():  # a savepoint inside a mutation's transaction: a failure stays here
            entry.save()
    except DatabaseError:
        logger.exception(
            "Could not write the audit entry of %s (%s) by %r", mutation, outcome, entry.username
        )
        return None
    return entry


def encode_cursor(entry_id: int) -> str:
    """The opaque cursor pointing at the entry with primary key ``entry_id``."""
    return cursors.encode(_CURSOR_PREFIX, entry_id)


def decode_cursor(cursor: str) -> int:
    """The entry id inside ``cursor``; raises :class:`CarrotError` for anything else."""
    pk = cursors.decode(_CURSOR_PREFIX, cursor)
    if pk is None:
        raise CarrotError(f"{cursor!r} is not an audit log cursor returned by this API.")
    return pk


@dataclass(frozen=True)
class Page:
    """Entries newest first, and whether older ones follow."""

    entries: list[AuditEntry]
    has_next: bool


def page(
    first: int = DEFAULT_PAGE_SIZE,
    after: str | None = None,
    mutation: str | None = None,
    username: str | None = None,
    outcome: str | None = None,
) -> Page:
    """Up to ``first`` entries older than the ``after`` cursor, newest first, narrowed by the filters.

    ``username`` ``""`` is the anonymous user. Raises :class:`CarrotError` for a bad cursor.
    """
    entries = AuditEntry.objects.order_by("-id")
    if after is not None:
        entries = entries.filter(id__lt=decode_cursor(after))
    if mutation:
        entries = entries.filter(mutation=mutation)
    if username is not None:
        entries = entries.filter(username=username)
    if outcome:
        entries = entries.filter(outcome=outcome)
    rows = list(entries[: first + 1])
    return Page(entries=rows[:first], has_next=len(rows) > first)


def delete_expired_entries(
    retention_days: float, now: datetime.datetime | None = None, batch: int = BATCH
) -> int:
    """Delete entries older than ``retention_days`` (``0`` keeps them all), ``batch`` rows a statement."""
    if retention_days <= 0:
        return 0
    cutoff = (now or timezone.now()) - datetime.timedelta(days=retention_days)
    expired = AuditEntry.objects.filter(time__lt=cutoff)
    deleted = 0
    while ids := list(expired.values_list("pk", flat=True)[:batch]):
        deleted += AuditEntry.objects.filter(pk__in=ids).delete()[0]
    if deleted:
        logger.info("Deleted %d audit entries older than %s days", deleted, retention_days)
    return deleted
