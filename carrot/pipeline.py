"""The process's publishing pipeline: messages sent and confirmed in groups, off the caller's thread.

Waiting for the broker's confirm costs a round trip; done once per call it caps a thread at a few
hundred tasks a second. So :func:`~carrot.publishing.publish_message` writes the task's log (its
durable record, see :mod:`carrot.logs.outbox`) and hands the message to this pipeline. One background
thread per process takes everything handed in since its last round (up to :data:`BATCH`), publishes
the messages with pipelined confirms, then clears the confirmed logs' outbox mark and marks the logs
of messages the broker did not take ``FAILED``. It sends the next round while the previous round's
confirms are on their way, so the database, this process and the broker work at the same time. A
round starts as soon as there is work, so at low load it holds one task and nothing waits for a timer.
With ``CARROT['durable_publish']`` off, the pipeline writes the logs too, in one ``INSERT`` a round.

:func:`flush` waits until everything the calling thread handed in is confirmed, and raises
:class:`~carrot.errors.PublishError` for what was not. It runs at the end of each request, after each
task the service runs (a task's failed publish fails the task), at exit, and inside ``publish_many``,
``requeue`` and ``run_now``.
"""

from __future__ import annotations

import atexit
import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    close_old_connections,
    connections,
)

from carrot import broker, database
from carrot.broker_url import BrokerURL
from carrot.conf import get_settings
from carrot.errors import PublishError
from carrot.logs import outbox
from carrot.logs.write import insert_logs
from carrot.messages import TaskMessage
from carrot.models import MessageLog
from carrot.publisher import Publisher

logger = logging.getLogger(__name__)

BATCH = 1000
"""Most tasks one round publishes."""
MAX_PENDING = 20_000
"""Tasks waiting for a round before :meth:`Pipeline.submit` blocks its caller (backpressure)."""
IDLE_SECONDS = 1.0
"""Seconds without work after which the pipeline thread releases its database connection."""
FLUSH_TIMEOUT = 60.0
"""Seconds :func:`flush` waits by default: longer than a publisher rides out a broker outage."""
CLEAR_DELAY = 0.05
"""Seconds the outbox marks of confirmed tasks wait to be cleared together (one ``UPDATE`` for many
rounds instead of one each: on SQLite that write competed with every caller's log insert)."""

Item = tuple[broker.Route, TaskMessage, MessageLog | None]
"""What to publish, and the log to write first (``None`` when the caller wrote it)."""
T = TypeVar("T")


@dataclass
class Ticket:
    """One thread's account with the pipeline: tasks handed in, tasks done, failures not yet raised."""

    submitted: int = 0
    done: int = 0
    failures: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Job:
    route: broker.Route
    message: TaskMessage
    log: MessageLog | None
    ticket: Ticket


@dataclass
class Round:
    """Tasks sent together: per broker, the publisher and the mark to settle, and the failures so far."""

    jobs: list[Job]
    marks: list[tuple[Publisher, int, list[str]]] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    unlogged: set[str] = field(default_factory=set)
    """Ids of tasks that have no log: their failures are reported whatever the database says."""


def _with_one_retry(work: Callable[[], T], what: str) -> T | None:
    """Run ``work``; after a dropped database connection, once more. ``None`` (logged) when it failed."""
    for attempt in (1, 2):
        try:
            return work()
        except (OperationalError, InterfaceError) as exc:
            database.connection().close()
            if attempt == 2:
                logger.error("Could not %s: %s", what, exc)
        except DatabaseError as exc:
            database.connection().close()
            logger.error("Could not %s: %s", what, exc)
            break
    return None


