"""Talking to RabbitMQ: connections, routes, queue declaration and the queue operations of the monitor.

Publishing with confirms is :mod:`carrot.publisher`'s; consuming is :mod:`carrot.consumer`'s.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import (
    AMQPConnectionError,
    AMQPError,
    ChannelClosedByBroker,
)

from carrot.broker_url import BrokerURL
from carrot.conf import QueueSettings
from carrot.errors import BrokerError

logger = logging.getLogger(__name__)

CONFIRM_TIMEOUT = 30.0
"""Seconds a bulk publish waits for the broker's confirms before it reports them missing."""


@dataclass(frozen=True)
class Route:
    """Where a message goes: the queue it is declared for, and the exchange and routing key used."""

    queue: QueueSettings
    exchange: str = ""
    routing_key: str = ""

    @property
    def key(self) -> str:
        return self.routing_key or self.queue.name


def unreachable_message(broker: BrokerURL, exc: BaseException) -> str:
    """The error text for a broker that cannot be reached, with what to do about it."""
    return (
        f"Cannot reach RabbitMQ at {broker.display} ({type(exc).__name__}: {exc}). Is it running? "
        "Start it with `rabbitmq-server -detached`, or check CARROT['default_broker']."
    )


_answered: dict[BrokerURL, int] = {}
"""The node of each broker that answered last in this process: the first one tried next time."""


def connect(broker: BrokerURL) -> pika.BlockingConnection:
    """Open a blocking connection to the first node of ``broker`` that answers.

    The node that answered last in this process is tried first, then the others in order, each failure
    logged at WARNING (password masked). pika, given several nodes, tries them only when it connects
    and never reconnects by itself, so each caller reconnects through here after a loss, with its own
    backoff. Raises :class:`AMQPConnectionError` when no node answers (the last node's error).
    """
    nodes = broker.nodes
    first = _answered.get(broker, 0)
    order = [*range(first, len(nodes)), *range(first)]
    for attempt, index in enumerate(order):
        try:
            connection = pika.BlockingConnection(nodes[index].parameters())
        except AMQPConnectionError as exc:
            if len(nodes) == 1:
                raise
            following = nodes[order[attempt + 1]].display if attempt + 1 < len(order) else None
            logger.warning(
                "RabbitMQ node %s does not answer (%s: %s); %s",
                nodes[index].display,
                type(exc).__name__,
                exc,
                f"trying {following}" if following else "no other node answered either",
            )
            if following is None:
                raise
            continue
        if index != first:
            logger.warning(
                "Connected to RabbitMQ node %s instead of %s", nodes[index].display, nodes[first].display
            )
        _answered[broker] = index
        return connection
    raise AssertionError("unreachable: a broker has at least one node")


NOT_FOUND = 404
PRECONDITION_FAILED = 406


def declare_queue(connection: pika.BlockingConnection, queue: QueueSettings) -> None:
    """Declare ``queue`` as its settings say (durable, ``x-max-priority: 10`` unless overridden; a
    quorum queue with its delivery limit, after the dead-letter queue that limit sends messages to).

    A queue that already exists with other arguments (one declared by django-carrot 1.x with 255
    priority levels, or a classic queue now set to quorum, say) is used as it is, with a warning: the
    broker never changes a queue's arguments, and refusing it would stop every publish and consumer
    until someone deletes the queue. Each declaration gets a channel of its own, as the broker closes
    the channel that asked.
    """
    if queue.dead_letter_queue is not None:
        dead_letter = {"x-queue-type": "quorum"} if queue.queue_type == "quorum" else {}
        _declare(connection, queue, queue.dead_letter_queue, dead_letter)
    _declare(connection, queue, queue.name, dict(queue.queue_arguments))


def _declare(connection: pika.BlockingConnection, queue: QueueSettings, name: str, arguments: dict) -> None:
    channel = connection.channel()
    try:
        channel.queue_declare(queue=name, durable=queue.durable, arguments=arguments)
    except ChannelClosedByBroker as exc:
        if exc.reply_code != PRECONDITION_FAILED or "inequivalent arg" not in exc.reply_text:
            raise
        logger.warning(
            "Queue %r on %s exists with other settings than CARROT's (%s); using it as it is. To apply "
            "the settings, delete the queue once it is empty and restart, or set its queue_arguments, "
            "queue_type and durable to match (docs/upgrading).",
            name,
            queue.broker.display,
            exc.reply_text,
        )
    else:
        channel.close()


@contextmanager
def _broker_errors(queue: QueueSettings, action: str) -> Iterator[None]:
    """Turn pika's errors during a short queue operation into :class:`BrokerError`."""
    try:
        yield
    except ChannelClosedByBroker as exc:
        raise BrokerError(
            f"RabbitMQ refused to {action} queue {queue.name!r}: {exc.reply_text}", reachable=True
        ) from exc
    except AMQPError as exc:
        raise BrokerError(unreachable_message(queue.broker, exc), reachable=False) from exc


def queue_state(queue: QueueSettings) -> tuple[int, int]:
    """The ``(messages ready, consumers)`` of a queue, from a passive declare on a short connection.

    A queue the broker does not know yet (nothing was ever published to it) is empty. Raises
    :class:`BrokerError` when the broker cannot be reached or refuses. The monitor asks
    :mod:`carrot.queue_state` instead, which shares one connection and caches the answers.
    """
    with _broker_errors(queue, "describe"):
        connection = connect(queue.broker)
        try:
            return describe_queue(connection.channel(), queue)
        finally:
            close_quietly(connection)


def describe_queue(channel: BlockingChannel, queue: QueueSettings) -> tuple[int, int]:
    """The ``(messages ready, consumers)`` of a queue, from a passive declare on ``channel``.

    A queue the broker does not know yet is empty; the broker closes ``channel`` then, so the next
    call needs another. Raises :class:`BrokerError` when the broker cannot be reached or refuses, and
    when the queue's node is down (a classic queue of a cluster: RabbitMQ answers 404 with "home node
    ... is down or inaccessible", and the queue's messages are out of reach, not gone).
    """
    with _broker_errors(queue, "describe"):
        try:
            frame = channel.queue_declare(queue=queue.name, passive=True)
        except ChannelClosedByBroker as exc:
            if exc.reply_code == NOT_FOUND and "is down" not in exc.reply_text:
                return 0, 0
            raise
        return frame.method.message_count, frame.method.consumer_count


def purge_queue(queue: QueueSettings) -> int:
    """Remove every ready message from ``queue``; returns how many. Raises :class:`BrokerError`."""
    with _broker_errors(queue, "purge"):
        connection = connect(queue.broker)
        try:
            declare_queue(connection, queue)
            return connection.channel().queue_purge(queue.name).method.message_count
        finally:
            close_quietly(connection)


def close_quietly(connection: pika.BlockingConnection) -> None:
    try:
        if connection.is_open:
            connection.close()
    except AMQPError:
        logger.debug("Error while closing a broker connection", exc_info=True)
