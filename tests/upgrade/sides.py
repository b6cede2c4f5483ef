"""The two projects of a switch as processes, the queue they share, and the ledger of task runs."""

from __future__ import annotations

import contextlib
import json
import signal
import subprocess
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pika
from pika.exceptions import ChannelClosedByBroker
from pika.spec import NOT_FOUND

from tests.conftest import subprocess_env, wait_for
from tests.upgrade import fleet

REPO = Path(__file__).resolve().parents[2]
ONEFIVE_MANAGE = Path(__file__).resolve().parent / "onefive" / "manage.py"
CONSUMERS = 2
"""Consumers per service: the concurrency of the queue in both projects' settings."""


def queue_state() -> tuple[int, int]:
    """The shared queue's messages waiting (not delivered) and its consumers; none before it exists."""
    connection = pika.BlockingConnection(pika.URLParameters(fleet.broker_url()))
    try:
        declared = connection.channel().queue_declare(fleet.QUEUE, passive=True)
        return declared.method.message_count, declared.method.consumer_count
    except ChannelClosedByBroker as exc:
        if exc.reply_code == NOT_FOUND:
            return 0, 0
        raise
    finally:
        connection.close()


class Ledger:
    """The file each task run appends its run id to (see ``onefive/tasks.py``)."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __str__(self) -> str:
        return str(self.path)

    def lines(self) -> list[tuple[str, str]]:
        """``(run id, version that ran it)`` per run."""
        text = self.path.read_text() if self.path.exists() else ""
        return [(run_id, version) for run_id, version in map(str.split, text.splitlines())]

    def runs(self) -> Counter[str]:
        """How many times each run id ran."""
        return Counter(run_id for run_id, _ in self.lines())

    def wait_for_runs(self, count: int) -> None:
        """Wait until the ledger has ``count`` runs."""
        wait_for(lambda: len(self.lines()) >= count, 60, f"{count} runs")

    def runners(self, run_ids: Iterable[str]) -> Counter[str]:
        """How many of ``run_ids`` each version ran."""
        wanted = set(run_ids)
        return Counter(version for run_id, version in self.lines() if run_id in wanted)

    def wait_for(self, run_ids: Iterable[str], timeout: float = 90) -> None:
        """Wait until each of ``run_ids`` ran; fail saying how many did not."""
        expected = set(run_ids)
        try:
            wait_for(lambda: expected <= set(self.runs()), timeout, f"{len(expected)} tasks to run")
        except AssertionError as exc:
            missing = sorted(expected - set(self.runs()))
            raise AssertionError(f"{exc}; {len(missing)} never ran, e.g. {missing[:5]}") from None


class Service:
    """A ``carrot`` service process; its output goes to a file, read when something goes wrong."""

    def __init__(self, command: list[str], env: dict[str, str], output: Path) -> None:
        self.output = output
        with output.open("w") as sink:
            self.process = subprocess.Popen(command, env=env, cwd=REPO, stdout=sink, stderr=subprocess.STDOUT)

    def tail(self) -> str:
        return "\n".join(self.output.read_text().splitlines()[-40:])

    def wait_consuming(self, consumers: int) -> None:
        """Wait until the queue has ``consumers`` consumers in all."""

        def consuming() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"the service exited ({self.process.returncode}):\n{self.tail()}")
            return queue_state()[1] >= consumers

        try:
            wait_for(consuming, 60, f"{consumers} consumers of the queue")
        except AssertionError:
            self.process.kill()
            raise

    def stop(self, kill_if_hung: bool = False) -> None:
        """SIGTERM, as an operator (or ``carrot_daemon stop``) stops it; fail unless it exits cleanly.

        ``kill_if_hung``: SIGKILL it after the wait instead of failing (``carrot_daemon stop --hard``).
        """
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        try:
            code = self.process.wait(60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            if kill_if_hung:
                self.process.wait()
                return
            raise AssertionError(f"the service did not stop within 60s of SIGTERM:\n{self.tail()}") from None
        assert code == 0, f"the service exited with {code}:\n{self.tail()}"


class Side:
    """One project: its commands (``manage.py``-style) and its service, on the given database."""

    name = ""
    hangs_on_sigterm = False
    """Whether its service may hang on SIGTERM, to be killed then rather than failing the test."""

    def __init__(self, manage: list[str], database: str, workdir: Path) -> None:
        self.manage = manage
        self.workdir = workdir
        self.env = subprocess_env(
            DJANGO_SETTINGS_MODULE="tests.upgrade.settings", **{fleet.DATABASE_VARIABLE: database}
        )

    def attempt(self, *command: str) -> subprocess.CompletedProcess[str]:
        """Run a command to its end, whatever its exit status."""
        return subprocess.run(command, env=self.env, cwd=REPO, capture_output=True, text=True, timeout=120)

    def run(self, *command: str) -> str:
        """Run a command that must succeed; returns what it printed."""
        done = self.attempt(*command)
        what = " ".join(command[1:])
        assert done.returncode == 0, f"{what} failed ({self.name}):\n{done.stdout}{done.stderr}"
        return done.stdout

    def command(self, *args: str) -> str:
        return self.run(*self.manage, *args)

    def service_command(self) -> list[str]:
        return [*self.manage, "carrot"]

    @contextlib.contextmanager
    def service(self, others: int = 0) -> Iterator[Service]:
        """The service, consuming, until the ``with`` block ends; then stopped with SIGTERM.

        ``others``: the consumers another service already has on the queue.
        """
        running = Service(self.service_command(), self.env, self.workdir / f"service-{self.name}.out")
        running.wait_consuming(others + CONSUMERS)
        try:
            yield running
        except BaseException:
            running.process.kill()
            raise
        running.stop(kill_if_hung=self.hangs_on_sigterm)


def published(output: str) -> dict[str, str]:
    """The run ids and message uuids a publisher printed, one ``<run id> <uuid>`` line per task."""
    return dict(line.split() for line in output.splitlines() if line.strip())


class Publishing:
    """A publisher process running in the background."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.process = subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )

    def stop(self) -> dict[str, str]:
        """End it (SIGTERM) after its current publish; see :meth:`published`."""
        self.process.send_signal(signal.SIGTERM)
        return self.published()

    def published(self) -> dict[str, str]:
        """Wait for the end; each run id with its message uuid."""
        try:
            out, err = self.process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise
        assert self.process.returncode == 0, f"publishing failed:\n{out}{err}"
        return published(out)


