"""Fixtures of the fault suite: its settings in this process, a clean queue, services, publishers, proxies."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings

from tests.faults import harness
from tests.faults import settings as fault_settings
from tests.faults.proxy import Proxy

RABBITMQ_PORT = 5672
POSTGRES_PORT = 5432


@pytest.fixture(autouse=True)
def fault_carrot_settings() -> Iterator[None]:
    """This process publishes the fault tasks straight to the broker, with the subprocesses' settings."""
    with override_settings(CARROT=fault_settings.CARROT):
        yield


@pytest.fixture
def ledger(tmp_path: Path) -> Path:
    return tmp_path / "ledger"


@pytest.fixture
def clean_queue(transactional_db: None) -> Iterator[None]:
    """Start and end each scenario with an empty, declared queue (and, by ``transactional_db``, an empty
    table): publishers keep a queue they declared as declared, so one deleted by a scenario would make
    the next scenario's messages unroutable."""
    harness.reset_queue()
    yield
    harness.reset_queue()


@pytest.fixture
def start_service(
    clean_queue: None, tmp_path: Path, ledger: Path
) -> Iterator[Callable[..., harness.ServiceProcess]]:
    """Start ``manage.py carrot`` subprocesses (optionally through proxies); all stopped at the end."""
    started: list[harness.ServiceProcess] = []

    def start(
        broker: Proxy | None = None, database: Proxy | None = None, name: str = "service"
    ) -> harness.ServiceProcess:
        extra = {}
        if broker is not None:
            extra["CARROT_FAULTS_BROKER_PORT"] = str(broker.port)
        if database is not None:
            extra["CARROT_FAULTS_PG_PORT"] = str(database.port)
        service = harness.ServiceProcess(tmp_path / f"{name}.out", harness.fault_env(ledger, **extra))
        started.append(service)
        return service.start()

    yield start
    for service in started:
        service.stop()


@pytest.fixture
def start_publisher(
    clean_queue: None, tmp_path: Path, ledger: Path
) -> Iterator[Callable[..., harness.Publisher]]:
    """Start ``tests.faults.publisher`` subprocesses (optionally through a broker proxy); all ended after."""
    started: list[harness.Publisher] = []

    def start(*args: str, broker: Proxy | None = None) -> harness.Publisher:
        extra = {"CARROT_FAULTS_BROKER_PORT": str(broker.port)} if broker is not None else {}
        log = tmp_path / f"publisher-{len(started)}.err"
        publisher = harness.Publisher(harness.fault_env(ledger, **extra), log, *args)
        started.append(publisher)
        return publisher

    yield start
    for publisher in started:
        publisher.close()


@pytest.fixture
def rabbitmq_proxy() -> Iterator[Proxy]:
    with Proxy(RABBITMQ_PORT, name="rabbitmq-proxy") as proxy:
        yield proxy


@pytest.fixture
def postgres_proxy() -> Iterator[Proxy]:
    with Proxy(POSTGRES_PORT, name="postgres-proxy") as proxy:
        yield proxy


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if harness.RESULTS:
        terminalreporter.section("fault scenarios")
        for counted in harness.RESULTS:
            terminalreporter.write_line(counted.line())