def _write_logs(jobs: list[Job], sent: Round) -> list[Job]:
    """Insert the logs the pipeline writes (background publishing); returns the jobs to publish.

    A log the database refuses fails its own call alone: the round is written again one log at a
    time. When the database is unavailable the messages are published anyway (the consumer writes
    each log when its task starts).
    """
    logs = [job.log for job in jobs if job.log is not None]
    if not logs:
        return jobs
    try:
        try:
            insert_logs(logs)
        except (OperationalError, InterfaceError):  # a connection the server dropped: once more
            database.connection().close()
            insert_logs([log for log in logs if log.pk is None])  # chunks stored before the drop stay
    except (OperationalError, InterfaceError) as exc:
        database.connection().close()
        logger.error("Could not write %d task logs (%s); publishing them anyway", len(logs), exc)
        sent.unlogged.update(log.uuid for log in logs if log.pk is None)
    except DatabaseError:
        database.connection().close()
        for log in logs:
            if log.pk is None:
                _insert_alone(log, sent)
    return [job for job in jobs if job.message.message_id not in sent.failed]


def _insert_alone(log: MessageLog, sent: Round) -> None:
    """Insert one log; a refusal fails its task alone (recorded in ``sent``)."""
    try:
        with database.atomic():
            insert_logs([log])
    except DatabaseError as exc:
        database.connection().close()
        sent.unlogged.add(log.uuid)
        sent.failed[log.uuid] = f"its log could not be written: {exc}"


