"""Time limits and cancelling running tasks: one watchdog per process watches the tasks its consumers run.

A consumer's worker thread runs each task inside a :class:`Watch` (:func:`carrot.runner.run` enters it
right before the task and leaves it right after). The watchdog thread:

* raises :class:`~carrot.errors.TimeLimitExceeded` ("time limit of N s exceeded") in the thread of a
  task that runs past its time limit (``@task(time_limit=...)``, default ``CARROT['time_limit']``);
* abandons that task if it is still running :data:`GRACE` seconds later (it was blocked in C code, as
  in a long ``time.sleep``, or it caught the exception and went on): its consumer records the run
  ``FAILED`` and acks its message, and goes on with a new worker thread;
* on a second thread (so that a slow database never delays a time limit), every
  :data:`POLL_INTERVAL` seconds while tasks run here, reads with one query which of them were
  cancelled (their log's ``cancelled_time`` is set) and raises :class:`~carrot.errors.TaskCancelled`
  in them. Best effort: a task that catches it, or never returns to Python code, runs on.

The exception is raised with ``PyThreadState_SetAsyncExc``: Python raises it in the thread at its next
bytecode, so a task blocked in a C call (a sleep, a socket read without timeout) meets it only when
the call returns. At most one exception is raised in a run, and only while its task runs: never in
the consumer's own code after it.

An abandoned thread cannot be killed: it runs on until its task returns or raises, then ends.
Whatever it returns, raises or logs after it was abandoned is discarded (never saved, its message
never acked twice); what the task did meanwhile (rows written, tasks published) stays done. Until it
ends it keeps its memory and its database connection; one that never returns stays until the
process exits.

With no time limit and nothing cancelled, a run costs the watchdog two lock round-trips, and the
process one query a second while tasks run (none while idle).
"""

from __future__ import annotations

import ctypes
import logging
import math
import sys
import threading
import time
import traceback
from collections.abc import Callable

from django.db import connections

from carrot.errors import Interrupt, TaskCancelled, TimeLimitExceeded
from carrot.logs import runs
from carrot.runner import LogEntry, Outcome
from carrot.threads import StoppableThread
from carrot.values import storable_text

logger = logging.getLogger(__name__)

GRACE = 2.0
"""Seconds a task may go on after :class:`~carrot.errors.TimeLimitExceeded` before it is abandoned."""
POLL_INTERVAL = 1.0
"""Seconds between two reads of which running tasks were cancelled (only while tasks run)."""

_set_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc

_NEW, _RUNNING, _DONE, _ABANDONED = range(4)


def _interrupt_class(kind: type[Interrupt], message: str) -> type[Interrupt]:
    """A subclass of ``kind``, of the same name, whose instances carry ``message``.

    Python makes the exception it raises in a thread from a class alone, without arguments.
    """

    def __init__(self: Interrupt, *args: object) -> None:
        kind.__init__(self, *(args or (message,)))

    namespace = {"__init__": __init__, "__module__": kind.__module__, "__qualname__": kind.__qualname__}
    return type(kind.__name__, (kind,), namespace)


def limit_text(limit: float) -> str:
    """What a run past its time limit says: ``"time limit of 30 s exceeded"``."""
    return f"time limit of {limit:g} s exceeded"


class Watch:
    """One run of a task, as the watchdog sees it: :func:`carrot.runner.run` enters it right before the
    task and leaves it right after."""

    def __init__(
        self, watchdog: Watchdog, log_id: int, limit: float | None, on_abandon: Callable[[Outcome], None]
    ) -> None:
        self._watchdog = watchdog
        self.log_id = log_id
        self.limit = limit
        self.on_abandon = on_abandon
        """Called on the watchdog's thread with the run's ``FAILED`` outcome when it is abandoned."""
        self.deadline = math.inf
        self.thread_id = 0
        self.entries: list[LogEntry] = []
        self.state = _NEW
        self.interrupt: type[Interrupt] | None = None
        """The exception raised in the task, if one was."""

    def enter(self, entries: list[LogEntry]) -> None:
        """On the task's thread, right before the task runs (``entries``: its log so far)."""
        self._watchdog.enter(self, entries)

    def leave(self) -> None:
        """On the task's thread once the task returned or raised; may be called again."""
        self._watchdog.leave(self)

    @property
    def abandoned(self) -> bool:
        """Whether the run was given up on: its result must be discarded."""
        return self.state == _ABANDONED


