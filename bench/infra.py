"""The servers a measurement uses: its own RabbitMQ virtual host and its own database, removed after."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

SCRATCH_DIR = Path(__file__).resolve().parent / ".scratch"
DB_ENGINES = ("sqlite", "postgres")


def _rabbitmqctl(*args: str) -> None:
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, stdout=subprocess.DEVNULL)


@contextmanager
def vhost(prefix: str, ctl: Callable[..., object] = _rabbitmqctl) -> Iterator[str]:
    """A fresh virtual host that guest may use; deleted (with its queues) on exit.

    ``ctl`` runs ``rabbitmqctl`` with the arguments it is given: on the machine's RabbitMQ unless it is
    another node's (a cluster's, :meth:`tests.cluster.rabbit.Node.ctl`).
    """
    name = f"bench-{prefix}-{uuid.uuid4().hex[:8]}"
    ctl("add_vhost", name)
    try:
        ctl("set_permissions", "-p", name, "guest", ".*", ".*", ".*")
        yield name
    finally:
        ctl("delete_vhost", name)


def _psql(sql: str) -> None:
    subprocess.run(
        ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-q", "-c", sql],
        check=True,
        stdout=subprocess.DEVNULL,
    )


@contextmanager
def database(engine: str, prefix: str) -> Iterator[str]:
    """A fresh empty database as ``BENCH_DB`` names it (``sqlite:<path>`` or ``postgres:<name>``)."""
    name = f"bench_{prefix}_{uuid.uuid4().hex[:8]}"
    if engine == "postgres":
        _psql(f'CREATE DATABASE "{name}"')
        try:
            yield f"postgres:{name}"
        finally:
            _psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        return
    folder = SCRATCH_DIR / name
    folder.mkdir(parents=True)
    try:
        yield f"sqlite:{folder / 'db.sqlite3'}"
    finally:
        shutil.rmtree(folder, ignore_errors=True)