class _ConfirmedBacklog:
    """Ids of confirmed tasks whose outbox mark is still to be cleared, cleared in groups."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._ids: list[str] = []
        self._since = 0.0

    def add(self, message_ids: list[str]) -> None:
        if message_ids and not self._ids:
            self._since = time.monotonic()
        self._ids.extend(message_ids)

    def __bool__(self) -> bool:
        return bool(self._ids)

    def due_in(self) -> float | None:
        """Seconds until the backlog is due (``None`` when empty)."""
        if not self._ids:
            return None
        return max(0.0, self._since + self.delay - time.monotonic())

    def clear_if_due(self) -> None:
        """Clear the marks once due; they leave the backlog only then, so :meth:`Pipeline.drain` waits."""
        if self._ids and (len(self._ids) >= BATCH or self.due_in() == 0.0):
            ids = list(self._ids)
            _with_one_retry(lambda: outbox.confirmed(ids), "clear the outbox mark of confirmed tasks")
            del self._ids[: len(ids)]


def _release_connection() -> None:
    """Let the database connection go as ``CONN_MAX_AGE`` says; never raises: the thread lives on."""
    try:
        close_old_connections()  # asks the server for its state, which may fail
    except Exception:
        logger.debug("Checking the pipeline's database connection failed; closing it", exc_info=True)
        try:
            database.connection().close()
        except Exception:
            logger.debug("Closing the pipeline's database connection failed", exc_info=True)


class Pipeline:
    """The queue of handed-in tasks and the thread that publishes them."""

    def __init__(self, *, forked: bool = False) -> None:
        self.forked = forked
        """This process was forked from the one that loaded carrot (see :func:`_after_fork_in_child`)."""
        self._lock = threading.RLock()
        """Taken with ``with self._lock`` (C code), never ``with self._changed``: an exception the watchdog
        raises in a task's thread (time limit, cancel) can land at the start of any Python function,
        and ``Condition.__exit__`` is one: the lock would stay held and every publisher would hang."""
        self._changed = threading.Condition(self._lock)
        self._jobs: deque[Job] = deque()
        self._submitted = 0
        self._done = 0
        self._thread: threading.Thread | None = None
        self._local = threading.local()
        self.publishers: dict[BrokerURL, Publisher] = {}
        """The pipeline thread's connection to each broker, by URL (only that thread uses them)."""
        self._confirmed = _ConfirmedBacklog(0.0 if forked else CLEAR_DELAY)
        """A forked child clears each mark before its publish returns: it may be ended at any moment."""

    def ticket(self) -> Ticket:
        """The calling thread's ticket."""
        ticket: Ticket | None = getattr(self._local, "ticket", None)
        if ticket is None:
            ticket = self._local.ticket = Ticket()
        return ticket

    def submit(self, items: Iterable[Item]) -> None:
        """Hand tasks to the pipeline; blocks while :data:`MAX_PENDING` tasks are waiting."""
        ticket = self.ticket()
        jobs = [Job(route, message, log, ticket) for route, message, log in items]
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="carrot-publisher", daemon=True)
                self._thread.start()
            while len(self._jobs) >= MAX_PENDING:
                self._changed.wait()
            self._jobs.extend(jobs)
            self._submitted += len(jobs)
            ticket.submitted += len(jobs)
            self._changed.notify_all()

    def pending(self) -> bool:
        """Whether the calling thread has tasks in flight or failures not yet raised."""
        ticket = self.ticket()
        return ticket.done < ticket.submitted or bool(ticket.failures)

    def flush(self, timeout: float = FLUSH_TIMEOUT) -> None:
        """Wait until the calling thread's tasks are done; raise :class:`PublishError` for failures."""
        ticket = self.ticket()
        deadline = time.monotonic() + timeout
        with self._lock:
            while ticket.done < ticket.submitted:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise PublishError(
                        f"{ticket.submitted - ticket.done} tasks were not confirmed by the broker within "
                        f"{timeout:.0f}s; they are still being published."
                    )
                self._changed.wait(remaining)
            failures, ticket.failures = ticket.failures, {}
        if failures:
            first = next(iter(failures.values()))
            raise PublishError(f"{len(failures)} task(s) were not published: {first}", failures)

    def drain(self, timeout: float) -> bool:
        """Wait until every thread's tasks are done and recorded; ``False`` when ``timeout`` ran out first."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._done < self._submitted or self._confirmed:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return False
                self._changed.wait(remaining)
        return True

    def _take(self, wait: bool) -> list[Job]:
        """The next round's jobs (up to :data:`BATCH`); without ``wait``, possibly none.

        While confirmed marks wait to be cleared, it waits no longer than they may. After
        :data:`IDLE_SECONDS` without work the thread lets its database connection go as Django's
        ``CONN_MAX_AGE`` says (by default it closes it), as a request would at its end.
        """
        with self._lock:
            clear_in = self._confirmed.due_in()
            if wait and clear_in is not None:
                wait = bool(self._changed.wait_for(lambda: self._jobs, clear_in))
            elif wait and not self._changed.wait_for(lambda: self._jobs, IDLE_SECONDS):
                _release_connection()
            while wait and not self._jobs:
                self._changed.wait()
            jobs = [self._jobs.popleft() for _ in range(min(BATCH, len(self._jobs)))]
            self._changed.notify_all()
        return jobs

    def _publisher(self, route: broker.Route) -> Publisher:
        """The publisher for the route's broker, retrying for as long as the settings say now."""
        url = route.queue.broker
        if url not in self.publishers:
            self.publishers[url] = Publisher(route.queue.broker)
        self.publishers[url].retry_seconds = get_settings().publish_retry_seconds
        return self.publishers[url]

    def _send(self, jobs: list[Job]) -> Round:
        """Write the round's logs if the pipeline writes them, and send its messages without waiting."""
        sent = Round(jobs)
        try:
            by_broker: dict[BrokerURL, list[tuple[broker.Route, TaskMessage]]] = {}
            for job in _write_logs(jobs, sent):
                by_broker.setdefault(job.route.queue.broker, []).append((job.route, job.message))
            for items in by_broker.values():
                publisher = self._publisher(items[0][0])
                sent.marks.append((publisher, publisher.send(items), [m.message_id for _, m in items]))
        except Exception as exc:  # a bug mid-round must not kill the pipeline thread
            logger.exception("Publishing %d tasks failed", len(jobs))
            sent.failed.update({job.message.message_id: f"{type(exc).__name__}: {exc}" for job in jobs})
            sent.marks.clear()
        return sent

    def _settle(self, sent: Round) -> None:
        """Wait for a round's confirms, record the outcome in the logs, and tell the threads that sent it."""
        reported: dict[str, str] = {}
        try:
            for publisher, mark, ids in sent.marks:
                sent.failed.update(publisher.settle(mark, ids))
            reported = self._record(sent)
            self._confirmed.clear_if_due()
        except Exception:
            logger.exception("Recording the outcome of %d published tasks failed", len(sent.jobs))
            reported = dict(sent.failed)
        with self._lock:
            for job in sent.jobs:
                job.ticket.done += 1
                why = reported.get(job.message.message_id)
                if why is not None:
                    job.ticket.failures[job.message.message_id] = why
            self._done += len(sent.jobs)
            self._changed.notify_all()

    def _record(self, sent: Round) -> dict[str, str]:
        """Queue the confirmed logs' outbox marks for clearing, fail the others; returns failures to report.

        A failure whose log a consumer has already moved on is not one (its confirm was lost, not its
        message); one whose log could not be marked is reported all the same.
        """
        self._confirmed.add(
            [job.message.message_id for job in sent.jobs if job.message.message_id not in sent.failed]
        )
        if not sent.failed:
            return {}
        marked = _with_one_retry(lambda: outbox.mark_unpublished(sent.failed), "mark unpublished tasks")
        if marked is None:
            return dict(sent.failed)
        return {mid: why for mid, why in sent.failed.items() if mid in marked or mid in sent.unlogged}

    def _run(self) -> None:
        """Send each round while the previous one's confirms are on their way, then settle that one."""
        in_flight: Round | None = None
        while True:
            jobs = self._take(wait=in_flight is None)
            sent = self._send(jobs) if jobs else None
            if in_flight is not None:
                self._settle(in_flight)
            in_flight = sent
            if in_flight is None:
                self._clear_confirmed()

    def _clear_confirmed(self) -> None:
        """Clear the marks that are due, and tell :meth:`drain` when none are left."""
        try:
            self._confirmed.clear_if_due()
        except Exception:
            logger.exception("Clearing the outbox marks of confirmed tasks failed")
        with self._lock:
            self._changed.notify_all()


