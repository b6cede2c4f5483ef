"""Riding out a database outage: retry a unit of work with backoff instead of losing it."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TypeVar

from django.db import DatabaseError, InterfaceError, OperationalError, connections

from carrot.backoff import Backoff

logger = logging.getLogger(__name__)

T = TypeVar("T")


class GaveUp(Exception):
    """The database stayed unavailable until the service was asked to stop."""


def _reset_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except DatabaseError:
            logger.debug("Closing a broken database connection failed", exc_info=True)


def with_db_retry(work: Callable[[], T], stopping: threading.Event, what: str) -> T:
    """Run ``work`` until the database accepts it; raises :class:`GaveUp` once ``stopping`` is set.

    ``OperationalError``/``InterfaceError`` (server gone, connection refused, SQLite locked) are
    retried with backoff; any other database error is a bug or bad data and propagates.
    """
    backoff = Backoff(first=0.2, cap=10.0)
    while True:
        try:
            return work()
        except (OperationalError, InterfaceError) as exc:
            delay = backoff.next()
            logger.warning("Database unavailable while %s (%s); retrying in %.1fs", what, exc, delay)
            _reset_connections()
            if stopping.wait(delay):
                raise GaveUp(f"stopped while the database was unavailable ({what})") from exc
