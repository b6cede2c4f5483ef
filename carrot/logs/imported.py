"""Task logs copied from a django-carrot 1.x database by ``manage.py carrot_import_1x``.

A log is known by its uuid (the AMQP message id), which both versions keep: the import copies only
logs whose uuid is not here yet, so running it again copies nothing, and a log a consumer of this
version already wrote for a 1.x message is kept as it is.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from typing import Any

from carrot.logs.write import CHUNK, insert_logs
from carrot.models import MessageLog


def present_uuids(uuids: Collection[str], using: str) -> set[str]:
    """Which of ``uuids`` a log here already has."""
    wanted = list(uuids)
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(MessageLog.objects.using(using).filter(uuid__in=chunk).values_list("uuid", flat=True))
    return found


def insert_copies(logs: Sequence[Mapping[str, Any]], using: str) -> None:
    """Insert logs given as field values; a uuid already here raises ``IntegrityError``."""
    insert_logs([MessageLog(**fields) for fields in logs], using)
