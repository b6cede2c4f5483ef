"""What every system's benchmark script shares: the payload, settings from the environment, timing.

The scripts in this folder run inside each system's own virtualenv (``bench/peers.py``), as
``python bench/systems/<system>.py <action>``: only the standard library is imported here, and the
folder itself (not the repository) is on ``sys.path``, so a peer's ``carrot`` package is the one from
its venv, never this checkout's. The runner passes the broker virtual host and database through the
environment (``BENCH_VHOST``, ``BENCH_DB``) and reads one JSON object from stdout.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

try:
    import procfs
except ImportError:  # imported as ``bench.systems.common`` by a driver (to stop processes)
    from bench.systems import procfs

HERE = Path(__file__).resolve().parent
QUEUE = "default"
TASK_PATH = "noop_task.noop"
PAYLOAD_ARGS: tuple[Any, ...] = (42, "benchmark", 3.5)
PAYLOAD_KWARGS: dict[str, Any] = {"user_id": 7, "tags": ["a", "b"], "dry_run": False}

WARMUP = 10
"""Publishes before the clock starts (the first opens connections and warms caches)."""
DRAIN_TIMEOUT = 900.0
STALL_TIMEOUT = 60.0
"""A drain with no task completed for this long has failed (e.g. a consumer thread died)."""
POLL_SECONDS = 0.25
DATABASE_PORT = 5432


def vhost() -> str:
    return os.environ["BENCH_VHOST"]


def prefetch() -> int:
    """Unacked messages each consumer may hold (``BENCH_PREFETCH``, the same for every system)."""
    return int(os.environ.get("BENCH_PREFETCH", "1"))


def queue_arguments(with_type: bool = False) -> dict[str, Any]:
    """The queue's ``x-max-priority`` (``BENCH_MAX_PRIORITY``, the same for every system; 0: none).

    A quorum queue (:func:`queue_type`) gets none: RabbitMQ 3.x refuses it. ``with_type`` adds
    ``x-queue-type``, for systems that take the type as a queue argument (ours has a setting).
    """
    if queue_type() == "quorum":
        return {"x-queue-type": "quorum"} if with_type else {}
    levels = int(os.environ.get("BENCH_MAX_PRIORITY", "255"))
    return {"x-max-priority": levels} if levels else {}


def queue_type() -> str:
    """``classic``, or ``quorum`` (``BENCH_QUEUE_TYPE``, the same for every system)."""
    return os.environ.get("BENCH_QUEUE_TYPE", "classic")


def broker_nodes() -> list[str]:
    """``host:port`` of each broker node: ``BENCH_BROKER_NODES`` (comma-separated), or the local RabbitMQ."""
    return os.environ.get("BENCH_BROKER_NODES", "127.0.0.1:5672").split(",")


def broker_urls() -> list[str]:
    """The run's own virtual host on each broker node."""
    return [f"amqp://guest:guest@{node}/{vhost()}" for node in broker_nodes()]


def broker_url() -> str:
    """The run's own virtual host on the first broker node (the local RabbitMQ unless told)."""
    return broker_urls()[0]


def databases() -> dict[str, Any]:
    """Django's ``DATABASES`` for this run: ``BENCH_DB`` is ``sqlite:<path>`` or ``postgres:<name>``."""
    kind, _, name = os.environ["BENCH_DB"].partition(":")
    if kind == "postgres":
        engine = {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": DATABASE_PORT}
        # libpq reads PGPASSWORD itself; README.md: PostgreSQL login of the tests.
        return {"default": {**engine, "USER": os.environ.get("PGUSER", "postgres"), "NAME": name}}
    return {"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": name, "OPTIONS": {"timeout": 60}}}


def _sqlite_wal(sender: Any, connection: Any, **_: Any) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=WAL")


def configure_django(installed_apps: Sequence[str], use_tz: bool = True, **extra: Any) -> None:
    """``settings.configure`` with the run's database (SQLite in WAL mode) and ``django.setup()``."""
    import django
    from django.conf import settings
    from django.db.backends.signals import connection_created

    settings.configure(
        DEBUG=False,
        USE_TZ=use_tz,
        SECRET_KEY="bench-only",
        DATABASES=databases(),
        INSTALLED_APPS=list(installed_apps),
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        LOGGING_CONFIG=None,
        **extra,
    )
    connection_created.connect(_sqlite_wal)
    django.setup()


