"""Fixtures shared by the whole suite: the real broker (a vhost per run) and a running service."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests import settings as test_settings

HOW_TO_START_RABBITMQ = (
    "RabbitMQ is not reachable on 127.0.0.1:5672. Start it with `rabbitmq-server -detached` "
    "(install it with `apt-get install rabbitmq-server`), then rerun the tests."
)
HOW_TO_START_POSTGRES = (
    "PostgreSQL is not reachable on 127.0.0.1:5432. Start it with "
    "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
    "(install it with `apt-get install postgresql`), then rerun the tests."
)


def _reachable(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
        return True
    except OSError:
        return False


def _rabbitmqctl(*args: str) -> None:
    if shutil.which("rabbitmqctl") is None:
        pytest.exit("rabbitmqctl is needed to make the test vhost: apt-get install rabbitmq-server", 2)
    subprocess.run(["rabbitmqctl", "-q", *args], check=True, capture_output=True, timeout=60)


def pytest_sessionstart(session: pytest.Session) -> None:
    if test_settings.IN_SUBPROCESS:
        return
    if not _reachable(5672):
        pytest.exit(HOW_TO_START_RABBITMQ, 2)
    if test_settings.ENGINE == "postgres" and not _reachable(5432):
        pytest.exit(HOW_TO_START_POSTGRES, 2)
    _rabbitmqctl("add_vhost", test_settings.VHOST)
    _rabbitmqctl("set_permissions", "-p", test_settings.VHOST, "guest", ".*", ".*", ".*")


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not test_settings.IN_SUBPROCESS and _reachable(5672):
        _rabbitmqctl("delete_vhost", test_settings.VHOST)


def close_broker_connections() -> None:
    """Have RabbitMQ drop every client connection of this run's vhost, as a broker restart does."""
    _rabbitmqctl("close_all_connections", "-p", test_settings.VHOST, "closed by the test suite")


def wait_for(condition: Callable[[], Any], timeout: float = 15.0, what: str = "condition") -> Any:
    """Poll ``condition`` until it returns something truthy; fail the test after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def purge_queues() -> Iterator[None]:
    """Start and end each broker test with empty queues."""
    from carrot import broker
    from carrot.conf import get_settings

    def purge() -> None:
        for queue in get_settings().queues:
            broker.purge_queue(queue)

    purge()
    yield
    purge()


@pytest.fixture
def service(transactional_db: None, purge_queues: None) -> Iterator[Any]:
    """A running carrot service (consumers + scheduler) in this process."""
    from carrot.service import Service

    running = Service()
    running.start()
    wait_for(lambda: all(c.consuming.is_set() for c in running.consumers), what="consumers to start")
    yield running
    running.stop()


def subprocess_env(**extra: str) -> dict[str, str]:
    """The environment for a ``manage.py`` subprocess that shares this run's database and vhost."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.settings",
        "CARROT_TEST_SUBPROCESS": "1",
        **extra,
    }


@pytest.fixture(scope="session")
def live_server(django_db_setup: None, request: pytest.FixtureRequest) -> Iterator[Any]:
    """pytest-django's live server, started only once the test database exists.

    pytest-django's own fixture may start before the database is set up, while SQLite's NAME is still
    ``:memory:``; it then shares the test thread's SQLite connection with every request thread, and
    concurrent requests (a browser, the fuzzer) crash SQLite. Started after, each thread opens the file.
    """
    from pytest_django.live_server_helper import LiveServer

    server = LiveServer(request.config.getvalue("liveserver") or "localhost")
    yield server
    server.stop()
