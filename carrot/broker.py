"""Talking to RabbitMQ: connections, queue declaration, and publishing with confirms.

A :class:`Publisher` keeps one long-lived connection to a broker (1.x opened a connection per
message), on a channel in confirm mode, publishing with ``mandatory=True``: a message the broker
cannot route or refuses is reported, never silently dropped. The publishing pipeline
(:mod:`carrot.pipeline`) owns one per broker.
"""

from __future__ import annotations

import itertools
import logging
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


NOT_FOUND = 404
PRECONDITION_FAILED = 406


def declare_queue(connection: pika.BlockingConnection, queue: QueueSettings) -> None:
    """Declare ``queue`` as its settings say (durable, ``x-max-priority: 10`` unless overridden).

    A queue that already exists with other arguments (one declared by django-carrot 1.x with 255
    priority levels, say) is used as it is, with a warning: the broker never changes a queue's
    arguments, and refusing it would stop every publish and consumer until someone deletes the queue.
    The declaration gets a channel of its own, as the broker closes the channel that asked.
    """
    channel = connection.channel()
    try:
        channel.queue_declare(queue=queue.name, durable=queue.durable, arguments=dict(queue.queue_arguments))
    except ChannelClosedByBroker as exc:
        if exc.reply_code != PRECONDITION_FAILED or "inequivalent arg" not in exc.reply_text:
            raise
        logger.warning(
            "Queue %r on %s exists with other settings than CARROT's (%s); using it as it is. To apply "
            "the settings, delete the queue once it is empty and restart, or set its queue_arguments "
            "and durable to match (docs/upgrading).",
            queue.name,
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
            declare_queue(connection, queue)
            return connection.channel().queue_purge(queue.name).method.message_count
        finally:
            _close_quietly(connection)


def _close_quietly(connection: pika.BlockingConnection) -> None:
    try:
        if connection.is_open:
            connection.close()
    except AMQPError:
        logger.debug("Error while closing a broker connection", exc_info=True)


Outgoing = tuple[Route, TaskMessage, BasicProperties, bytes]


class Publisher:
    """One thread's connection to one broker, with a channel in confirm mode.

    :meth:`send` writes messages without waiting (pika's ``BlockingChannel`` would wait for each confirm
    in turn) and numbers them; :meth:`settle` waits until the broker answered for every message up to a
    number. A caller can therefore send the next batch before settling the previous one. Until its
    confirm, each message is kept: if the connection drops, the next call reconnects once and sends
    every unconfirmed message again (a message whose confirm was lost may then arrive twice; its
    consumer finds the first run's log).
    """

    def __init__(self, broker: BrokerURL) -> None:
        self.broker = broker
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None
        self._declared: set[str] = set()
        self._sequence = 0
        self._written = 0
        self._next_tag = 1
        self._unconfirmed: dict[int, tuple[int, Outgoing]] = {}
        """delivery tag -> (sequence number, message), in sending order, until the broker answers."""
        self._failed: dict[str, str] = {}
        """message id -> why the broker did not take it (returned or nacked), until settled."""
        self._settling = False

    # -- the channel ------------------------------------------------------------------------------

    def _ensure_channel(self) -> BlockingChannel:
        if self._channel is None or not self._channel.is_open:
            if self._connection is None or not self._connection.is_open:
                self._connection = connect(self.broker)
                self._declared.clear()
            self._channel = self._connection.channel()
            self._channel.add_on_return_callback(self._on_return)
            self._channel._impl.confirm_delivery(ack_nack_callback=self._on_confirm)
            self._next_tag = 1
            waiting, self._unconfirmed = list(self._unconfirmed.values()), {}
            for sequence, item in waiting:  # a new channel: what the old one left unconfirmed goes again
                self._write(self._channel, sequence, item)
        return self._channel

    def _declare(self, route: Route) -> None:
        if route.queue.name not in self._declared:
            assert self._connection is not None  # opened with the channel
            declare_queue(self._connection, route.queue)
            self._declared.add(route.queue.name)

    def reset(self) -> None:
        """Drop the connection; the next call opens a new one."""
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

    # -- the broker's answers ---------------------------------------------------------------------

    def _on_confirm(self, frame: Any) -> None:
        method = frame.method
        tags = [method.delivery_tag]
        if method.multiple:  # every tag up to this one; the dict holds tags in increasing order
            tags = list(itertools.takewhile(lambda tag: tag <= method.delivery_tag, self._unconfirmed))
        for tag in tags:
            entry = self._unconfirmed.pop(tag, None)
            if entry is not None and isinstance(method, Basic.Nack):
                self._failed[entry[1][1].message_id] = "the broker refused it (nack); see the RabbitMQ log"
        if self._settling and self._connection is not None:
            # This callback belongs to the underlying channel, which BlockingConnection does not
            # watch: without an event of its own, process_data_events would sleep out its time limit.
            self._connection.add_callback_threadsafe(_nothing)

    def _on_return(self, _channel: Any, method: Any, properties: BasicProperties, _body: bytes) -> None:
        self._failed[properties.message_id] = (
            f"the broker returned it as unroutable ({method.reply_text}): no queue is bound to exchange "
            f"{method.exchange!r} with routing key {method.routing_key!r}"
        )

    # -- publishing -------------------------------------------------------------------------------

    def _write(self, channel: BlockingChannel, sequence: int, item: Outgoing) -> None:
        route, _message, properties, body = item
        self._declare(route)
        # Recorded first: pika may read the broker's ack while it writes.
        self._unconfirmed[self._next_tag] = (sequence, item)
        self._next_tag += 1
        self._written = max(self._written, sequence)
        channel._impl.basic_publish(route.exchange, route.key, body, properties, mandatory=True)

    def send(self, batch: Sequence[tuple[Route, TaskMessage]]) -> int:
        """Write ``batch`` to the broker without waiting; returns the mark to :meth:`settle` it with.

        Raises :class:`PublishError` when the broker cannot be reached or refuses a declaration.
        """
        outgoing = [(route, message, *message.encode()) for route, message in batch]
        first = self._sequence + 1
        self._sequence += len(outgoing)

        def write(channel: BlockingChannel) -> None:
            for offset, item in enumerate(outgoing):
                if first + offset > self._written:  # after a reconnect, part may have gone already
                    self._write(channel, first + offset, item)
            assert self._connection is not None
            self._connection.process_data_events(time_limit=0)

        try:
            self._with_retry(write)
        except PublishError:
            self._forget(self._sequence)
            raise
        return self._sequence

    def settle(self, mark: int, message_ids: Sequence[str]) -> dict[str, str]:
        """Wait until the broker answered for every message sent up to ``mark``.

        Returns ``{message_id: reason}`` for those of ``message_ids`` the broker returned, refused or did
        not confirm within :data:`CONFIRM_TIMEOUT`; raises :class:`PublishError` when the connection
        dropped and the broker cannot be reached again.
        """
        deadline = time.monotonic() + CONFIRM_TIMEOUT

        def wait(_channel: BlockingChannel) -> None:
            assert self._connection is not None
            while self._oldest() <= mark and time.monotonic() < deadline:
                self._connection.process_data_events(time_limit=0.05)

        self._settling = True
        try:
            self._with_retry(wait)
        except PublishError:
            self._forget(mark)
            raise
        finally:
            self._settling = False
        failed = {mid: self._failed.pop(mid) for mid in message_ids if mid in self._failed}
        for message_id in self._forget(mark):
            failed[message_id] = f"not confirmed by the broker within {CONFIRM_TIMEOUT:.0f}s"
        return failed

    def _oldest(self) -> int:
        """The sequence number of the oldest unconfirmed message (tags and sequence grow together)."""
        first = next(iter(self._unconfirmed.values()), None)
        return first[0] if first is not None else self._sequence + 1

    def _forget(self, mark: int) -> list[str]:
        """Stop waiting for the messages sent up to ``mark``; returns their ids."""
        gone = [tag for tag, (sequence, _) in self._unconfirmed.items() if sequence <= mark]
        return [self._unconfirmed.pop(tag)[1][1].message_id for tag in gone]

    def publish_many(self, batch: Sequence[tuple[Route, TaskMessage]]) -> dict[str, str]:
        """:meth:`send` then :meth:`settle`: ``{message_id: reason}`` for each message not taken."""
        return self.settle(self.send(batch), [message.message_id for _, message in batch])


def _nothing() -> None:
    """The event that ends a wait in ``process_data_events`` once a confirm has arrived."""
