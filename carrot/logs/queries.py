"""Finding task logs: status groups, filters, free-text search, keyset pages and counts per status.

This is the domain logic behind the monitor's task lists; the GraphQL resolvers only call it, so the
same queries work from the shell::

    from carrot.logs import queries
    page = queries.page(queries.TaskFilter(group="failed", search="ValueError"), first=20)

Pages are keyset pages, never ``OFFSET``: a cursor names the last row seen, so the next page is an
index range scan however deep it is, and rows inserted meanwhile do not shift it. Each list is ordered
by the time it shows: failed, completed and cancelled newest first on ``(time, id)``, the waiting list
(``DELAYED`` and ``RETRYING``) soonest due first on ``(eta, id)``, the queued list on ``-id``.
"""

from __future__ import annotations

import base64
import binascii
import datetime
import functools
import json
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import OperationalError, connections
from django.db.models import F, Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.db.models.lookups import IContains
from django.utils import timezone

from carrot import cursors
from carrot.errors import CarrotError, PublishError
from carrot.models import MessageLog

QUEUED = "queued"
WAITING = "waiting"
FAILED = "failed"
COMPLETED = "completed"
CANCELLED = "cancelled"
GROUPS: dict[str, tuple[str, ...]] = {
    QUEUED: MessageLog.QUEUED_STATUSES,
    WAITING: MessageLog.WAITING_STATUSES,
    FAILED: (MessageLog.FAILED,),
    COMPLETED: (MessageLog.COMPLETED,),
    CANCELLED: (MessageLog.CANCELLED,),
}
"""The monitor's tabs and the statuses each shows."""

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200
MAX_SEARCH_LENGTH = 200
EXACT_COUNT_LIMIT = 100_000
"""Per status, counts up to this are exact; above it PostgreSQL's estimate (see :func:`counts`)."""
_CURSOR_PREFIX = "tasklog:"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)
_MICROSECOND = datetime.timedelta(microseconds=1)


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


class _ILike(IContains):
    """``icontains`` that PostgreSQL can estimate: ``col ILIKE %s`` instead of ``UPPER(col) LIKE UPPER(%s)``.

    The planner has statistics for a column but none for ``UPPER(column)``, so with Django's form it
    guesses that a search matches a handful of rows and reads the whole tab to sort it; with ``ILIKE``
    it knows a common task path matches thousands and walks the index newest first, stopping once a
    page is full. Other databases get Django's own ``icontains``.
    """

    template = "{lhs} ILIKE {rhs}"

    def as_postgresql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, lhs_params = compiler.compile(self.lhs)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return self.template.format(lhs=lhs, rhs=rhs), [*lhs_params, *rhs_params]


class _LowerLike(_ILike):
    """``icontains`` as ``LOWER(col) LIKE LOWER(%s)`` on PostgreSQL: for long text, about twice as fast.

    ``ILIKE`` folds case character by character as it matches; lowering the whole text once and
    matching with ``LIKE`` took 60 ms instead of 137 ms over the 50,000 logs of a failed tab. It
    leaves the planner without statistics, so it is kept for the columns that have none anyway (the
    arguments' JSON text) or that decide no plan (the exception); the task path keeps :class:`_ILike`.
    """

    template = "LOWER({lhs}) LIKE LOWER({rhs})"


def search(logs: QuerySet[MessageLog], text: str) -> QuerySet[MessageLog]:
    """Logs whose task path, arguments, exception or uuid contain ``text`` (case-insensitive).

    Arguments are matched on their JSON text, so ``"to": "a@b.c"`` and ``a@b.c`` both find a kwarg.
    """
    needle = text.strip()[:MAX_SEARCH_LENGTH]
    return logs.filter(
        _ILike(F("task"), needle)
        | _LowerLike(Cast("task_args", TextField()), needle)
        | _LowerLike(Cast("content", TextField()), needle)
        | _LowerLike(F("exception"), needle)
        | Q(uuid=needle)
    )


def matching(criteria: TaskFilter) -> QuerySet[MessageLog]:
    """Every log matching ``criteria``, unordered."""
    return criteria.apply(MessageLog.objects.all())


def filtered(criteria: TaskFilter) -> QuerySet[MessageLog]:
    """Every log matching ``criteria``, newest first."""
    return matching(criteria).order_by("-id")


def find(pk: int | None = None, uuid: str | None = None) -> MessageLog | None:
    """The log with primary key ``pk``, else the one with ``uuid``; ``None`` when there is neither."""
    found = MessageLog.objects.filter(pk=pk).first() if pk is not None else None
    if found is None and uuid is not None:
        found = MessageLog.objects.filter(uuid=uuid).first()
    return found


