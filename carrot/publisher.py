"""Publishing to one broker with confirms: every message ends confirmed, or failed with the reason.

A :class:`Publisher` keeps one long-lived connection (1.x opened a connection per message) and a
channel in confirm mode, publishing persistent messages with ``mandatory=True``: a message the broker
cannot route or refuses is reported, never silently dropped. The publishing pipeline
(:mod:`carrot.pipeline`) owns one per broker and uses it from its own thread only.

:meth:`Publisher.send` writes messages without waiting (pika's ``BlockingChannel`` would wait for each
confirm in turn) and :meth:`Publisher.settle` waits until the broker answered for every message up to a
mark, so the caller can send the next batch while the previous one's confirms are on their way.
Each message is kept until the broker answers for it, and has a deadline
(``CARROT['publish_retry_seconds']`` after it was handed in):

* the connection drops or the broker is down: reconnect with backoff and send every unconfirmed
  message again, until its deadline; then it fails, saying the broker could not be reached. A message
  whose confirm was lost with the connection may arrive twice; its consumer finds the first run's log;
* the broker closes the channel (a missing exchange, a refused argument): the messages it names fail
  at once with the broker's reason, and the others go again on a new channel, without waiting;
* returned as unroutable: that message fails with the reason;
* nacked: that message goes again on a new channel (after a backoff delay) until its deadline, then
  fails saying the broker refused it. RabbitMQ 3.10 nacks every publish to a quorum queue on a
  channel opened while the queue's leader node had just died, until the channel is closed: a new
  channel reaches the new leader;
* no answer by its deadline on a working connection: it fails as not confirmed.
"""

from __future__ import annotations

import logging
import re
import time
from collections import deque
from dataclasses import dataclass
from typing import Any

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPChannelError, AMQPConnectionError, AMQPError, ChannelClosedByBroker
from pika.spec import Basic, BasicProperties

from carrot import pika_private
from carrot.backoff import Backoff
from carrot.broker import Route, close_quietly, connect, declare_queue, unreachable_message
from carrot.broker_url import BrokerURL
from carrot.errors import CarrotError, PublishError
from carrot.messages import TaskMessage

logger = logging.getLogger(__name__)

DEFAULT_RETRY_SECONDS = 15.0
_MISSING_EXCHANGE = re.compile(r"no exchange '(?P<name>.*)' in vhost")


@dataclass
class _Outgoing:
    """One message on its way: encoded, numbered, and with the time it fails if still unconfirmed."""

    sequence: int
    route: Route
    message_id: str
    properties: BasicProperties
    body: bytes
    deadline: float


