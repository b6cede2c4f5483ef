"""Talking to RabbitMQ: connections, queue declaration, and publishing with confirms.

Each thread keeps one long-lived publishing connection per broker (1.x opened a connection per
message). The single-message channel is in confirm mode and publishes with ``mandatory=True``, so a
message the broker cannot route or refuses raises :class:`~carrot.errors.PublishError`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import (
    AMQPChannelError,
    AMQPConnectionError,
    AMQPError,
    ChannelClosedByBroker,
)
from pika.spec import Basic, BasicProperties

from carrot.broker_url import BrokerURL
from carrot.conf import QueueSettings
from carrot.errors import BrokerError, PublishError
from carrot.messages import TaskMessage

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


def connect(broker: BrokerURL) -> pika.BlockingConnection:
    """Open a blocking connection; raises :class:`AMQPConnectionError` when the broker is down."""
    return pika.BlockingConnection(broker.parameters())


def declare_queue(channel: BlockingChannel, queue: QueueSettings) -> None:
    """Declare ``queue`` as its settings say (durable, ``x-max-priority: 255`` unless overridden)."""
    channel.queue_declare(queue=queue.name, durable=queue.durable, arguments=dict(queue.queue_arguments))


NOT_FOUND = 404


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
    :class:`BrokerError` when the broker cannot be reached or refuses.
    """
    with _broker_errors(queue, "describe"):
        connection = connect(queue.broker)
        try:
            frame = connection.channel().queue_declare(queue=queue.name, passive=True)
            return frame.method.message_count, frame.method.consumer_count
        except ChannelClosedByBroker as exc:
            if exc.reply_code == NOT_FOUND:
                return 0, 0
            raise
        finally:
            _close_quietly(connection)


def purge_queue(queue: QueueSettings) -> int:
    """Remove every ready message from ``queue``; returns how many. Raises :class:`BrokerError`."""
    with _broker_errors(queue, "purge"):
        connection = connect(queue.broker)
        try:
            channel = connection.channel()
            declare_queue(channel, queue)
            return channel.queue_purge(queue.name).method.message_count
        finally:
            _close_quietly(connection)


def _close_quietly(connection: pika.BlockingConnection) -> None:
    try:
        if connection.is_open:
            connection.close()
    except AMQPError:
        logger.debug("Error while closing a broker connection", exc_info=True)


class _Confirms:
    """Bookkeeping for pipelined confirms on one channel: delivery tag -> message id.

    A message ends up in :attr:`failed` when the broker returns it (unroutable with ``mandatory``)
    or nacks it; it leaves :attr:`pending` when the broker acks or nacks it.
    """

    def __init__(self) -> None:
        self.next_tag = 1
        self.pending: dict[int, str] = {}
        self.failed: dict[str, str] = {}

    def sent(self, message_id: str) -> None:
        self.pending[self.next_tag] = message_id
        self.next_tag += 1

    def on_confirm(self, frame: Any) -> None:
        method = frame.method
        tags = (
            [t for t in self.pending if t <= method.delivery_tag]
            if method.multiple
            else [method.delivery_tag]
        )
        for tag in tags:
            message_id = self.pending.pop(tag, None)
            if message_id is not None and isinstance(method, Basic.Nack):
                self.failed[message_id] = "the broker refused it (nack); see the RabbitMQ log"

    def on_return(self, _channel: Any, method: Any, properties: BasicProperties, _body: bytes) -> None:
        self.failed[properties.message_id] = (
            f"the broker returned it as unroutable ({method.reply_text}): no queue is bound to exchange "
            f"{method.exchange!r} with routing key {method.routing_key!r}"
        )


