"""The service under faults while it drains a backlog: broker links cut, the process SIGKILLed, the
database link cut and stalled. Nothing may be lost and every log must end; duplicates are counted."""

import time

import pytest

from carrot.publishing import TaskCall, publish_many
from tests import settings as test_settings
from tests.faults import harness
from tests.faults.publisher import tokens
from tests.faults.tasks import record

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(150)]

BACKLOG = 300
TASK_SECONDS = 0.02
"""Each task takes this long, so a backlog of 300 on two consumers drains in a few seconds: long
enough for the faults to land mid-drain."""


def publish_backlog(prefix: str) -> list[str]:
    expected = tokens(prefix, BACKLOG)
    publish_many([TaskCall(record, (token, TASK_SECONDS)) for token in expected])
    return expected


def fault_points(faults: int) -> list[int]:
    """Runs after which each fault lands: spread over the first 80% of the backlog."""
    return [BACKLOG * (index + 1) * 8 // (10 * faults) for index in range(faults)]


def test_broker_connections_cut_five_times_mid_drain(start_service, rabbitmq_proxy, ledger):
    started = time.monotonic()
    expected = publish_backlog("a")
    service = start_service(broker=rabbitmq_proxy)
    ran_at_cut, dropped = [], []
    for point in fault_points(5):
        ran_at_cut.append(harness.wait_runs(ledger, point, timeout=20))
        dropped.append(rabbitmq_proxy.cut())
    counted = harness.settle("a. broker links cut x5", expected, ledger, started=started, timeout=45)
    service.stop()
    counted.left_in_queue = harness.left_in_queue()
    counted.notes.update(cuts=len(dropped), links_dropped=sum(dropped), runs_at_cuts=ran_at_cut)
    harness.report(counted).check()
    assert all(dropped), f"a cut found no live link to drop: {dropped}"


def test_service_sigkilled_four_times_mid_drain_and_restarted(start_service, ledger):
    started = time.monotonic()
    expected = publish_backlog("b")
    service = start_service()
    ran_at_kill = []
    for point in fault_points(4):
        ran_at_kill.append(harness.wait_runs(ledger, point, timeout=30))
        service.kill()
        service.start()
    counted = harness.settle("b. service SIGKILLed x4", expected, ledger, started=started, timeout=45)
    service.stop()
    counted.left_in_queue = harness.left_in_queue()
    counted.notes.update(kills=len(ran_at_kill), runs_at_kills=ran_at_kill)
    harness.report(counted).check()


@pytest.mark.skipif(
    test_settings.ENGINE != "postgres",
    reason="SQLite is a file the service opens itself: the database has no TCP link there to cut or stall",
)
def test_database_link_cut_and_stalled_mid_drain(start_service, postgres_proxy, ledger):
    started = time.monotonic()
    expected = publish_backlog("c")
    service = start_service(database=postgres_proxy)
    faults = []
    for point, fault in zip(fault_points(4), ("cut", "stall", "cut", "cut"), strict=True):
        harness.wait_runs(ledger, point, timeout=30)
        if fault == "cut":
            faults.append(f"cut({postgres_proxy.cut()})")
        else:
            postgres_proxy.stall()
            time.sleep(3)
            postgres_proxy.resume()
            faults.append("stall(3s)")
    counted = harness.settle(
        "c. database link cut x3, stalled 3s", expected, ledger, started=started, timeout=60
    )
    service.stop()
    counted.left_in_queue = harness.left_in_queue()
    counted.notes.update(faults=faults)
    harness.report(counted).check()
