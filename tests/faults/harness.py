"""What every fault scenario needs: the service as a subprocess, publishers as subprocesses, the broker
seen through raw pika, and the count of what happened to each task.

A scenario publishes tasks of :mod:`tests.faults.tasks`, each with a token of its own as first argument,
breaks something, waits, and then :func:`tally` counts from two records that do not depend on each
other: the ledger the tasks append to when they run, and the ``MessageLog`` table. :meth:`Tally.check`
fails the test, naming every count, when a task was lost (never ran), a log did not end (still
``PUBLISHED`` or ``IN_PROGRESS``), a task has no log, or a message was left in the queue.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pika
from pika.exceptions import ChannelClosedByBroker

from carrot.models import MessageLog
from tests import settings as test_settings
from tests.conftest import subprocess_env
from tests.faults import settings as fault_settings
from tests.faults.tasks import LEDGER_ENV

FAULT_TASKS = "tests.faults.tasks."
RESULTS: list[Tally] = []
"""Every scenario's counts, printed at the end of the run (``tests/faults/conftest.py``)."""


# The record ------------------------------------------------------------------------------------


def ledger_runs(ledger: Path) -> Counter[str]:
    """How many times each token ran, from the ledger the tasks keep."""
    if not ledger.exists():
        return Counter()
    return Counter(line.split(" ", 1)[0] for line in ledger.read_text().splitlines() if line)


def token_of(args: Any, kwargs: Any) -> str | None:
    if isinstance(args, list) and args and isinstance(args[0], str):
        return args[0]
    if isinstance(kwargs, dict) and isinstance(kwargs.get("token"), str):
        return kwargs["token"]
    return None


@dataclass
class Tally:
    """What happened to a scenario's tasks."""

    scenario: str
    expected: int
    """Tasks the scenario published that must run."""
    published: int
    """Logs in the table (tasks whose publish returned, and the others the scenario sent)."""
    completed: int
    failed: int
    lost: int
    """Expected tasks that never ran."""
    duplicated: int
    """Runs beyond the first of any task (at-least-once allows them; they are reported)."""
    unended: int
    """Logs still ``PUBLISHED`` or ``IN_PROGRESS``."""
    logless: int
    """Expected tasks without a log."""
    failed_after_run: int
    """Logs ``FAILED`` although their task (one that cannot fail) ran: a result overwritten."""
    left_in_queue: int | None = None
    seconds: float = 0.0
    notes: dict[str, Any] = field(default_factory=dict)
    lost_tokens: list[str] = field(default_factory=list)
    unended_tokens: list[str] = field(default_factory=list)

    def line(self) -> str:
        counts = (
            f"published={self.published} completed={self.completed} failed={self.failed} "
            f"lost={self.lost} duplicated={self.duplicated} unended={self.unended}"
        )
        extra = "".join(f" {key}={value}" for key, value in self.notes.items())
        queue = "" if self.left_in_queue is None else f" left_in_queue={self.left_in_queue}"
        return f"{self.scenario}: {counts}{queue} ({self.seconds:.1f}s){extra}"

    def problems(self, *, allow_failed_after_run: bool = True) -> list[str]:
        found = []
        if self.lost:
            found.append(f"{self.lost} of {self.expected} tasks never ran (e.g. {self.lost_tokens[:5]})")
        if self.unended:
            found.append(f"{self.unended} logs never ended (e.g. {self.unended_tokens[:5]})")
        if self.logless:
            found.append(f"{self.logless} tasks have no log")
        if self.left_in_queue:
            found.append(f"{self.left_in_queue} messages left in the queue (never acked)")
        if self.failed_after_run and not allow_failed_after_run:
            found.append(
                f"{self.failed_after_run} logs FAILED although their task ran (a result overwritten)"
            )
        return found

    def check(self, *, allow_failed_after_run: bool = True) -> None:
        """Fail, naming every count, unless nothing was lost and every log ended."""
        problems = self.problems(allow_failed_after_run=allow_failed_after_run)
        assert not problems, f"{'; '.join(problems)}\n  {self.line()}"


