"""Finding task logs: status groups, filters, free-text search, keyset pages and counts per status.

This is the domain logic behind the monitor's task lists; the GraphQL resolvers only call it, so the
same queries work from the shell::

    from carrot import tasklogs
    page = tasklogs.page(tasklogs.TaskFilter(group="failed", search="ValueError"), first=20)

Pages are keyset pages on ``-id`` (newest first), never ``OFFSET``: a cursor names the last row seen,
so the next page is an index range scan however deep it is, and rows inserted meanwhile do not shift it.
"""

from __future__ import annotations

import base64
import binascii
import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from carrot.errors import CarrotError
from carrot.models import MessageLog

QUEUED = "queued"
FAILED = "failed"
COMPLETED = "completed"
GROUPS: dict[str, tuple[str, ...]] = {
    QUEUED: MessageLog.QUEUED_STATUSES,
    FAILED: (MessageLog.FAILED,),
    COMPLETED: (MessageLog.COMPLETED,),
}
"""The monitor's tabs and the statuses each shows."""

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_SEARCH_LENGTH = 200
_CURSOR_PREFIX = "tasklog:"


class InvalidCursorError(CarrotError):
    """A pagination cursor that was not made by :func:`encode_cursor`."""


@dataclass(frozen=True)
class TaskFilter:
    """Which logs to show: a status group plus optional queue, task path and free text."""

    group: str | None = None
    queue: str | None = None
    task: str | None = None
    search: str | None = None

    def apply(self, logs: QuerySet[MessageLog]) -> QuerySet[MessageLog]:
        """``logs`` narrowed by every criterion that is set."""
        if self.group is not None:
            if self.group not in GROUPS:
                raise CarrotError(
                    f"Unknown status group {self.group!r}; expected one of {', '.join(GROUPS)}."
                )
            logs = logs.filter(status__in=GROUPS[self.group])
        if self.queue:
            logs = logs.filter(queue=self.queue)
        if self.task:
            logs = logs.filter(task=self.task)
        if self.search and self.search.strip():
            logs = search(logs, self.search)
        return logs


def search(logs: QuerySet[MessageLog], text: str) -> QuerySet[MessageLog]:
    """Logs whose task path, arguments, exception or uuid contain ``text`` (case-insensitive).

    Arguments are matched on their JSON text, so ``"to": "a@b.c"`` and ``a@b.c`` both find a kwarg.
    """
    needle = text.strip()[:MAX_SEARCH_LENGTH]
    return logs.annotate(
        _args_text=Cast("task_args", TextField()), _kwargs_text=Cast("content", TextField())
    ).filter(
        Q(task__icontains=needle)
        | Q(_args_text__icontains=needle)
        | Q(_kwargs_text__icontains=needle)
        | Q(exception__icontains=needle)
        | Q(uuid=needle)
    )


def filtered(criteria: TaskFilter) -> QuerySet[MessageLog]:
    """Every log matching ``criteria``, newest first."""
    return criteria.apply(MessageLog.objects.all()).order_by("-id")


def encode_cursor(log_id: int) -> str:
    """The opaque cursor that points at the log with primary key ``log_id``."""
    return base64.urlsafe_b64encode(f"{_CURSOR_PREFIX}{log_id}".encode()).decode()


def decode_cursor(cursor: str) -> int:
    """The log id inside ``cursor``; raises :class:`InvalidCursorError` for anything else."""
    try:
        text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode()
        if not text.startswith(_CURSOR_PREFIX):
            raise ValueError(text)
        return int(text.removeprefix(_CURSOR_PREFIX))
    except (ValueError, UnicodeError, binascii.Error):
        raise InvalidCursorError(f"{cursor!r} is not a cursor returned by this API.") from None