class Publisher:
    """One thread's connection to one broker, with a channel in confirm mode."""

    def __init__(self, broker: BrokerURL, retry_seconds: float = DEFAULT_RETRY_SECONDS) -> None:
        self.broker = broker
        self.retry_seconds = retry_seconds
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None
        self._declared: set[str] = set()
        self._sequence = 0
        self._next_tag = 1
        self._unsent: deque[_Outgoing] = deque()
        """Messages waiting for a channel, in sequence order."""
        self._unconfirmed: dict[int, _Outgoing] = {}
        """delivery tag -> message, in sending order, until the broker answers."""
        self._failed: dict[str, str] = {}
        """message id -> why it was not published, until settled."""
        self._closed_by_broker: ChannelClosedByBroker | None = None
        self._nacked: list[_Outgoing] = []
        """Messages the broker nacked, to go again on a new channel."""
        self._last_error = "no connection attempt yet"
        self._backoff = Backoff(first=0.1, cap=2.0)
        self._settling = False

    # -- the public side ----------------------------------------------------------------------------

    def send(self, batch: list[tuple[Route, TaskMessage]]) -> int:
        """Write ``batch`` to the broker as far as it takes it now; returns the mark to settle it with.

        Never raises: what cannot be sent now is retried by :meth:`settle`, and what fails is reported
        by it.
        """
        deadline = time.monotonic() + self.retry_seconds
        for route, message in batch:
            self._sequence += 1
            try:
                properties, body = message.encode()
            except CarrotError as exc:  # validated when published; stored arguments of a relayed log
                self._failed[message.message_id] = str(exc)
                continue
            self._unsent.append(
                _Outgoing(self._sequence, route, message.message_id, properties, body, deadline)
            )
        self._pump(wait=0)
        return self._sequence

    def settle(self, mark: int, message_ids: list[str]) -> dict[str, str]:
        """Wait until every message sent up to ``mark`` is confirmed or failed.

        Returns ``{message_id: reason}`` for those of ``message_ids`` that were not published.
        """
        self._settling = True
        try:
            while self._oldest() <= mark:
                self._pump(wait=0.05)
        finally:
            self._settling = False
        return {mid: self._failed.pop(mid) for mid in message_ids if mid in self._failed}

    def publish_many(self, batch: list[tuple[Route, TaskMessage]]) -> dict[str, str]:
        """:meth:`send` then :meth:`settle`: ``{message_id: reason}`` for each message not taken."""
        return self.settle(self.send(batch), [message.message_id for _, message in batch])

    def reset(self) -> None:
        """Drop the connection; the next call opens a new one and sends what is unconfirmed again."""
        if self._connection is not None:
            close_quietly(self._connection)
        self._connection = self._channel = None
        self._declared.clear()
        self._requeue_unconfirmed()

    def _requeue_unconfirmed(self) -> None:
        """Put what the broker has not answered for back before the unsent, to go again in order."""
        waiting = [*self._unconfirmed.values(), *self._unsent]
        self._unsent = deque(sorted(waiting, key=lambda outgoing: outgoing.sequence))
        self._unconfirmed.clear()

    # -- moving messages ----------------------------------------------------------------------------

    def _oldest(self) -> int:
        """The sequence number of the oldest message the broker has not answered for."""
        first = [queue[0].sequence for queue in (self._unsent, list(self._unconfirmed.values())) if queue]
        return min(first) if first else self._sequence + 1

    def _pump(self, wait: float) -> None:
        """Write what waits, read the broker's answers for up to ``wait`` seconds, handle any loss."""
        self._expire()
        try:
            channel = self._ensure_channel()
            self._write_unsent(channel)
            assert self._connection is not None
            self._connection.process_data_events(time_limit=wait)
        except AMQPConnectionError as exc:
            self._lost(exc)
        except AMQPChannelError as exc:  # a refused declaration, or the channel closed while writing
            if self._closed_by_broker is None and isinstance(exc, ChannelClosedByBroker):
                self._closed_by_broker = exc
            if self._closed_by_broker is None:
                self._lost(exc)
        if self._closed_by_broker is not None:
            self._after_broker_closed_channel()
        if self._nacked:
            self._after_nack()

    def _ensure_channel(self) -> BlockingChannel:
        if self._channel is not None and self._channel.is_open:
            return self._channel
        if self._connection is None or not self._connection.is_open:
            self._connection = connect(self.broker)
            self._declared.clear()
        channel = self._connection.channel()
        channel.add_on_return_callback(self._on_return)
        pika_private.on_confirm(channel, self._on_confirm)
        pika_private.on_close(channel, self._on_close)
        self._channel, self._next_tag = channel, 1
        self._backoff.reset()
        return channel

    def _write_unsent(self, channel: BlockingChannel) -> None:
        """Declare the queues of what waits, then write it all to the socket at once."""
        for route in {o.route.queue.name: o.route for o in self._unsent}.values():
            self._declare(route)  # a refusal fails that queue's messages
        with pika_private.writes_joined(channel):
            while self._unsent and channel.is_open:
                outgoing = self._unsent.popleft()
                self._unconfirmed[self._next_tag] = outgoing  # first: pika may read the ack while writing
                self._next_tag += 1
                route = outgoing.route
                pika_private.publish(channel, route.exchange, route.key, outgoing.body, outgoing.properties)

    def _declare(self, route: Route) -> None:
        """Declare the route's queue once per connection.

        A refusal fails every waiting message for that queue with the broker's reason.
        """
        if route.queue.name in self._declared:
            return
        assert self._connection is not None  # opened with the channel
        try:
            declare_queue(self._connection, route.queue)
        except ChannelClosedByBroker as exc:
            reason = (
                f"RabbitMQ refused to declare queue {route.queue.name!r}: {exc.reply_code} {exc.reply_text}"
            )
            logger.error("Publishing to %s: %s", self.broker.display, reason)
            self._fail([o for o in self._pending() if o.route.queue.name == route.queue.name], reason)
            return
        self._declared.add(route.queue.name)

    def _fail(self, doomed: list[_Outgoing], reason: str) -> None:
        """Stop sending ``doomed`` and report each as not published, for ``reason``."""
        for outgoing in doomed:
            self._failed[outgoing.message_id] = reason
        gone = {id(o) for o in doomed}
        self._unsent = deque(o for o in self._unsent if id(o) not in gone)
        self._unconfirmed = {tag: o for tag, o in self._unconfirmed.items() if id(o) not in gone}

    def _expire(self) -> None:
        """Fail the messages whose deadline has passed."""
        now = time.monotonic()
        while self._unsent and self._unsent[0].deadline <= now:
            outgoing = self._unsent.popleft()
            self._failed[outgoing.message_id] = (
                f"not published within {self.retry_seconds:g}s: {self._last_error}"
            )
        for tag in [tag for tag, outgoing in self._unconfirmed.items() if outgoing.deadline <= now]:
            outgoing = self._unconfirmed.pop(tag)
            self._failed[outgoing.message_id] = f"not confirmed by the broker within {self.retry_seconds:g}s"

    def _lost(self, exc: BaseException) -> None:
        """The connection failed: remember why, start over on a new one after a backoff delay."""
        self._last_error = unreachable_message(self.broker, exc)
        if self._unconfirmed or self._unsent:
            logger.warning("Publishing to %s: %s; retrying", self.broker.display, self._last_error)
        self.reset()
        waiting = [o.deadline for o in self._unsent]
        if waiting:
            time.sleep(max(0.0, min(self._backoff.next(), min(waiting) - time.monotonic())))

    def _after_broker_closed_channel(self) -> None:
        """Fail the messages the broker's reason names (or all unconfirmed), and resend the rest."""
        closed, self._closed_by_broker = self._closed_by_broker, None
        assert closed is not None
        reason = f"RabbitMQ refused it: {closed.reply_code} {closed.reply_text}"
        match = _MISSING_EXCHANGE.search(closed.reply_text)
        self._fail([o for o in self._pending() if match is None or o.route.exchange == match["name"]], reason)
        logger.warning("Publishing to %s: %s", self.broker.display, reason)
        self._channel = None  # a new channel next time; what stays unconfirmed goes again on it
        self._requeue_unconfirmed()

    def _after_nack(self) -> None:
        """Send the nacked messages again, with what is unconfirmed, on a new channel after a backoff
        delay (bounded by their deadlines, after which :meth:`_expire` fails them)."""
        nacked, self._nacked = self._nacked, []
        self._last_error = "the broker refused it (nack); see the RabbitMQ log"
        logger.warning(
            "Publishing to %s: the broker refused %d message(s) (nack); sending again on a new channel",
            self.broker.display,
            len(nacked),
        )
        if self._channel is not None:
            channel, self._channel = self._channel, None
            try:
                channel.close()
            except Exception:
                logger.debug("closing the channel after a nack failed", exc_info=True)
        self._unsent.extend(nacked)
        self._requeue_unconfirmed()
        waiting = [o.deadline for o in self._unsent]
        if waiting:
            time.sleep(max(0.0, min(self._backoff.next(), min(waiting) - time.monotonic())))

    def _pending(self) -> list[_Outgoing]:
        return [*self._unconfirmed.values(), *self._unsent]

    # -- the broker's answers (on this thread, inside process_data_events) ---------------------------

    def _on_confirm(self, frame: Any) -> None:
        method = frame.method
        tags = [method.delivery_tag]
        if method.multiple:  # every tag up to this one; the dict holds tags in increasing order
            tags = [tag for tag in self._unconfirmed if tag <= method.delivery_tag]
        for tag in tags:
            outgoing = self._unconfirmed.pop(tag, None)
            if outgoing is not None and isinstance(method, Basic.Nack):
                self._nacked.append(outgoing)
        if self._settling:
            self._wake()

    def _on_return(self, _channel: Any, method: Any, properties: BasicProperties, _body: bytes) -> None:
        self._failed[properties.message_id] = (
            f"the broker returned it as unroutable ({method.reply_text}): no queue is bound to exchange "
            f"{method.exchange!r} with routing key {method.routing_key!r}"
        )

    def _on_close(self, _channel: Any, reason: BaseException) -> None:
        if isinstance(reason, ChannelClosedByBroker):
            self._closed_by_broker = reason
            self._wake()

    def _wake(self) -> None:
        """End the current ``process_data_events`` wait: the broker has answered.

        Confirms and closes arrive through the underlying channel's callbacks, which
        ``BlockingConnection`` does not watch: without an event of its own, the wait would sleep out
        its time limit.
        """
        try:
            if self._connection is not None and self._connection.is_open:
                self._connection.add_callback_threadsafe(_nothing)
        except AMQPError:
            logger.debug("Could not wake the publisher's wait", exc_info=True)


def _nothing() -> None:
    """The event that ends a wait in ``process_data_events``."""


_exchanges_seen: set[tuple[str, str]] = set()


def check_exchange(broker: BrokerURL, exchange: str) -> None:
    """Raise :class:`~carrot.errors.PublishError` when the broker says ``exchange`` does not exist.

    Asked once per exchange and process (a passive declare on a short connection); the default
    exchange always exists, and an unreachable broker is not an answer: the publisher reports that.
    """
    if not exchange or (broker.url, exchange) in _exchanges_seen:
        return
    try:
        connection = connect(broker)
    except AMQPError:
        return
    try:
        connection.channel().exchange_declare(exchange, passive=True)
    except ChannelClosedByBroker as exc:
        raise PublishError(
            f"Cannot publish to exchange {exchange!r}: RabbitMQ says {exc.reply_code} {exc.reply_text}. "
            "Declare the exchange first, or publish to a queue (no exchange)."
        ) from None
    except AMQPError:
        return
    finally:
        close_quietly(connection)
    _exchanges_seen.add((broker.url, exchange))
