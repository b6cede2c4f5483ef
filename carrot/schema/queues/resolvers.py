"""Plain functions behind the queues queries."""

from __future__ import annotations

import logging
from typing import Any

from pika.exceptions import AMQPError, ChannelClosedByBroker

from carrot import broker
from carrot.conf import QueueSettings, get_settings
from carrot.errors import UnknownQueueError

logger = logging.getLogger(__name__)

NOT_FOUND = 404


def queues() -> list[QueueSettings]:
    """Every declared queue, in settings order."""
    return list(get_settings().queues)


def queue(name: str) -> QueueSettings | None:
    """The declared queue called ``name``, or ``None``."""
    try:
        return get_settings().queue(name)
    except UnknownQueueError:
        return None


def queue_state(queue: QueueSettings) -> dict[str, Any]:
    """``reachable``, ``messages``, ``consumers`` and ``error`` of one queue; never raises AMQP errors.

    A queue not declared on the broker yet (nothing was ever published to it) is empty.
    """
    try:
        messages, consumers = broker.queue_state(queue)
    except ChannelClosedByBroker as exc:
        if exc.reply_code == NOT_FOUND:
            return {"reachable": True, "messages": 0, "consumers": 0, "error": None}
        reason = f"RabbitMQ refused to describe queue {queue.name!r}: {exc.reply_text}"
        return {"reachable": True, "messages": None, "consumers": None, "error": reason}
    except AMQPError as exc:
        reason = broker.unreachable_message(queue.broker, exc)
        logger.info("State of queue %s unavailable: %s", queue.name, reason)
        return {"reachable": False, "messages": None, "consumers": None, "error": reason}
    return {"reachable": True, "messages": messages, "consumers": consumers, "error": None}
