"""Waiting for a task's result: :func:`result`.

The caller waits on a database connection of its own, opened for the call and closed when it
returns, so it works from any thread, never touches the thread's Django connection and sees results
committed after the caller's own transaction began.

On PostgreSQL (with psycopg 3) that connection ``LISTEN`` s on :data:`CHANNEL`. The consumer's
recorder sends one ``NOTIFY`` per committed group of results (:func:`notify`; its payload the ids of
the logs that finished), :func:`carrot.cancel` one for the tasks it cancels (:func:`notify_ids`), and
the waiter re-reads its log when the payload names it, or names none, and every
:data:`SAFETY_INTERVAL` seconds for results written without a notification. On other
databases the waiter re-reads its log after :data:`FIRST_POLL` seconds, doubling up to
:data:`MAX_POLL`.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Sequence
from typing import Any, Protocol

from django.db import connections

from carrot import database
from carrot.backoff import Backoff
from carrot.errors import CarrotError, ResultTimeout, TaskFailed
from carrot.models import MessageLog

CHANNEL = "carrot_results"
"""The PostgreSQL notification channel of saved results."""
SAFETY_INTERVAL = 5.0
"""Seconds a PostgreSQL waiter waits for a notification before it re-reads its log anyway."""
FIRST_POLL = 0.02
"""Seconds before the first re-read on databases without notifications; doubles up to :data:`MAX_POLL`."""
MAX_POLL = 1.0
PAYLOAD_LIMIT = 7999
"""Longest payload PostgreSQL accepts (bytes); past it :func:`notify` sends an empty one: "re-read"."""
FINISHED = (MessageLog.COMPLETED, MessageLog.FAILED, MessageLog.CANCELLED)
"""Statuses that end a wait; every other one (delayed, published, running, retrying) means "not yet"."""
APPLICATION_NAME = "carrot result"
"""The listening connection's ``application_name`` (unless the database settings give one)."""

TaskId = MessageLog | str | uuid.UUID | int
Row = tuple[int, str, str, str, str, str]
"""What a waiter reads of a log: id, uuid, task, status, output, exception."""


class _Watch(Protocol):
    def fetch(self, sql: str, params: list[Any]) -> Row | None: ...

    def wait(self, pk: int, seconds: float) -> None: ...

    def close(self) -> None: ...


class _Polling:
    """Re-reads with a backoff, on a Django connection of its own."""

    def __init__(self, alias: str) -> None:
        self._db = connections.create_connection(alias)
        self._backoff = Backoff(first=FIRST_POLL, cap=MAX_POLL)

    def fetch(self, sql: str, params: list[Any]) -> Row | None:
        with self._db.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()

    def wait(self, pk: int, seconds: float) -> None:
        time.sleep(min(seconds, self._backoff.next()))

    def close(self) -> None:
        self._db.close()


class _Listening:
    """Listens on :data:`CHANNEL` on a psycopg connection built from Django's settings for ``alias``."""

    def __init__(self, alias: str) -> None:
        import psycopg  # only PostgreSQL users have it

        params = connections[alias].get_connection_params()
        params.setdefault("application_name", APPLICATION_NAME)
        self._connection = psycopg.connect(**params, autocommit=True)
        try:
            self._connection.execute(f"LISTEN {CHANNEL}")  # before the first read: no result slips between
        except BaseException:
            self._connection.close()
            raise

    def fetch(self, sql: str, params: list[Any]) -> Row | None:
        return self._connection.execute(sql, params).fetchone()

    def wait(self, pk: int, seconds: float) -> None:
        """Return once a notification may concern log ``pk``, or after ``seconds`` (at most
        :data:`SAFETY_INTERVAL`)."""
        deadline = time.monotonic() + min(seconds, SAFETY_INTERVAL)
        wanted = str(pk)
        while (left := deadline - time.monotonic()) > 0:
            for note in list(self._connection.notifies(timeout=left, stop_after=1)):
                if not note.payload or wanted in note.payload.split(","):
                    return

    def close(self) -> None:
        self._connection.close()


def _watch(alias: str) -> _Watch:
    connection = connections[alias]
    if connection.vendor == "postgresql":
        from django.db.backends.postgresql.psycopg_any import is_psycopg3

        if is_psycopg3:
            return _Listening(alias)
    return _Polling(alias)


def _sql(alias: str, column: str) -> str:
    quote = connections[alias].ops.quote_name
    columns = ", ".join(quote(name) for name in ("id", "uuid", "task", "status", "output", "exception"))
    # Identifiers quoted by the backend; the value is a parameter.
    return f"SELECT {columns} FROM {quote(MessageLog._meta.db_table)} WHERE {quote(column)} = %s"  # noqa: S608