@dataclass(frozen=True)
class Page:
    """One page of logs, newest first, and whether there are more on either side."""

    logs: list[MessageLog]
    has_next: bool
    has_previous: bool

    @property
    def start_cursor(self) -> str | None:
        return encode_cursor(self.logs[0].pk) if self.logs else None

    @property
    def end_cursor(self) -> str | None:
        return encode_cursor(self.logs[-1].pk) if self.logs else None


def page_size(requested: int | None) -> int:
    """The page size to use: ``requested`` capped at :data:`MAX_PAGE_SIZE`; raises for < 1."""
    if requested is None:
        return DEFAULT_PAGE_SIZE
    if requested < 1:
        raise CarrotError(f"A page holds at least 1 task, got {requested}.")
    return min(requested, MAX_PAGE_SIZE)


def page(
    criteria: TaskFilter,
    first: int | None = None,
    after: str | None = None,
    last: int | None = None,
    before: str | None = None,
) -> Page:
    """A keyset page of the logs matching ``criteria``, newest first.

    Forward: ``first`` logs older than the ``after`` cursor. Backward: the ``last`` logs newer than the
    ``before`` cursor (still returned newest first). One query of ``size + 1`` rows, no ``COUNT``.
    Raises :class:`InvalidCursorError` or :class:`CarrotError` for a bad cursor or size.
    """
    logs = criteria.apply(MessageLog.objects.all())
    if last is not None or (before is not None and first is None):
        size = page_size(last)
        if before is not None:
            logs = logs.filter(pk__gt=decode_cursor(before))
        rows = list(logs.order_by("id")[: size + 1])
        more = len(rows) > size
        return Page(logs=list(reversed(rows[:size])), has_next=before is not None, has_previous=more)
    size = page_size(first)
    if after is not None:
        logs = logs.filter(pk__lt=decode_cursor(after))
    rows = list(logs.order_by("-id")[: size + 1])
    return Page(logs=rows[:size], has_next=len(rows) > size, has_previous=after is not None)


def counts(criteria: TaskFilter | None = None) -> dict[str, int]:
    """How many logs there are per status (and per group), in one grouped query.

    Returns the keys ``PUBLISHED``, ``IN_PROGRESS``, ``FAILED``, ``COMPLETED`` and the groups
    ``queued``, ``failed``, ``completed``; the status group of ``criteria`` is ignored.
    """
    logs = MessageLog.objects.all()
    if criteria is not None:
        logs = TaskFilter(queue=criteria.queue, task=criteria.task, search=criteria.search).apply(logs)
    per_status = {status: 0 for status, _ in MessageLog.STATUS_CHOICES}
    for row in logs.order_by().values("status").annotate(n=Count("id")):
        per_status[row["status"]] = row["n"]
    groups = {group: sum(per_status.get(s, 0) for s in statuses) for group, statuses in GROUPS.items()}
    return {**per_status, **groups}


def by_ids(ids: Iterable[Any]) -> QuerySet[MessageLog]:
    """The logs with these primary keys or uuids (mixed freely)."""
    ids = [str(i) for i in ids]
    pks = [int(i) for i in ids if str(i).isdigit()]
    uuids = [str(i) for i in ids if not str(i).isdigit()]
    return MessageLog.objects.filter(Q(pk__in=pks) | Q(uuid__in=uuids))


def stuck(queue: str | None = None, older_than: datetime.timedelta | None = None) -> QuerySet[MessageLog]:
    """Logs still ``PUBLISHED``/``IN_PROGRESS`` (in ``queue``) published more than ``older_than`` ago.

    These are the tasks to requeue after a queue was purged or a broker lost its messages.
    """
    logs = MessageLog.objects.filter(status__in=MessageLog.QUEUED_STATUSES)
    if queue:
        logs = logs.filter(queue=queue)
    if older_than is not None:
        logs = logs.filter(Q(publish_time__lt=timezone.now() - older_than) | Q(publish_time__isnull=True))
    return logs


def delete(logs: QuerySet[MessageLog]) -> int:
    """Delete ``logs``; returns how many were deleted."""
    return logs.delete()[0]