class OneFive(Side):
    """The django-carrot 1.5 project (``onefive/``), run by the 1.5 venv's Python."""

    name = "1.5"
    hangs_on_sigterm = True
    """1.5 joins its threads inside its SIGTERM handler; a thread printing meanwhile can wait forever
    for the stdout lock the interrupted main thread holds. A kill then loses no task unless one was
    running (1.5 acks before running); the ledger would show it."""

    def __init__(self, python: Path, database: str, workdir: Path) -> None:
        super().__init__([str(python), str(ONEFIVE_MANAGE)], database, workdir)
        self.env.pop("PYTHONPATH", None)  # `carrot` must be the 1.5 release, never this checkout

    def service_command(self) -> list[str]:
        logfile = str(self.workdir / "carrot15.log")  # 1.5's default is /var/log/carrot.log
        return [*super().service_command(), "--logfile", logfile, "--loglevel", "INFO"]

    def publish(self, ledger: Ledger, prefix: str, count: int) -> dict[str, str]:
        """Publish ``count`` ``record_run`` tasks with 1.5; returns each run id's message uuid."""
        return self.start_publishing(ledger, prefix, count).published()

    def start_publishing(
        self, ledger: Ledger, prefix: str, count: int | None = None, pause: float = 0
    ) -> Publishing:
        """A publisher process: ``count`` tasks (or until stopped), ``pause`` seconds apart."""
        args = ["--ledger", str(ledger), "--prefix", prefix, "--pause", str(pause)]
        args += ["--count", str(count)] if count is not None else []
        return Publishing([*self.manage, "publish_runs", *args], self.env)


class Ours(Side):
    """This checkout, with ``tests.upgrade.settings``."""

    name = "2.x"

    def __init__(self, database: str, workdir: Path) -> None:
        super().__init__([sys.executable, "-m", "django"], database, workdir)

    def ours(self, *args: str) -> str:
        return self.run(sys.executable, "-m", "tests.upgrade.ours", *args)

    def publish(self, ledger: Ledger, prefix: str, count: int) -> dict[str, str]:
        """Publish ``count`` ``record_run`` tasks with ours; returns each run id's message uuid."""
        args = ["--ledger", str(ledger), "--prefix", prefix, "--count", str(count)]
        return published(self.ours("publish", *args))

    def report(self) -> dict[str, Any]:
        """Task logs, scheduled tasks and what the monitor lists (see ``ours.py``)."""
        return json.loads(self.ours("report"))