def tally(
    scenario: str,
    expected: Iterable[str],
    ledger: Path,
    *,
    started: float,
    infallible: Callable[[str], bool] = lambda task: task == FAULT_TASKS + "record",
) -> Tally:
    """Count what happened to the tasks of ``expected`` tokens (and every other log in the table)."""
    expected = list(expected)
    runs = ledger_runs(ledger)
    rows = list(MessageLog.objects.values_list("task", "task_args", "content", "status"))
    statuses = Counter(status for _, _, _, status in rows)
    tokens_with_log = {token_of(args, kwargs) for _, args, kwargs, _ in rows}
    unended = [
        token_of(args, kwargs) or task
        for task, args, kwargs, status in rows
        if status in (MessageLog.PUBLISHED, MessageLog.IN_PROGRESS)
    ]
    failed_after_run = sum(
        1
        for task, args, kwargs, status in rows
        if status == MessageLog.FAILED and infallible(task) and runs[token_of(args, kwargs) or ""]
    )
    lost = [token for token in expected if not runs[token]]
    result = Tally(
        scenario=scenario,
        expected=len(expected),
        published=len(rows),
        completed=statuses[MessageLog.COMPLETED],
        failed=statuses[MessageLog.FAILED],
        lost=len(lost),
        duplicated=sum(count - 1 for count in runs.values() if count > 1),
        unended=len(unended),
        logless=sum(1 for token in expected if token not in tokens_with_log),
        failed_after_run=failed_after_run,
        seconds=time.monotonic() - started,
        lost_tokens=lost,
        unended_tokens=unended,
    )
    return result


def settle(
    scenario: str, expected: Iterable[str], ledger: Path, *, started: float, timeout: float, **kwargs: Any
) -> Tally:
    """Wait (up to ``timeout`` seconds) until every expected task ran and every log ended; then count."""
    expected = list(expected)
    deadline = time.monotonic() + timeout
    while True:
        counted = tally(scenario, expected, ledger, started=started, **kwargs)
        if (not counted.lost and not counted.unended) or time.monotonic() > deadline:
            return counted
        time.sleep(0.25)


def report(counted: Tally) -> Tally:
    """Print the scenario's counts (``pytest -s`` shows them) and keep them for the run's summary."""
    RESULTS.append(counted)
    print(f"\n[faults] {counted.line()}", flush=True)
    return counted


# The broker, as another client sees it ---------------------------------------------------------


@contextlib.contextmanager
def rabbit() -> Any:
    """A raw pika channel on the run's vhost, straight to RabbitMQ (never through a proxy)."""
    connection = pika.BlockingConnection(pika.URLParameters(test_settings.BROKER))
    try:
        yield connection.channel()
    finally:
        with contextlib.suppress(Exception):
            connection.close()


def queue_depth(name: str = fault_settings.QUEUE) -> tuple[int, int] | None:
    """``(messages ready, consumers)`` of a queue, or ``None`` when it does not exist."""
    try:
        with rabbit() as channel:
            frame = channel.queue_declare(queue=name, passive=True)
    except ChannelClosedByBroker as exc:
        if exc.reply_code == 404:
            return None
        raise
    return frame.method.message_count, frame.method.consumer_count


def reset_queue(name: str = fault_settings.QUEUE) -> None:
    """Leave the queue empty and declared as the settings say (a scenario may have deleted it)."""
    from carrot.conf import get_settings

    with rabbit() as channel:
        if queue_depth(name) is None:
            queue = get_settings().queue(name)
            channel.queue_declare(name, durable=queue.durable, arguments=dict(queue.queue_arguments))
        channel.queue_purge(name)


def delete_queue(name: str = fault_settings.QUEUE) -> None:
    """Delete a queue from another connection, as an operator (or the upgrade docs) would."""
    with rabbit() as channel:
        channel.queue_delete(name)


def publish_raw(body: bytes, task: str | None, message_id: str, queue: str = fault_settings.QUEUE) -> None:
    """Publish as another producer would (django-carrot 1.x's wire format), without writing a log."""
    headers = {"type": task} if task else {}
    properties = pika.BasicProperties(
        headers=headers, message_id=message_id, content_type="application/json", delivery_mode=2
    )
    with rabbit() as channel:
        channel.confirm_delivery()
        channel.basic_publish("", queue, body, properties, mandatory=True)


# Processes ---------------------------------------------------------------------------------------


