"""The few private pika calls django-carrot relies on, in one place.

``BlockingChannel`` (pika's public blocking API) waits for the broker after each publish once
confirms are on, and flushes the socket after each ack. Publishing thousands of confirmed messages a
second, and acking a group of results at once, needs the underlying asynchronous channel
(``BlockingChannel._impl``, a :class:`pika.channel.Channel`), whose methods only queue frames and
whose callbacks report confirms and closes as they arrive. Every use of ``_impl`` goes through this
module, and ``tests/unit/test_pika_private.py`` fails on a pika release that changes what it needs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from pika.adapters.blocking_connection import BlockingChannel
from pika.spec import BasicProperties

ConfirmCallback = Callable[[Any], None]
"""Called with the ``Basic.Ack``/``Basic.Nack`` frame of each confirm."""
CloseCallback = Callable[[Any, BaseException], None]
"""Called with the channel and the reason (``ChannelClosedByBroker`` for a broker's refusal)."""


def on_confirm(channel: BlockingChannel, callback: ConfirmCallback) -> None:
    """Put ``channel`` in confirm mode, calling ``callback`` for each confirm instead of waiting for it."""
    channel._impl.confirm_delivery(ack_nack_callback=callback)


def on_close(channel: BlockingChannel, callback: CloseCallback) -> None:
    """Call ``callback`` when ``channel`` closes, with the broker's reason when the broker closed it."""
    channel._impl.add_on_close_callback(callback)


def publish(
    channel: BlockingChannel, exchange: str, routing_key: str, body: bytes, properties: BasicProperties
) -> None:
    """Queue a mandatory publish without waiting for its confirm (reported to :func:`on_confirm`)."""
    channel._impl.basic_publish(exchange, routing_key, body, properties, mandatory=True)


@contextmanager
def writes_joined(channel: BlockingChannel) -> Iterator[None]:
    """Hand the frames written on ``channel``'s connection inside to the socket as one piece on leaving.

    pika writes each frame of a publish (method, header, body) by itself, a system call each: a fifth
    of the publishing thread's time at thousands of messages a second. Nothing inside may wait for
    the broker: its request would still be here.
    """
    connection = channel._impl.connection
    frames: list[bytes] = []
    connection._adapter_emit_data = frames.append  # shadows the method until deleted
    try:
        yield
    finally:
        del connection._adapter_emit_data
        if frames:
            connection._adapter_emit_data(b"".join(frames))


def ack(channel: BlockingChannel, delivery_tag: int) -> None:
    """Queue an ack; the connection's loop sends it with the others (no flush per message)."""
    channel._impl.basic_ack(delivery_tag)


def requeue(channel: BlockingChannel, delivery_tag: int) -> None:
    """Queue a nack that gives the message back to the queue."""
    channel._impl.basic_nack(delivery_tag, requeue=True)
