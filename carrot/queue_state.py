"""The monitor's view of each queue on its broker: one connection per broker, answers kept a second.

Every open monitor tab asks for the depth of every queue every few seconds, and one GraphQL request
may ask for it many times (aliases). Asking the broker each time, on a connection of its own, let
one request open a thousand connections. Instead each process keeps one :class:`QueueStates`
(:func:`shared`), which holds:

- **one long-lived connection per broker** (its URL: host, virtual host and user), opened on first
  use and used by one thread at a time, as pika's connections are not thread-safe. A connection
  found dead (a broker restart, heartbeats missed while it sat idle) is replaced at once and the
  question asked again on the new one; a channel the broker closed (it closes the channel that asks
  about a queue it does not know) is replaced on the next question;
- **each queue's last answer for** :data:`MAX_AGE` **seconds**. A request finding it older asks the
  broker, and the requests that find it old at the same moment wait for that one answer instead of
  each asking. A failure (broker down, access refused) is kept just as long, so a broker that is
  down is not asked more often than one that is up. A request waits at most :data:`MAX_WAIT` seconds
  for another's question: a stalled broker holds back the request that asked, and the others get a
  state saying the broker is slow.

So however many requests and tabs there are, a process asks each broker about each queue at most
once per :data:`MAX_AGE` and holds one connection to it. A forked child (a pre-forking server) never
uses its parent's connection: :func:`shared` keeps one :class:`QueueStates` per process id.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field

import pika
from pika.adapters.blocking_connection import BlockingChannel
from pika.exceptions import AMQPError

from carrot import broker
from carrot.broker_url import BrokerURL
from carrot.conf import QueueSettings
from carrot.errors import BrokerError

logger = logging.getLogger(__name__)

MAX_AGE = 1.0
"""Seconds a queue's state is shown before it is asked again (the monitor's UI polls every 5)."""
MAX_WAIT = 3.0
"""Seconds a request waits for another request's question to the broker before it reports the broker
slow: a stalled broker holds back the one request that asked, not every request after it."""


@dataclass(frozen=True)
class QueueState:
    """What the broker said about a queue (``messages``, ``consumers``), or why it could not (``error``)."""

    messages: int | None
    consumers: int | None
    error: BrokerError | None
    taken_at: float
    """:func:`time.monotonic` when the answer came."""


class BrokerLink:
    """One connection, and one channel on it, to one broker; one thread uses it at a time."""

    def __init__(self, url: BrokerURL) -> None:
        self.url = url
        self._lock = threading.Lock()
        self._connection: pika.BlockingConnection | None = None
        self._channel: BlockingChannel | None = None

    def describe(self, queue: QueueSettings, wait: float) -> tuple[int, int]:
        """``(messages ready, consumers)`` of ``queue``; raises :class:`BrokerError` as the broker does,
        or when the connection stays busy with another question for ``wait`` seconds.

        A kept connection that fails as unreachable may just have died while unused: the question is
        asked once more on a new connection before the failure is believed.
        """
        if not self._lock.acquire(timeout=wait):
            raise BrokerError(slow_message(self.url, wait), reachable=False)
        try:
            if self._connection is not None:
                try:
                    return self._describe(queue)
                except BrokerError as exc:
                    if exc.reachable:
                        raise
                    logger.debug("Broker connection to %s lost (%s); opening another", self.url.display, exc)
            return self._describe(queue)
        finally:
            self._lock.release()

    def close(self) -> None:
        with self._lock:
            self._drop()

    def _describe(self, queue: QueueSettings) -> tuple[int, int]:
        try:
            return broker.describe_queue(self._open_channel(), queue)
        except BrokerError as exc:
            if not exc.reachable:
                self._drop()
            raise

    def _open_channel(self) -> BlockingChannel:
        """The channel to ask on, opening a connection or channel where there is none open."""
        try:
            if self._connection is None or not self._connection.is_open:
                self._drop()
                self._connection = broker.connect(self.url)
            if self._channel is None or not self._channel.is_open:
                self._channel = self._connection.channel()
        except AMQPError as exc:
            self._drop()
            raise BrokerError(broker.unreachable_message(self.url, exc), reachable=False) from exc
        return self._channel

    def _drop(self) -> None:
        connection, self._connection, self._channel = self._connection, None, None
        if connection is not None:
            broker.close_quietly(connection)


@dataclass
class _Entry:
    """One queue's last state; ``refreshing`` is held by the one request asking the broker."""

    state: QueueState | None = None
    refreshing: threading.Lock = field(default_factory=threading.Lock)