def fault_env(ledger: Path, **extra: str) -> dict[str, str]:
    """The environment of a service or publisher subprocess of the fault suite."""
    return subprocess_env(
        DJANGO_SETTINGS_MODULE="tests.faults.settings", **{LEDGER_ENV: str(ledger)}, **extra
    )


class ServiceProcess:
    """``manage.py carrot`` as an operator runs it, output kept in a file; restartable after a kill."""

    def __init__(self, output: Path, env: dict[str, str]) -> None:
        self.output = output
        self.env = env
        self.process: subprocess.Popen[bytes] | None = None
        self.starts = 0
        self._offset = 0

    def start(self, timeout: float = 30.0) -> ServiceProcess:
        """Start the service and wait until each of its consumers says it is consuming."""
        assert self.process is None or self.process.poll() is not None, "the service is already running"
        self._offset = self.output.stat().st_size if self.output.exists() else 0
        with self.output.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "django", "carrot", "--loglevel", "INFO"],
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        self.starts += 1
        consumers = sum(q.get("concurrency", 1) for q in fault_settings.CARROT["queues"])
        deadline = time.monotonic() + timeout
        while self.since_start().count(" consuming ") < consumers:
            if self.process.poll() is not None:
                raise AssertionError(f"the service exited with {self.process.returncode}:\n{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the service did not start consuming in {timeout}s:\n{self.tail()}")
            time.sleep(0.1)
        return self

    def since_start(self) -> str:
        with self.output.open("rb") as file:
            file.seek(self._offset)
            return file.read().decode(errors="replace")

    def tail(self, lines: int = 40) -> str:
        text = self.output.read_text(errors="replace") if self.output.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def kill(self) -> None:
        """SIGKILL the service (by its pid) and reap it."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self, timeout: float = 30.0) -> int | None:
        """SIGTERM and wait; SIGKILL if it does not stop in ``timeout`` seconds. Returns the exit code."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        return self.process.returncode


class Publisher:
    """``python -m tests.faults.publisher <scenario> ...``: a process that publishes and reports in JSON.

    Its JSON lines are read by a thread, so waiting for one is bounded even when the publisher hangs;
    its stderr goes to ``log``.
    """

    def __init__(self, env: dict[str, str], log: Path, *args: str) -> None:
        self.log = log
        with log.open("ab") as err:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.faults.publisher", *args],
                env=env,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
            )
        self.events: list[dict[str, Any]] = []
        self._lines: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put(None)

    def next_event(self, timeout: float = 60.0) -> dict[str, Any]:
        """The next JSON line the publisher printed; fails with its stderr if it ends or says nothing."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._lines.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"the publisher said nothing for {timeout}s:\n{self.stderr()}") from None
            if line is None:
                raise AssertionError(
                    f"the publisher ended ({self.wait()}) without a report:\n{self.stderr()}"
                )
            if line.startswith("{"):
                event = json.loads(line)
                self.events.append(event)
                return event

    def until(self, name: str, timeout: float = 60.0) -> dict[str, Any]:
        """Read events until one named ``name``; a ``crashed`` event fails the test with its details."""
        while True:
            event = self.next_event(timeout)
            if event["event"] == name:
                return event
            if event["event"] == "crashed":
                raise AssertionError(f"the publisher failed: {event['error']}\n{self.stderr()}")

    def kill(self) -> None:
        """SIGKILL the publisher (by its pid) and reap it."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait(10)

    def wait(self, timeout: float = 60.0) -> int:
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            return self.process.returncode

    def stderr(self, lines: int = 30) -> str:
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return "\n".join(text.splitlines()[-lines:])

    def close(self) -> None:
        self.kill()
        self._reader.join(timeout=5)
        if self.process.stdout is not None:
            self.process.stdout.close()


def wait_runs(ledger: Path, runs: int, timeout: float) -> int:
    """Wait until the ledger holds ``runs`` runs (or ``timeout`` passed); returns how many it holds."""
    deadline = time.monotonic() + timeout
    while True:
        count = sum(ledger_runs(ledger).values())
        if count >= runs or time.monotonic() > deadline:
            return count
        time.sleep(0.05)


def left_in_queue(name: str = fault_settings.QUEUE) -> int:
    """Messages in the queue once no service holds any (call it after stopping the services)."""
    depth = queue_depth(name)
    return 0 if depth is None else depth[0]
