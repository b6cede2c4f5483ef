"""Quorum queues on the real RabbitMQ: how they are declared, a task through one, and what the broker
does past the delivery limit.

Each test has a queue of its own (a unique name in the run's vhost), deleted with its dead-letter
queue at the end.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
import uuid
from collections.abc import Iterator

import pika
import pytest
from django.test import override_settings
from pika.exceptions import ChannelClosedByBroker, ConnectionClosedByBroker

from carrot import broker
from carrot.conf import QueueSettings, get_settings
from carrot.utilities import publish_message
from tests import settings as test_settings
from tests import tasks
from tests.conftest import wait_for
from tests.integration.test_consumer import finished

MAX_DELIVERIES = 3


def list_queues() -> dict[str, dict]:
    """The run's vhost's queues as the broker describes them: ``{name: {type, arguments, messages}}``."""
    result = subprocess.run(
        [
            *("rabbitmqctl", "-q", "list_queues", "-p", test_settings.VHOST),
            *("name", "type", "arguments", "messages", "--formatter", "json"),
        ],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return {row["name"]: row for row in json.loads(result.stdout)}


def delete_queues(*names: str) -> None:
    connection = pika.BlockingConnection(pika.URLParameters(test_settings.BROKER))
    try:
        for name in names:
            connection.channel().queue_delete(name)
    finally:
        connection.close()


@pytest.fixture
def quorum_queue() -> Iterator[QueueSettings]:
    """A quorum queue of its own in the settings, beside the test settings' queues."""
    name = f"quorum-{uuid.uuid4().hex[:8]}"
    carrot = {
        **test_settings.CARROT,
        "queues": [*test_settings.CARROT["queues"], {"name": name, "queue_type": "quorum", "concurrency": 1}],
        "max_deliveries": MAX_DELIVERIES,
    }
    with override_settings(CARROT=carrot):
        yield get_settings().queue(name)
    delete_queues(name, f"{name}.dead-letter")


def declare(queue: QueueSettings) -> None:
    connection = broker.connect(queue.broker)
    try:
        broker.declare_queue(connection, queue)
    finally:
        connection.close()


def test_declared_quorum_with_the_delivery_limit_and_a_dead_letter_queue(quorum_queue):
    declare(quorum_queue)
    queues = list_queues()
    main, dead = queues[quorum_queue.name], queues[f"{quorum_queue.name}.dead-letter"]
    assert main["type"] == dead["type"] == "quorum"
    arguments = {entry[0]: entry[-1] for entry in main["arguments"]}
    assert arguments["x-delivery-limit"] == MAX_DELIVERIES
    assert arguments["x-dead-letter-routing-key"] == f"{quorum_queue.name}.dead-letter"
    assert "x-max-priority" not in arguments


def test_a_task_on_a_quorum_queue_runs_and_its_consumer_prefetches_per_consumer(quorum_queue, service):
    log = publish_message(tasks.add, 2, 3, queue=quorum_queue.name)
    done = finished(log)
    assert (done.status, done.output, done.attempts) == ("COMPLETED", "5", 1)
    consumer = next(c for c in service.consumers if c.queue.name == quorum_queue.name)
    assert consumer.connections_opened == 1  # the broker refuses global QoS by closing the connection


def test_a_failing_task_on_a_quorum_queue_is_failed_by_the_consumer(quorum_queue, service):
    log = publish_message(tasks.fail, "poison", queue=quorum_queue.name)
    done = finished(log)
    assert done.status == "FAILED" and "poison" in done.exception
    wait_for(lambda: list_queues()[quorum_queue.name]["messages"] == 0, what="the queue to be empty")
    assert list_queues()[f"{quorum_queue.name}.dead-letter"]["messages"] == 0