_pipeline = Pipeline()


def pipeline() -> Pipeline:
    """This process's pipeline."""
    return _pipeline


def flush(timeout: float = FLUSH_TIMEOUT) -> None:
    """Wait until every task this thread published is confirmed by the broker.

    Raises :class:`~carrot.errors.PublishError` listing the tasks that were not published (their logs
    are ``FAILED`` with the reason, ready to requeue from the monitor) or that are still unconfirmed
    after ``timeout`` seconds.
    """
    _pipeline.flush(timeout)


def flush_quietly(**_: object) -> None:
    """:func:`flush` that logs failures instead of raising (end of a request)."""
    if not _pipeline.pending():
        return
    try:
        _pipeline.flush()
    except PublishError as exc:
        logger.error("%s", exc)


def _drain_at_exit() -> None:
    if not _pipeline.drain(FLUSH_TIMEOUT):
        logger.error("Exiting with tasks still unconfirmed by the broker after %.0fs", FLUSH_TIMEOUT)


def _after_fork_in_child() -> None:
    """A forked child gets a pipeline of its own and database connections of its own.

    The parent's pipeline thread does not exist in the child (the parent publishes what it handed
    in). The parent's database connections are the parent's sessions: the child drops them without
    closing them (closing would end the parent's session on the server) and opens its own on first
    use. A forked child's exit skips ``atexit`` (``multiprocessing`` ends it with ``os._exit`` or
    terminates it), so its publishes wait for the broker's confirm before they return.
    """
    global _pipeline
    _pipeline = Pipeline(forked=True)
    for inherited in connections.all(initialized_only=True):
        inherited.connection = None


atexit.register(_drain_at_exit)
os.register_at_fork(after_in_child=_after_fork_in_child)
