"""Saving a consumer's task runs in groups, on a thread of their own, before their messages are acked.

A commit per task start and another per task end cap a consumer at a few hundred short tasks a
second. So the worker thread only reads the log before a run; it hands the start and the result of
the run to this recorder and goes on with the next prefetched message. The recorder saves everything
handed in since its last commit in one transaction, then acks those messages: delivery stays
at-least-once, and a crash can rerun the tasks of one uncommitted group (at most
``prefetch_count``), as it reruns the task that was running.

A group is saved whole or not at all, so a result the database refuses (a non-retryable error) would
undo the others with it. The recorder then saves each run of the group on its own; a run whose own
save fails is saved ``FAILED`` with the database's reason instead, and only when even that fails is
its message (alone) given back to the broker.

On PostgreSQL a group with finished runs also sends one ``NOTIFY`` (:func:`carrot.results.notify`),
delivered as it commits, which wakes the callers waiting in :func:`carrot.result` for them.

A start is saved only when its task is still running :data:`START_DELAY` after it began: a task
that ends sooner is saved once, finished, and a longer one shows ``IN_PROGRESS`` in the monitor.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections

from carrot import database, results
from carrot.dbretry import GaveUp, with_db_retry
from carrot.logs import runs
from carrot.models import MessageLog
from carrot.runner import Outcome

logger = logging.getLogger(__name__)

START_DELAY = 0.1
"""Seconds a task runs before its ``IN_PROGRESS`` start is saved on its own."""
MAX_GROUP = 200
"""Most finished runs one transaction saves."""


@dataclass
class Run:
    """One task run from start to saved result."""

    log: MessageLog
    context: Any = None
    """The consumer's own data about the run (its delivery)."""
    began: float = field(default_factory=time.monotonic)
    outcome: Outcome | None = None


Saved = Callable[[list[Run], bool], None]
"""Called with a group of finished runs once committed (``True``) or given up on (``False``)."""


class Recorder:
    """The thread that saves one consumer's runs."""

    def __init__(self, name: str, stopping: threading.Event, saved: Saved) -> None:
        self._stopping = stopping
        self._saved = saved
        self._changed = threading.Condition()
        self._finished: list[Run] = []
        self._starts: list[tuple[float, int, Run]] = []
        self._order = itertools.count()
        self._closing = False
        self._thread = threading.Thread(target=self._loop, name=f"{name}-recorder", daemon=True)
        self._thread.start()

    def started(self, run: Run) -> None:
        with self._changed:
            idle = not self._starts  # else the thread already wakes for an earlier start
            heapq.heappush(self._starts, (run.began + START_DELAY, next(self._order), run))
            if idle:
                self._changed.notify()

    def finished(self, run: Run) -> None:
        with self._changed:
            self._finished.append(run)
            self._changed.notify()

    def close(self) -> None:
        """Save what is pending, then stop the thread."""
        with self._changed:
            self._closing = True
            self._changed.notify()
        self._thread.join()

    def _due_starts(self, now: float) -> list[Run]:
        due: list[Run] = []
        while self._starts and (self._starts[0][0] <= now or self._closing):
            run = heapq.heappop(self._starts)[2]
            if run.outcome is None:
                due.append(run)
        return due

    def _take(self) -> tuple[list[Run], list[Run]] | None:
        """The next group: finished runs and starts now due; ``None`` when closed and all saved."""
        with self._changed:
            while True:
                now = time.monotonic()
                finished, self._finished = self._finished[:MAX_GROUP], self._finished[MAX_GROUP:]
                starts = self._due_starts(now)
                if finished or starts:
                    return finished, starts
                if self._closing:
                    return None
                timeout = self._starts[0][0] - now if self._starts else None
                self._changed.wait(timeout)

    def _loop(self) -> None:
        try:
            while (group := self._take()) is not None:
                self._save(*group)
        finally:
            connections.close_all()

    def _save(self, finished: list[Run], starts: list[Run]) -> None:
        try:
            self._write(finished, starts)
        except GaveUp:
            logger.warning("Stopped before saving %d task results; the broker redelivers them", len(finished))
            self._settle(finished, saved=False)
        except Exception:
            logger.exception("Saving %d task runs together failed; saving each on its own", len(finished))
            self._save_each(finished, starts)
        else:
            self._settle(finished, saved=True)

    def _write(self, finished: list[Run], starts: list[Run]) -> None:
        """Save starts and results in one transaction, riding out a database outage."""

        def write() -> None:
            with database.atomic():
                if starts:
                    runs.save_starts([run.log for run in starts])
                if finished:
                    logs = [run.log for run in finished]
                    runs.save_results(logs)
                    results.notify(logs)  # delivered on commit, to callers waiting in carrot.result()

        with_db_retry(write, self._stopping, f"saving {len(finished) + len(starts)} task runs")

    def _save_each(self, finished: list[Run], starts: list[Run]) -> None:
        """Save the runs of a refused group one by one, so one bad result costs only its own run."""
        for run in starts:
            try:
                self._write([], [run])
            except Exception:  # its result is saved on its own later; the start only informs
                logger.exception("Could not save the start of task %s (%s)", run.log.task, run.log.uuid)
        saved: list[Run] = []
        unsaved: list[Run] = []
        for run in finished:
            (saved if self._save_alone(run) else unsaved).append(run)
        self._settle(saved, saved=True)
        self._settle(unsaved, saved=False)

    def _save_alone(self, run: Run) -> bool:
        """Save one run's result, or else a ``FAILED`` result saying why; ``False`` when neither."""
        try:
            self._write([run], [])
            return True
        except GaveUp:
            return False
        except Exception as exc:
            logger.exception("The database refused the result of task %s (%s)", run.log.task, run.log.uuid)
            runs.unsaved_result(run.log, exc)
            run.outcome = Outcome(succeeded=False, exception=run.log.exception, error=exc)
        try:
            self._write([run], [])
            return True
        except Exception:
            logger.exception(
                "Could not save task %s (%s) as FAILED either; the broker redelivers it",
                run.log.task,
                run.log.uuid,
            )
            return False

    def _settle(self, runs: list[Run], *, saved: bool) -> None:
        if runs:
            self._saved(runs, saved)