def test_past_the_delivery_limit_the_broker_dead_letters_a_poison_message(quorum_queue):
    """A message that no consumer ever settles (a foreign consumer requeueing it, say) ends in the
    dead-letter queue after max_deliveries + 1 deliveries, instead of looping forever."""
    declare(quorum_queue)
    connection = broker.connect(quorum_queue.broker)
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        channel.basic_publish("", quorum_queue.name, b"poison", pika.BasicProperties(delivery_mode=2))
        deliveries = 0
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            method, _properties, _body = channel.basic_get(quorum_queue.name)
            if method is None:
                if list_queues()[f"{quorum_queue.name}.dead-letter"]["messages"] == 1:
                    break
                continue
            deliveries += 1
            channel.basic_nack(method.delivery_tag, requeue=True)
        method, _properties, body = channel.basic_get(f"{quorum_queue.name}.dead-letter", auto_ack=True)
    finally:
        connection.close()
    assert deliveries == MAX_DELIVERIES + 1
    assert body == b"poison"


def test_the_broker_refuses_priority_non_durable_and_global_qos_on_a_quorum_queue(quorum_queue):
    """What the settings check and the consumer avoid (RabbitMQ 3.x)."""
    declare(quorum_queue)
    connection = broker.connect(quorum_queue.broker)
    try:
        with pytest.raises(ChannelClosedByBroker) as refused:
            connection.channel().queue_declare(
                f"{quorum_queue.name}.priority",
                durable=True,
                arguments={"x-queue-type": "quorum", "x-max-priority": 10},
            )
        assert refused.value.reply_code == 406
        with pytest.raises(ChannelClosedByBroker, match="non-durable") as refused:
            connection.channel().queue_declare(
                f"{quorum_queue.name}.priority", durable=False, arguments={"x-queue-type": "quorum"}
            )
        assert refused.value.reply_code == 406
        channel = connection.channel()
        channel.basic_qos(prefetch_count=1, global_qos=True)
        with pytest.raises(ConnectionClosedByBroker, match="does not support global qos"):
            channel.basic_consume(quorum_queue.name, lambda *_: None)
    finally:
        broker.close_quietly(connection)
        delete_queues(f"{quorum_queue.name}.priority")  # in case the broker took it after all


def test_a_quorum_queue_on_rabbitmq_3_delivers_in_publish_order_whatever_the_priority(quorum_queue):
    declare(quorum_queue)
    connection = broker.connect(quorum_queue.broker)
    try:
        channel = connection.channel()
        channel.confirm_delivery()
        for priority, body in ((0, b"low"), (9, b"high")):
            properties = pika.BasicProperties(delivery_mode=2, priority=priority)
            channel.basic_publish("", quorum_queue.name, body, properties)
        bodies = [channel.basic_get(quorum_queue.name, auto_ack=True)[2] for _ in range(2)]
    finally:
        connection.close()
    assert bodies == [b"low", b"high"]


def test_an_existing_classic_queue_is_used_as_it_is_with_a_warning(quorum_queue, transactional_db, caplog):
    connection = broker.connect(quorum_queue.broker)
    try:
        connection.channel().queue_declare(quorum_queue.name, durable=True, arguments={"x-max-priority": 10})
    finally:
        connection.close()
    with caplog.at_level(logging.WARNING, logger="carrot.broker"):
        publish_message(tasks.add, 1, 1, queue=quorum_queue.name)
        wait_for(lambda: list_queues()[quorum_queue.name]["messages"] == 1, what="the message in the queue")
    assert list_queues()[quorum_queue.name]["type"] == "classic"
    [warning] = [r.getMessage() for r in caplog.records if "exists with other settings" in r.getMessage()]
    assert f"Queue {quorum_queue.name!r}" in warning and "guest:***@" in warning


def test_a_later_max_deliveries_keeps_the_declared_limit_with_a_warning(quorum_queue, caplog):
    declare(quorum_queue)
    carrot = {**test_settings.CARROT, "queues": [{"name": quorum_queue.name, "queue_type": "quorum"}]}
    with override_settings(CARROT={**carrot, "max_deliveries": MAX_DELIVERIES + 2}):
        changed = get_settings().queue(quorum_queue.name)
        with caplog.at_level(logging.WARNING, logger="carrot.broker"):
            declare(changed)
    limit = [e[-1] for e in list_queues()[quorum_queue.name]["arguments"] if e[0] == "x-delivery-limit"]
    assert limit == [MAX_DELIVERIES]
    [warning] = [r.getMessage() for r in caplog.records if "exists with other settings" in r.getMessage()]
    assert "x-delivery-limit" in warning