class QueueStates:
    """The state of every queue asked about in this process, each refreshed at most every ``max_age``."""

    def __init__(self, max_age: float = MAX_AGE, max_wait: float = MAX_WAIT) -> None:
        self.max_age = max_age
        self.max_wait = max_wait
        self._lock = threading.Lock()
        self._links: dict[BrokerURL, BrokerLink] = {}
        self._entries: dict[tuple[BrokerURL, str], _Entry] = {}

    def get(self, queue: QueueSettings) -> QueueState:
        """``queue``'s state, at most :attr:`max_age` seconds old; never raises broker errors.

        When another request has been asking the broker for :attr:`max_wait` seconds, the state is an
        error saying the broker is slow (kept for no one: the asking request will keep the answer).
        """
        entry = self._entry(queue)
        state = entry.state
        if state is not None and self._fresh(state):
            return state
        if not entry.refreshing.acquire(timeout=self.max_wait):
            return QueueState(
                None, None, BrokerError(slow_message(queue.broker, self.max_wait), reachable=False), 0.0
            )
        try:
            state = entry.state
            if state is None or not self._fresh(state):  # not refreshed while this request waited
                state = entry.state = self._ask(queue)
            return state
        finally:
            entry.refreshing.release()

    def forget(self, queue: QueueSettings) -> None:
        """Drop ``queue``'s state, so the next request asks the broker (e.g. right after a purge)."""
        with self._lock:
            self._entries.pop((queue.broker, queue.name), None)

    def clear(self) -> None:
        """Forget every state and close every connection (they are opened again when next needed)."""
        with self._lock:
            links = list(self._links.values())
            self._links.clear()
            self._entries.clear()
        for link in links:
            link.close()

    def _fresh(self, state: QueueState) -> bool:
        return time.monotonic() - state.taken_at < self.max_age

    def _entry(self, queue: QueueSettings) -> _Entry:
        with self._lock:
            return self._entries.setdefault((queue.broker, queue.name), _Entry())

    def _link(self, url: BrokerURL) -> BrokerLink:
        with self._lock:
            link = self._links.get(url)
            if link is None:
                link = self._links[url] = BrokerLink(url)
            return link

    def _ask(self, queue: QueueSettings) -> QueueState:
        try:
            messages, consumers = self._link(queue.broker).describe(queue, self.max_wait)
        except BrokerError as exc:
            logger.info("State of queue %s unavailable: %s", queue.name, exc)
            return QueueState(None, None, exc, time.monotonic())
        return QueueState(messages, consumers, None, time.monotonic())


def slow_message(url: BrokerURL, waited: float) -> str:
    return (
        f"RabbitMQ at {url.display} has not answered another request's question within {waited:g} s; "
        "is it overloaded, or the network to it stalled?"
    )


_by_process: dict[int, QueueStates] = {}


def shared() -> QueueStates:
    """This process's :class:`QueueStates`; a forked child gets a new one, never its parent's connections.

    The parent's is dropped without closing its connections, which the parent still uses.
    """
    pid = os.getpid()
    states = _by_process.get(pid)
    if states is None:
        for other in [key for key in _by_process if key != pid]:
            _by_process.pop(other, None)
        states = _by_process.setdefault(pid, QueueStates())  # atomic: racing threads share one
    return states