class Watchdog(StoppableThread):
    """The thread that enforces time limits and cancels running tasks (see the module's docstring)."""

    def __init__(self) -> None:
        super().__init__(name="carrot-watchdog")
        self._changed = threading.Condition()
        self._running: set[Watch] = set()
        self._wake_at = math.inf
        self._connected = False
        self.polls = 0
        """How many times it read the cancelled tasks (for tests)."""

    def stop(self) -> None:
        super().stop()
        with self._changed:
            self._changed.notify()

    # -- the worker threads -------------------------------------------------------------------

    def watch(self, log_id: int, limit: float | None, on_abandon: Callable[[Outcome], None]) -> Watch:
        """A watch for one run of the task of log ``log_id`` with time limit ``limit`` (seconds)."""
        return Watch(self, log_id, limit, on_abandon)

    def enter(self, watch: Watch, entries: list[LogEntry]) -> None:
        """On the task's thread, right before the task runs: from now on it may be interrupted."""
        watch.thread_id, watch.entries = threading.get_ident(), entries
        if watch.limit is not None:
            watch.deadline = time.monotonic() + watch.limit
        with self._changed:
            watch.state = _RUNNING
            self._running.add(watch)
            if watch.deadline < self._wake_at:
                self._changed.notify()

    def leave(self, watch: Watch) -> None:
        """On the task's thread once the task returned or raised; no exception is raised in it after."""
        with self._changed:
            if watch.state == _RUNNING:
                watch.state = _DONE
                self._running.discard(watch)
            if watch.interrupt is not None:  # if not delivered yet (also in an abandoned run): drop it
                _set_async_exc(ctypes.c_ulong(watch.thread_id), None)

    # -- the watchdog's thread ----------------------------------------------------------------

    def run(self) -> None:
        """Enforce the time limits; the cancellations are read on a thread of their own, so a slow
        database never delays a time limit."""
        poller = threading.Thread(target=self._poll_loop, name="carrot-watchdog-poll", daemon=True)
        poller.start()
        while not self._stopping.is_set():
            for watch in self._enforce_limits(time.monotonic()):
                self._abandon(watch)
            self._sleep()
        poller.join()

    def _sleep(self) -> None:
        """Until the next limit or grace period ends, or a run with an earlier one starts."""
        with self._changed:
            pending = (w.deadline + (GRACE if w.interrupt else 0.0) for w in self._running)
            self._wake_at = min(pending, default=math.inf)
            if not self._stopping.is_set():
                timeout = self._wake_at - time.monotonic()
                self._changed.wait(None if timeout == math.inf else max(0.0, timeout))
            self._wake_at = -math.inf  # awake: no need to notify

    def _enforce_limits(self, now: float) -> list[Watch]:
        """Interrupt the runs past their limit; returns those past their grace period, now abandoned."""
        abandoned = []
        with self._changed:
            for watch in [w for w in self._running if w.deadline <= now]:
                if now >= watch.deadline + GRACE:
                    watch.state = _ABANDONED
                    self._running.discard(watch)
                    abandoned.append(watch)
                elif watch.interrupt is None:
                    self._raise_in(watch, TimeLimitExceeded, limit_text(watch.limit or 0))
        return abandoned

    def _raise_in(self, watch: Watch, kind: type[Interrupt], message: str) -> None:
        """Raise ``kind(message)`` in the running task of ``watch`` (under the lock)."""
        watch.interrupt = _interrupt_class(kind, message)
        _set_async_exc(ctypes.c_ulong(watch.thread_id), ctypes.py_object(watch.interrupt))

    def _abandon(self, watch: Watch) -> None:
        """Hand the ``FAILED`` outcome of an abandoned run, with where its task is stuck, to its consumer."""
        exceeded = limit_text(watch.limit or 0)
        text = (
            f"TimeLimitExceeded: {exceeded}; the task did not stop within {GRACE:g} s of the exception, "
            "so its thread was abandoned (its late result is discarded) and the consumer goes on with a "
            "new one"
        )
        frame = sys._current_frames().get(watch.thread_id)
        stack = "".join(traceback.format_stack(frame)) if frame is not None else ""
        outcome = Outcome(
            succeeded=False,
            exception=storable_text(text),
            traceback=storable_text(f"Where the task was when it was abandoned:\n{stack}"),
            log=list(watch.entries),
            error=TimeLimitExceeded(exceeded),
        )
        try:
            watch.on_abandon(outcome)
        except Exception:
            logger.exception("Could not hand over the abandoned run of log %s", watch.log_id)

    def _poll_loop(self) -> None:
        try:
            while not self._stopping.wait(POLL_INTERVAL):
                self._poll_cancelled()
        finally:
            connections.close_all()

    def _poll_cancelled(self) -> None:
        """Raise :class:`TaskCancelled` in the running tasks whose log asks for it (one query)."""
        with self._changed:
            watched = {w.log_id: w for w in self._running if w.interrupt is None}
        if not watched:
            if self._connected:  # idle: give the connection back
                connections.close_all()
                self._connected = False
            return
        self.polls += 1
        self._connected = True
        try:
            cancelled = runs.cancel_requested(list(watched))
        except Exception as exc:
            logger.warning("Could not read which running tasks were cancelled: %s", exc)
            connections.close_all()
            return
        with self._changed:
            for log_id in cancelled:
                watch = watched[log_id]
                if watch.state == _RUNNING and watch.interrupt is None:
                    self._raise_in(watch, TaskCancelled, "the task was cancelled while it ran")


class _Shared:
    """The process's one watchdog, running while at least one consumer uses it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._watchdog: Watchdog | None = None
        self._users = 0

    def acquire(self) -> Watchdog:
        with self._lock:
            if self._watchdog is None:
                self._watchdog = Watchdog()
                self._watchdog.start()
            self._users += 1
            return self._watchdog

    def release(self) -> None:
        with self._lock:
            self._users -= 1
            if self._users or self._watchdog is None:
                return
            watchdog, self._watchdog = self._watchdog, None
        watchdog.stop()
        watchdog.join()


_shared = _Shared()
acquire = _shared.acquire
"""The process's watchdog, started if it is not running; call :func:`release` when done with it."""
release = _shared.release
"""Done with the watchdog: the last user stops it."""