def by_pk(pk: int) -> QuerySet[MessageLog]:
    """The log with primary key ``pk``, as a queryset (empty when there is none)."""
    return MessageLog.objects.filter(pk=pk)


def primary_keys(logs: QuerySet[MessageLog]) -> list[int]:
    """The primary keys of ``logs``, in order."""
    return list(logs.order_by("pk").values_list("pk", flat=True))


def encode_cursor(log_id: int) -> str:
    """The opaque cursor that points at the log with primary key ``log_id``."""
    return cursors.encode(_CURSOR_PREFIX, log_id)


def decode_cursor(cursor: str) -> int:
    """The log id inside ``cursor``; raises :class:`InvalidCursorError` for anything else."""
    pk = cursors.decode(_CURSOR_PREFIX, cursor)
    if pk is None:
        raise InvalidCursorError(f"{cursor!r} is not a cursor returned by this API.")
    return pk


Encoder = Callable[[MessageLog], str]
Decoder = Callable[[str], tuple[Any, ...]]


def _time_cursor(prefix: str, field: str) -> tuple[Encoder, Decoder]:
    """How a list keyed on ``(field, id)`` names a log in a cursor (the time to the microsecond), and back."""

    def encode(log: MessageLog) -> str:
        at = getattr(log, field)
        micros = 0 if at is None else (at - _EPOCH) // _MICROSECOND
        return base64.urlsafe_b64encode(f"{prefix}{micros}:{log.pk}".encode()).decode()

    def decode(cursor: str) -> tuple[datetime.datetime, int]:
        try:
            text = base64.urlsafe_b64decode(cursor.encode("ascii")).decode()
            micros, _, pk = text.removeprefix(prefix).partition(":")
            if text.startswith(prefix):
                return _EPOCH + int(micros) * _MICROSECOND, int(pk)
        except (ValueError, UnicodeError, binascii.Error, OverflowError):
            pass
        raise InvalidCursorError(f"{cursor!r} is not a cursor of this list returned by this API.")

    return encode, decode


@dataclass(frozen=True)
class Order:
    """A keyset order of a list: its fields (``-`` for descending) and how a cursor names a row in it."""

    fields: tuple[str, ...]
    encode: Encoder
    decode: Decoder

    def reverse(self) -> tuple[str, ...]:
        """The fields in the opposite order, for paging backward."""
        return tuple(name[1:] if name.startswith("-") else f"-{name}" for name in self.fields)

    def beyond(self, cursor: str, backward: bool = False) -> Q:
        """The rows after the cursor's row in this order (before it when ``backward``).

        Besides the exact condition (``a < x OR (a = x AND id < y)``), the first field alone is
        bounded (``a <= x``): the database cannot start an index scan from an ``OR``, and without
        that bound it reads the list from its top, through every row before the cursor's.
        """
        values = self.decode(cursor)
        conditions, equal, bound = [], Q(), Q()
        for name, value in zip(self.fields, values, strict=True):
            descending = name.startswith("-") != backward
            column = name.lstrip("-")
            conditions.append(equal & Q(**{f"{column}__{'lt' if descending else 'gt'}": value}))
            if not bound:
                bound = Q(**{f"{column}__{'lte' if descending else 'gte'}": value})
            equal &= Q(**{column: value})
        return bound & functools.reduce(operator.or_, conditions)


NEWEST_FIRST = Order(("-id",), lambda log: encode_cursor(log.pk), lambda cursor: (decode_cursor(cursor),))
SOONEST_FIRST = Order(("eta", "id"), *_time_cursor("taskwait:", "eta"))
ORDERS: dict[str, Order] = {
    WAITING: SOONEST_FIRST,
    FAILED: Order(("-failure_time", "-id"), *_time_cursor("taskfailed:", "failure_time")),
    COMPLETED: Order(("-completion_time", "-id"), *_time_cursor("taskdone:", "completion_time")),
    CANCELLED: Order(("-cancelled_time", "-id"), *_time_cursor("taskcancelled:", "cancelled_time")),
}
"""The lists ordered by the time they show (each has a partial index on it, see the model), by group."""


def order_of(criteria: TaskFilter) -> Order:
    """How a list is ordered: by the time it shows (the waiting list soonest due first, the failed,
    completed and cancelled lists newest first), the queued list and all tasks newest published first.
    """
    return ORDERS.get(criteria.group or "", NEWEST_FIRST)