def _where(task: TaskId) -> tuple[str, Any]:
    """The column and value that find ``task``'s log."""
    if isinstance(task, MessageLog):
        if task.pk is None:
            raise CarrotError("carrot.result() was given a MessageLog that is not saved")
        return "id", task.pk
    if isinstance(task, (str, uuid.UUID)):
        return "uuid", str(task)
    if isinstance(task, int) and not isinstance(task, bool):
        return "id", task
    raise CarrotError(f"carrot.result() takes a MessageLog, its uuid or its id, not {task!r}")


def _checked_timeout(timeout: float | None) -> float | None:
    if timeout is None:
        return None
    if isinstance(timeout, bool) or not isinstance(timeout, (int, float)) or not timeout >= 0:
        raise CarrotError(f"timeout must be None or a number of seconds >= 0, got {timeout!r}")
    return float(timeout)


def _value(output: str) -> Any:
    """The task's return value: its output decoded from JSON, the stored ``repr`` text when that is not
    JSON, ``None`` when empty."""
    if not output:
        return None
    try:
        return json.loads(output)
    except ValueError:
        return output


def _outcome(row: Row) -> Any:
    """The value of a finished log, or :class:`TaskFailed`."""
    _, message_id, task, status, output, exception = row
    if status == MessageLog.COMPLETED:
        return _value(output)
    if status == MessageLog.CANCELLED:
        how = "was cancelled" + (f": {exception}" if exception else "")
    else:
        how = f"failed: {exception}"
    raise TaskFailed(f"Task {task} ({message_id}) {how}", status=status, exception=exception)


def result(task: TaskId, timeout: float | None = None) -> Any:
    """Wait for ``task`` to finish and return its return value.

    ``task`` is a :class:`~carrot.models.MessageLog` (as ``publish_message`` returns), its ``uuid``
    or its primary key. ``timeout`` is in seconds; ``None`` waits as long as it takes.

    Returns the value the task returned, decoded from JSON (``None`` for ``None``); a value that was
    not JSON-serialisable was stored as its ``repr``, and that text is returned.
    Raises :class:`~carrot.errors.TaskFailed` when the task ended ``FAILED`` (the message holds the
    remote exception; ``.exception`` has it alone) or ``CANCELLED`` (``.status`` tells which),
    :class:`~carrot.errors.ResultTimeout` when it has not finished within ``timeout``, and
    :class:`~carrot.errors.CarrotError` for a task with no log.
    A delayed, queued, running or retrying task is waited for.
    """
    seconds = _checked_timeout(timeout)
    deadline = None if seconds is None else time.monotonic() + seconds
    column, key = _where(task)
    using = database.alias()  # where the consumers record results
    watch = _watch(using)
    try:
        row = watch.fetch(_sql(using, column), [key])
        if row is None:
            raise CarrotError(f"No task log has the {'uuid' if column == 'uuid' else 'id'} {key!r}")
        return _outcome(_finished(watch, row, _sql(using, "id"), deadline, timeout))
    finally:
        watch.close()


def _finished(watch: _Watch, row: Row, by_id: str, deadline: float | None, timeout: float | None) -> Row:
    """``row`` once its log has finished; raises :class:`ResultTimeout` past ``deadline``."""
    pk = row[0]
    while row[3] not in FINISHED:
        left = None if deadline is None else deadline - time.monotonic()
        if left is not None and left <= 0:
            raise ResultTimeout(f"Task {row[2]} ({row[1]}) did not finish within {timeout} s; it is {row[3]}")
        watch.wait(pk, SAFETY_INTERVAL if left is None else left)
        found = watch.fetch(by_id, [pk])
        if found is None:
            raise CarrotError(f"The log of task {row[2]} ({row[1]}) was deleted while waiting for its result")
        row = found
    return row


def notify(logs: Sequence[MessageLog]) -> None:
    """Tell waiting callers that these logs' results are saved: one ``NOTIFY`` whose payload is the ids
    of those that finished, which PostgreSQL delivers when the current transaction commits.

    Nothing on other databases, nor when none of ``logs`` finished (a retry waits on).
    """
    notify_ids([log.pk for log in logs if log.status in FINISHED])


def notify_ids(pks: Sequence[int]) -> None:
    """:func:`notify` for the logs of ``pks``, known to have finished (cancelled ones, say)."""
    connection = database.connection()
    if connection.vendor != "postgresql" or not pks:
        return
    payload = ",".join(str(pk) for pk in pks)  # ASCII: as many bytes as characters
    if len(payload) > PAYLOAD_LIMIT:
        payload = ""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_notify(%s, %s)", [CHANNEL, payload])
