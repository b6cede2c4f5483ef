"""A queue deleted under the running service: its consumers must come back and run new tasks."""

import time

import pytest

from carrot.publishing import flush
from carrot.utilities import publish_message
from tests.faults import harness
from tests.faults.publisher import tokens
from tests.faults.tasks import record

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

COME_BACK_SECONDS = 15


def consumed_again() -> bool:
    depth = harness.queue_depth()
    return depth is not None and depth[1] > 0


def test_queue_deleted_under_the_service_is_consumed_again(start_service, ledger):
    started = time.monotonic()
    service = start_service()
    publish_message(record, "f-before")
    flush()
    before = harness.settle("f. before the delete", ["f-before"], ledger, started=started, timeout=15)
    assert not before.lost, f"the first task never ran: {before.line()}"
    harness.delete_queue()
    deleted = time.monotonic()
    deadline = deleted + COME_BACK_SECONDS
    while not consumed_again() and time.monotonic() < deadline:
        time.sleep(0.1)
    back = time.monotonic() - deleted if consumed_again() else None
    expected = ["f-before"]
    if back is not None:  # publishing to a queue nobody re-declared would only be unroutable
        expected += tokens("f-after", 20)
        for token in expected[1:]:
            publish_message(record, token)
        flush()
    counted = harness.settle(
        "f. queue deleted under the service", expected, ledger, started=started, timeout=15
    )
    service.stop()
    counted.left_in_queue = harness.left_in_queue()
    counted.notes.update(consumed_again_after=f"{back:.1f}s" if back is not None else "never")
    harness.report(counted)
    assert back is not None, (
        f"no consumer on the queue {COME_BACK_SECONDS}s after it was deleted: the service ignored the "
        f"broker's cancel\n  {counted.line()}\n{service.tail(15)}"
    )
    counted.check()