@dataclass(frozen=True)
class Page:
    """One page of logs in their list's order, and whether there are more on either side."""

    logs: list[MessageLog]
    has_next: bool
    has_previous: bool
    order: Order = NEWEST_FIRST

    def cursor(self, log: MessageLog) -> str:
        """The cursor of one log of the page."""
        return self.order.encode(log)

    @property
    def start_cursor(self) -> str | None:
        return self.cursor(self.logs[0]) if self.logs else None

    @property
    def end_cursor(self) -> str | None:
        return self.cursor(self.logs[-1]) if self.logs else None


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
    """A keyset page of the logs matching ``criteria``, in the list's order (:func:`order_of`).

    Forward: ``first`` logs after the ``after`` cursor. Backward: the ``last`` logs before the
    ``before`` cursor (still returned in the list's order). One query of ``size + 1`` rows, no
    ``COUNT``. Raises :class:`InvalidCursorError` or :class:`CarrotError` for a bad cursor or size.
    """
    logs = matching(criteria)
    order = order_of(criteria)
    if last is not None or (before is not None and first is None):
        size = page_size(last)
        if before is not None:
            logs = logs.filter(order.beyond(before, backward=True))
        rows = _first_rows(logs, order.reverse(), size + 1, criteria)
        more = len(rows) > size
        return Page(list(reversed(rows[:size])), has_next=before is not None, has_previous=more, order=order)
    size = page_size(first)
    if after is not None:
        logs = logs.filter(order.beyond(after))
    rows = _first_rows(logs, order.fields, size + 1, criteria)
    return Page(rows[:size], has_next=len(rows) > size, has_previous=after is not None, order=order)


def _first_rows(
    logs: QuerySet[MessageLog], order: tuple[str, ...], limit: int, criteria: TaskFilter
) -> list[MessageLog]:
    """The first ``limit`` of ``logs`` in ``order``, in one query.

    A search finds the page's ids first (``pk IN (SELECT id ... LIMIT n)``): the inner query reads
    only the columns searched, so in the failed tab PostgreSQL answers it from the small
    ``carrot_log_failed_search`` index alone instead of visiting every failed log's table page.
    """
    if criteria.search and criteria.search.strip():
        ids = logs.order_by(*order).values("pk")[:limit]
        logs = MessageLog.objects.filter(pk__in=ids)
    return list(logs.order_by(*order)[:limit])


def counts(criteria: TaskFilter | None = None) -> dict[str, int]:
    """How many logs there are per status (and per group): exact up to :data:`EXACT_COUNT_LIMIT`.

    Returns a key per status (``PUBLISHED``, ``DELAYED``...) and per group of :data:`GROUPS`
    (``queued``, ``waiting``...); the status group of ``criteria`` is ignored.

    One query counts each status up to ``EXACT_COUNT_LIMIT + 1`` rows (an index-only scan that stops
    there). A status with more rows than that is, on PostgreSQL, the planner's estimate of its rows
    (never below the limit): counting a million rows exactly would take a scan of them all on every
    refresh of the monitor. Other databases count such a status exactly. See docs/scale.rst.
    """
    logs = MessageLog.objects.all()
    if criteria is not None:
        logs = TaskFilter(queue=criteria.queue, task=criteria.task, search=criteria.search).apply(logs)
    statuses = [status for status, _ in MessageLog.STATUS_CHOICES]
    per_status = dict(zip(statuses, _capped_counts(logs, statuses), strict=True))
    for status, n in per_status.items():
        if n > EXACT_COUNT_LIMIT:
            per_status[status] = max(_estimated_count(logs.filter(status=status)), n)
    groups = {group: sum(per_status.get(s, 0) for s in statuses) for group, statuses in GROUPS.items()}
    return {**per_status, **groups}


def _capped_counts(logs: QuerySet[MessageLog], statuses: list[str]) -> list[int]:
    """Rows of each status in ``logs``, each counted up to ``EXACT_COUNT_LIMIT + 1``, in one query."""
    parts: list[str] = []
    params: list[Any] = []
    for status in statuses:
        capped = logs.filter(status=status).order_by().values("pk")[: EXACT_COUNT_LIMIT + 1]
        sql, part_params = capped.query.sql_with_params()
        parts.append(f"(SELECT COUNT(*) FROM ({sql}) AS capped)")  # noqa: S608 - Django's SQL, values in params
        params += part_params
    with connections[logs.db].cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), params)
        return [int(n) for n in cursor.fetchone()]


def _estimated_count(logs: QuerySet[MessageLog]) -> int:
    """The planner's estimate of ``len(logs)`` on PostgreSQL; an exact count elsewhere."""
    connection = connections[logs.db]
    if connection.vendor != "postgresql":
        return logs.count()
    sql, params = logs.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0]
    if isinstance(plan, str):
        plan = json.loads(plan)
    return int(plan[0]["Plan"]["Plan Rows"])


def by_ids(ids: Iterable[Any]) -> QuerySet[MessageLog]:
    """The logs with these primary keys or uuids (mixed freely)."""
    ids = [str(i) for i in ids]
    return by_keys([int(i) for i in ids if i.isdigit()], [i for i in ids if not i.isdigit()])


