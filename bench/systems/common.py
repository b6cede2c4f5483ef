"""What every system's benchmark script shares: the payload, settings from the environment, timing.

The scripts in this folder run inside each system's own virtualenv (``bench/peers.py``), as
``python bench/systems/<system>.py <action>``: only the standard library is imported here, and the
folder itself (not the repository) is on ``sys.path``, so a peer's ``carrot`` package is the one from
its venv, never this checkout's. The runner passes the broker virtual host and database through the
environment (``BENCH_VHOST``, ``BENCH_DB``) and reads one JSON object from stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

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


def vhost() -> str:
    return os.environ["BENCH_VHOST"]


def prefetch() -> int:
    """Unacked messages each consumer may hold (``BENCH_PREFETCH``, the same for every system)."""
    return int(os.environ.get("BENCH_PREFETCH", "1"))


def queue_arguments() -> dict[str, Any]:
    """The queue's ``x-max-priority`` (``BENCH_MAX_PRIORITY``, the same for every system; 0: none)."""
    levels = int(os.environ.get("BENCH_MAX_PRIORITY", "255"))
    return {"x-max-priority": levels} if levels else {}


def broker_url() -> str:
    """The run's own virtual host on the local RabbitMQ."""
    return f"amqp://guest:guest@127.0.0.1:5672/{vhost()}"


def databases() -> dict[str, Any]:
    """Django's ``DATABASES`` for this run: ``BENCH_DB`` is ``sqlite:<path>`` or ``postgres:<name>``."""
    kind, _, name = os.environ["BENCH_DB"].partition(":")
    if kind == "postgres":
        engine = {"ENGINE": "django.db.backends.postgresql", "HOST": "127.0.0.1", "PORT": 5432}
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


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and its descendants, in kB (0 once it is gone)."""
    total, pending = 0, [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += int(next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS")))
            for task in Path(f"/proc/{current}/task").iterdir():
                pending += [int(child) for child in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def drain(
    consume: Sequence[str],
    count: int,
    completed: Callable[[], int],
    completion_span: Callable[[], float],
) -> dict[str, float]:
    """Start the consumer (``python <script> consume ...``) and wait until ``count`` tasks completed.

    ``completed`` counts completed rows; ``completion_span`` returns the seconds between the first
    and the last completion as the database recorded them, so start-up time is left out. The peak
    resident memory of the consumer's process tree is sampled every :data:`POLL_SECONDS`.
    """
    worker = subprocess.Popen([sys.executable, *consume], cwd=HERE, stdout=subprocess.DEVNULL)
    peak_kb, done = 0, 0
    deadline = time.monotonic() + DRAIN_TIMEOUT
    progressed = time.monotonic()
    try:
        while done < count and time.monotonic() < deadline:
            if worker.poll() is not None:
                raise SystemExit(f"the consumer exited with {worker.returncode} after {done} tasks")
            if time.monotonic() - progressed > STALL_TIMEOUT:
                raise SystemExit(f"no task completed for {STALL_TIMEOUT:.0f}s after {done} tasks")
            peak_kb = max(peak_kb, _tree_rss_kb(worker.pid))
            now_done = completed()
            if now_done > done:
                done, progressed = now_done, time.monotonic()
            time.sleep(POLL_SECONDS)
    finally:
        stop(worker)
    if done < count:
        raise SystemExit(f"only {done} of {count} tasks completed within {DRAIN_TIMEOUT:.0f}s")
    span = completion_span()
    return {"rate": (count - 1) / span, "seconds": span, "n": count, "peak_rss_mb": peak_kb / 1024}


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
    parser.add_argument("--pool", default="threads")
    parser.add_argument("--confirm", action="store_true")
    parser.add_argument("--background", action="store_true", help="ours: CARROT['durable_publish'] False")
    return parser.parse_args(argv)