class Publisher:
    """One thread's connection to one broker, with a channel in confirm mode.

    Messages are written to the channel without waiting (pika's ``BlockingChannel`` would wait for
    each confirm in turn), then the confirms of the whole batch are collected as they arrive.
    """

    def __init__(self, broker: BrokerURL) -> None:
        self.broker = broker
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None
        self._confirms = _Confirms()
        self._declared: set[str] = set()

    def _ensure_channel(self) -> BlockingChannel:
        if self._channel is None or not self._channel.is_open:
            if self._connection is None or not self._connection.is_open:
                self._connection = connect(self.broker)
                self._declared.clear()
            self._confirms = _Confirms()
            self._channel = self._connection.channel()
            self._channel.add_on_return_callback(self._confirms.on_return)
            self._channel._impl.confirm_delivery(ack_nack_callback=self._confirms.on_confirm)
        return self._channel

    def _declare(self, channel: BlockingChannel, route: Route) -> None:
        if route.queue.name not in self._declared:
            declare_queue(channel, route.queue)
            self._declared.add(route.queue.name)

    def reset(self) -> None:
        """Drop the connection; the next publish opens a new one."""
        if self._connection is not None:
            _close_quietly(self._connection)
        self._connection = self._channel = None
        self._declared.clear()

    def _with_retry(self, action: Callable[[BlockingChannel], None]) -> None:
        """Run ``action`` on the channel, reconnecting once when a long-lived connection went stale.

        A connection error on the first try usually means the broker dropped an idle connection (a
        restart, missed heartbeats): reconnect and try again. A channel error (the broker refused a
        declaration, for instance) is reported at once.
        """
        for attempt in (1, 2):
            try:
                action(self._ensure_channel())
                return
            except AMQPConnectionError as exc:
                self.reset()
                if attempt == 2:
                    raise PublishError(unreachable_message(self.broker, exc)) from exc
                logger.info("Publishing connection to %s was lost; reconnecting", self.broker.display)
            except AMQPChannelError as exc:
                self.reset()
                raise PublishError(
                    f"The broker closed the channel: {exc}. Check the queue's settings against the "
                    "existing queue."
                ) from exc

    def publish(self, route: Route, message: TaskMessage) -> None:
        """Publish one message and wait for the broker's confirm; raises :class:`PublishError`."""
        failed = self.publish_many([(route, message)])
        if failed:
            raise PublishError(f"The message was not published: {failed[message.message_id]}.")

    def publish_many(self, batch: Sequence[tuple[Route, TaskMessage]]) -> dict[str, str]:
        """Publish many messages with pipelined confirms.

        Returns ``{message_id: reason}`` for each message the broker refused, returned or did not confirm
        within :data:`CONFIRM_TIMEOUT`; raises :class:`PublishError` when the broker cannot be reached
        (after one reconnect, which publishes the whole batch again).
        """
        encoded = [(route, message, *message.encode()) for route, message in batch]
        failed: dict[str, str] = {}

        def send(channel: BlockingChannel) -> None:
            failed.clear()
            failed.update(self._publish_pipelined(channel, encoded))

        self._with_retry(send)
        return failed

    def _publish_pipelined(
        self, channel: BlockingChannel, encoded: list[tuple[Route, TaskMessage, BasicProperties, bytes]]
    ) -> dict[str, str]:
        assert self._connection is not None
        confirms = self._confirms  # nothing pending: every call collects or gives up on its own
        for route, message, properties, body in encoded:
            self._declare(channel, route)
            # Recorded first: pika may read the broker's ack while it writes.
            confirms.sent(message.message_id)
            channel._impl.basic_publish(route.exchange, route.key, body, properties, mandatory=True)
        deadline = time.monotonic() + CONFIRM_TIMEOUT
        self._connection.process_data_events(time_limit=0)
        while confirms.pending and time.monotonic() < deadline:
            self._connection.process_data_events(time_limit=0.05)
        failed, confirms.failed = confirms.failed, {}
        for message_id in confirms.pending.values():
            failed[message_id] = f"not confirmed by the broker within {CONFIRM_TIMEOUT:.0f}s"
        confirms.pending.clear()
        return failed


_local = threading.local()


def publisher(broker: BrokerURL) -> Publisher:
    """This thread's publisher for ``broker`` (made on first use, kept for the thread's life)."""
    publishers: dict[str, Publisher] = _local.__dict__.setdefault("publishers", {})
    if broker.url not in publishers:
        publishers[broker.url] = Publisher(broker)
    return publishers[broker.url]


def reset_publishers() -> None:
    """Close this thread's publishing connections (tests, and after a fork)."""
    for item in _local.__dict__.pop("publishers", {}).values():
        item.reset()
