"""Two broker nodes, the first dying mid-stream: publishers, consumers and the monitor move to the
second, nothing is lost, and the failover is logged at WARNING with the password masked.

The two "nodes" are two proxies in front of the one local RabbitMQ (:mod:`tests.faults.proxy`): closing
the first drops its connections and refuses new ones, as a node that died.
"""

from __future__ import annotations

import logging
import threading
import time

import pytest
from django.db import close_old_connections
from django.test import override_settings

from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.publishing import TaskCall, publish_many
from carrot.queue_state import QueueStates
from carrot.service import Service
from tests import tasks
from tests.conftest import wait_for
from tests.faults import harness
from tests.faults import settings as fault_settings
from tests.faults.proxy import Proxy

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.timeout(120)]

TASKS = 400
BATCH = 10
CUT_AFTER = 100
"""Completed tasks at which the first node dies: publishing and consuming both still going on."""


def node(proxy: Proxy) -> str:
    return f"amqp://guest:guest@127.0.0.1:{proxy.port}/{fault_settings.VHOST}"


def publish_steadily(published: list[MessageLog], errors: list[BaseException]) -> None:
    try:
        for start in range(0, TASKS, BATCH):
            published += publish_many([TaskCall(tasks.add, (i, 1)) for i in range(start, start + BATCH)])
            time.sleep(0.02)
    except BaseException as exc:  # reported by the test
        errors.append(exc)
    finally:
        close_old_connections()


def completed() -> int:
    return MessageLog.objects.filter(status=MessageLog.COMPLETED).count()


def test_the_first_node_dies_while_publishing_and_consuming(clean_queue, caplog):
    first, second = Proxy(5672, name="node-1"), Proxy(5672, name="node-2")
    carrot = {**fault_settings.CARROT, "default_broker": [node(first), node(second)]}
    started = time.monotonic()
    with override_settings(CARROT=carrot), caplog.at_level(logging.WARNING), first, second:
        service = Service(scheduler=False)
        service.start()
        try:
            wait_for(lambda: all(c.consuming.is_set() for c in service.consumers), what="consumers")
            published: list[MessageLog] = []
            errors: list[BaseException] = []
            publisher = threading.Thread(target=publish_steadily, args=(published, errors))
            publisher.start()
            wait_for(lambda: completed() >= CUT_AFTER, timeout=30, what=f"{CUT_AFTER} tasks to run")
            first.close()
            died_at, published_at_death = time.monotonic(), len(published)
            publisher.join(60)
            assert not errors, errors
            wait_for(lambda: completed() == TASKS, timeout=60, what="every task to run")
            recovered = time.monotonic() - died_at
            monitor = QueueStates(max_age=0).get(get_settings().queue(fault_settings.QUEUE))
        finally:
            service.stop()
    logs = MessageLog.objects.all()
    assert published_at_death < TASKS, "the node died after publishing ended"
    assert len(published) == logs.count() == TASKS
    assert set(logs.values_list("status", flat=True)) == {MessageLog.COMPLETED}
    assert harness.left_in_queue() == 0
    assert (monitor.error, monitor.messages) == (None, 0)
    assert first.cuts and second.accepted >= len(service.consumers) + 2  # consumers, publisher, monitor
    messages = [r.getMessage() for r in caplog.records]
    failover = [
        m for m in messages if m.startswith(f"RabbitMQ node amqp://guest:***@127.0.0.1:{first.port}/")
    ]
    assert failover and all("does not answer" in m and f":{second.port}/" in m for m in failover), messages
    assert not [m for m in messages if "guest:guest" in m]
    reran = logs.filter(attempts__gt=1).count()
    print(
        f"\nfailover: {TASKS} tasks ({published_at_death} published when the node died), 0 lost, "
        f"{reran} run twice, every task done "
        f"{recovered:.1f}s after the node died, {time.monotonic() - started:.1f}s in all"
    )


def test_every_node_down_then_one_back_the_consumers_recover_with_backoff(clean_queue, caplog):
    """With no node answering, consumers back off and retry; once the second node answers again they
    consume through it and the waiting tasks all run."""
    first, second = Proxy(5672, name="node-1"), Proxy(5672, name="node-2")
    carrot = {**fault_settings.CARROT, "default_broker": [node(first), node(second)]}
    with override_settings(CARROT=carrot), caplog.at_level(logging.WARNING), first, second:
        logs = publish_many([TaskCall(tasks.sleep, (0.02,)) for _ in range(200)])
        service = Service(scheduler=False)
        service.start()
        try:
            wait_for(lambda: completed() >= 20, timeout=30, what="20 tasks to run")
            second.refuse(3)
            first.close()
            down_at = time.monotonic()
            wait_for(lambda: completed() == len(logs), timeout=60, what="every task to run")
            recovered = time.monotonic() - down_at
        finally:
            service.stop()
    assert set(MessageLog.objects.values_list("status", flat=True)) == {MessageLog.COMPLETED}
    assert harness.left_in_queue() == 0
    messages = [r.getMessage() for r in caplog.records]
    assert any("no other node answered either" in m for m in messages), messages
    assert any("lost the broker" in m and "reconnecting in" in m for m in messages), messages
    assert second.refused and recovered >= 3
    assert not [m for m in messages if "guest:guest" in m]
    print(f"\nevery node down for 3s: {len(logs)} tasks, 0 lost, all done {recovered:.1f}s after")