def by_keys(pks: Iterable[int], uuids: Iterable[str] = ()) -> QuerySet[MessageLog]:
    """The logs with these primary keys, and those with these uuids."""
    return MessageLog.objects.filter(Q(pk__in=list(pks)) | Q(uuid__in=list(uuids)))


def in_groups(logs: QuerySet[MessageLog], groups: Iterable[str]) -> QuerySet[MessageLog]:
    """``logs`` narrowed to the statuses of these :data:`GROUPS`."""
    return logs.filter(status__in=tuple(s for group in groups for s in GROUPS[group]))


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


def pending_count(queue: str, up_to: int) -> int:
    """How many logs of ``queue`` are ``PUBLISHED`` or ``IN_PROGRESS``, counted up to ``up_to`` (the
    query stops there)."""
    return stuck(queue).order_by().values("pk")[: max(up_to, 0)].count()


def delete(logs: QuerySet[MessageLog]) -> int:
    """Delete ``logs`` (one ``DELETE`` that re-applies their filter); returns how many were deleted."""
    return logs.delete()[0]


BULK_BATCH = 1000
"""Most logs one batch of a bulk action takes (one short transaction each)."""


@dataclass(frozen=True)
class BulkProgress:
    """How far a bulk action got: ``done`` logs, and the error that stopped it part-way, if one did."""

    done: int
    stopped_by: Exception | None = None


def in_batches(
    logs: QuerySet[MessageLog], action: Callable[[QuerySet[MessageLog]], int], size: int = BULK_BATCH
) -> BulkProgress:
    """Apply ``action`` (e.g. :func:`delete`) to ``logs``, ``size`` logs at a time, in primary-key order.

    Each batch is the next ``size`` ids still matching ``logs`` (a keyset, so a log the action leaves
    matching is not taken twice), and ``action`` gets ``logs`` narrowed to them: it must re-apply the
    filter in its own short transaction and return how many it acted on. Nothing is held between
    batches, so a running service keeps writing the table meanwhile.

    Stops at the first batch that fails with an ``OperationalError`` (a locked or unreachable
    database: that batch rolled back) or a :class:`CarrotError` (e.g. the broker refusing a requeue),
    and returns it in :attr:`BulkProgress.stopped_by` rather than raising. A
    :class:`~carrot.errors.PublishError` comes after its batch was committed: the batch's logs the
    broker did not take are ``FAILED`` again (to be taken by a retry), the others count as done.
    Other exceptions propagate.
    """
    done = 0
    after = 0
    while True:
        try:
            ids = list(logs.filter(pk__gt=after).order_by("pk").values_list("pk", flat=True)[:size])
            if not ids:
                return BulkProgress(done)
            done += action(logs.filter(pk__in=ids))
        except PublishError as exc:
            return BulkProgress(done + max(0, len(ids) - len(exc.failures)), exc)
        except (OperationalError, CarrotError) as exc:
            return BulkProgress(done, exc)
        after = ids[-1]


def running_now() -> QuerySet[MessageLog]:
    """Every ``IN_PROGRESS`` log, oldest run first, with what a list of running tasks shows."""
    running = MessageLog.objects.filter(status=MessageLog.IN_PROGRESS).order_by("start_time")
    return running.only("uuid", "task", "queue", "worker", "start_time")


def running_under(processes: Iterable[tuple[str, int, datetime.datetime]]) -> QuerySet[MessageLog]:
    """The ``IN_PROGRESS`` logs of runs any of the ``(host, pid, started)`` processes started."""
    held = Q(pk__in=[])
    for host, pid, since in processes:
        held |= Q(worker__startswith=f"{host}:{pid}:", start_time__gte=since)
    return MessageLog.objects.filter(held, status=MessageLog.IN_PROGRESS)


def unsent(logs: QuerySet[MessageLog], orphans: QuerySet[MessageLog]) -> QuerySet[MessageLog]:
    """Those of ``logs`` no one runs: ``PUBLISHED`` and out of the outbox, or among ``orphans``."""
    return logs.filter(Q(status=MessageLog.PUBLISHED, relay_after__isnull=True) | Q(pk__in=orphans))


def queues_of(logs: QuerySet[MessageLog]) -> list[str]:
    """The queues ``logs`` belong to."""
    return list(logs.order_by().values_list("queue", flat=True).distinct())


def published_since(task: Any, queue: Any, since: Any) -> QuerySet[MessageLog]:
    """The logs of ``task`` on ``queue`` published at ``since`` or later, newest first (values or
    ``OuterRef`` s, for a subquery)."""
    return MessageLog.objects.filter(task=task, queue=queue, publish_time__gte=since).order_by("-id")