def migrate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def emit(**result: Any) -> None:
    """Print the result for the runner (the only thing a script writes to stdout)."""
    print(json.dumps(result), flush=True)


def timed_rate(
    count: int, publish_one: Callable[[], Any], settle: Callable[[], Any] = lambda: None
) -> dict[str, float]:
    """Call ``publish_one`` :data:`WARMUP` times untimed, then ``count`` times; tasks per second.

    ``settle`` runs inside the timing after the last call: it waits for whatever the system still
    owes (confirms, log writes) when its publish call returns before they are done.
    """
    for _ in range(WARMUP):
        publish_one()
    settle()
    started = time.perf_counter()
    for _ in range(count):
        publish_one()
    settle()
    seconds = time.perf_counter() - started
    return {"rate": count / seconds, "seconds": seconds, "n": count}


def broker_ports() -> list[int]:
    """The AMQP ports of the run's broker nodes (:func:`broker_urls`)."""
    return [int(node.rsplit(":", 1)[1]) for node in broker_nodes()]


def _postgres(sql: str) -> list[int]:
    """The first column of ``sql``'s rows on the run's database; nothing on SQLite."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return [row[0] for row in cursor.fetchall()]


def database_server() -> list[int]:
    """The PostgreSQL server's main process (the parent of this connection's backend); none on SQLite."""
    backend = _postgres("SELECT pg_backend_pid()")
    return [procfs.parent(pid) for pid in backend]


def database_backends() -> list[int]:
    """The backends connected to the run's database now, but this process's own."""
    return _postgres(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
    )


def _cpu_groups(consumers: list[int]) -> dict[str, list[int]]:
    """Whose CPU time a drain reports: the consumers, the broker (``BENCH_BROKER_PIDS``), and the whole
    PostgreSQL server (every database's backends, and the server's own processes)."""
    broker = [int(pid) for pid in os.environ.get("BENCH_BROKER_PIDS", "").split(",") if pid]
    groups = {"consumers": consumers, "broker": broker, "postgres": database_server()}
    return {name: roots for name, roots in groups.items() if roots}


class _Watch:
    """What a drain samples while it waits: the consumers' peak memory, the first moment the broker
    lists them all, and CPU time from then or from the first completion seen, whichever is later
    (:meth:`usage`)."""

    def __init__(self, roots: list[int], consumers: Callable[[], int] | None) -> None:
        self.roots = roots
        self.groups = _cpu_groups(self.roots)
        self.backends = procfs.Followed(database_backends)
        self.consumers = consumers
        self.peak_kb = 0
        self.all_up: tuple[float, int] | None = None
        """(time, tasks completed) at the first poll that found every consumer on the queue."""
        self.cpu_from, self.cpu_before = 0.0, procfs.read_cpu(self.groups)

    def before_count(self) -> bool:
        """Sample memory; whether every consumer is on the queue just now for the first time."""
        self.peak_kb = max(self.peak_kb, procfs.rss_kb(self.roots))
        return self.all_up is None and self.consumers is not None and self.consumers() >= len(self.roots)

    def after_count(self, done: int, now_done: int, all_up_now: bool) -> None:
        """Start the CPU window at the first completion, and again when every consumer is up after it
        (the others' start-up is then over)."""
        if all_up_now:
            self.all_up = (time.time(), now_done)
        if (now_done and not done) or (all_up_now and done):
            self.cpu_from, self.cpu_before = time.monotonic(), procfs.read_cpu(self.groups)
            self.backends.start()
        elif done:
            self.backends.poll()

    def usage(self) -> dict[str, Any]:
        """Cores each group and the run's database backends kept busy in the CPU window, and the
        consumers' connections now."""
        seconds = max(time.monotonic() - self.cpu_from, POLL_SECONDS)
        after = procfs.read_cpu(self.groups)
        self.backends.poll()
        cores = {name: (after[name] - self.cpu_before[name]) / seconds for name in after}
        return {
            "cores": {**cores, "database": self.backends.seconds() / seconds},
            "cpu_window": seconds,
            "broker_connections": procfs.tcp_connections(self.roots, broker_ports()),
            "database_connections": procfs.tcp_connections(self.roots, [DATABASE_PORT]),
            "peak_rss_mb": self.peak_kb / 1024,
        }

    def rate_all_up(self, count: int, last: float) -> dict[str, float]:
        """The rate from the first moment every consumer was on the queue to ``last``, if it came
        before the end."""
        if self.all_up is None or self.all_up[1] >= count or last <= self.all_up[0]:
            return {}
        return {"rate_all_up": (count - self.all_up[1]) / (last - self.all_up[0])}


def drain(
    consume: Sequence[str],
    count: int,
    completed: Callable[[], int],
    completion_times: Callable[[], tuple[datetime.datetime, datetime.datetime]],
    processes: int = 1,
    consumers: Callable[[], int] | None = None,
) -> dict[str, Any]:
    """Start ``processes`` consumers (``python <script> consume ...``) and wait until ``count`` tasks
    completed.

    ``completed`` counts completed rows; ``completion_times`` returns the first and the last completion
    as the database recorded them. ``rate`` counts from the first completion, leaving start-up out;
    ``rate_from_start`` from the moment the consumers were started; with ``consumers`` (how many
    consumers the broker lists on the queue), ``rate_all_up`` from the first poll that finds them all
    (processes that start late on a busy machine leave the others alone at first). Every
    :data:`POLL_SECONDS` the peak resident memory of the consumers' process trees is sampled; their
    CPU time, the broker's, the PostgreSQL server's (:func:`_cpu_groups`) and that of the run's
    database backends (:class:`procfs.Followed`) are taken from the first completion seen, or from
    when all consumers are up if that is later, to the last (:class:`_Watch`).
    """
    started = time.time()
    workers = [
        subprocess.Popen([sys.executable, *consume], cwd=HERE, stdout=subprocess.DEVNULL)
        for _ in range(processes)
    ]
    watch, done, usage = _Watch([worker.pid for worker in workers], consumers), 0, {}
    deadline = time.monotonic() + DRAIN_TIMEOUT
    progressed = time.monotonic()
    try:
        while time.monotonic() < deadline:
            exited = [worker.returncode for worker in workers if worker.poll() is not None]
            if exited:
                raise SystemExit(f"a consumer exited with {exited[0]} after {done} tasks")
            if time.monotonic() - progressed > STALL_TIMEOUT:
                raise SystemExit(f"no task completed for {STALL_TIMEOUT:.0f}s after {done} tasks")
            all_up_now = watch.before_count()
            now_done = completed()
            watch.after_count(done, now_done, all_up_now)
            if now_done > done:
                done, progressed = now_done, time.monotonic()
            if done >= count:
                usage = watch.usage()
                break
            time.sleep(POLL_SECONDS)
    finally:
        for worker in workers:
            stop(worker)
    if done < count:
        raise SystemExit(f"only {done} of {count} tasks completed within {DRAIN_TIMEOUT:.0f}s")
    first, last = completion_times()
    span = (last - first).total_seconds()
    return {
        "rate": (count - 1) / span,
        "rate_from_start": count / (last.timestamp() - started),
        "seconds": span,
        "n": count,
        "processes": processes,
        **usage,
        **watch.rate_all_up(count, last.timestamp()),
    }


def stop(process: subprocess.Popen[bytes], timeout: float = 15) -> None:
    """SIGTERM, then SIGKILL (with its children) when it does not stop within ``timeout`` seconds."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_for_signal() -> None:
    """Block until SIGTERM or SIGINT (consumers that have no signal handling of their own)."""
    received: list[int] = []
    signal.signal(signal.SIGTERM, lambda signum, _frame: received.append(signum))
    signal.signal(signal.SIGINT, lambda signum, _frame: received.append(signum))
    while not received:
        time.sleep(0.2)


def arguments(actions: Sequence[str], argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line every system script takes: ``<action> [--n N] [--concurrency C] [--pool P] ...``."""
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=actions)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--concurrency", type=int, default=1)
    parser.add_argument("--processes", type=int, default=1, help="drain: consumer processes started")
    parser.add_argument("--pool", default="threads")
    parser.add_argument("--confirm", action="store_true")
    parser.add_argument("--background", action="store_true", help="ours: CARROT['durable_publish'] False")
    return parser.parse_args(argv)
