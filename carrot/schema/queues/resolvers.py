"""Plain functions behind the queues queries."""

from __future__ import annotations

import logging
from typing import Any

from carrot import broker
from carrot.conf import QueueSettings, get_settings
from carrot.errors import BrokerError, UnknownQueueError

logger = logging.getLogger(__name__)


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
    """``reachable``, ``messages``, ``consumers`` and ``error`` of one queue; never raises broker errors."""
    try:
        messages, consumers = broker.queue_state(queue)
    except BrokerError as exc:
        logger.info("State of queue %s unavailable: %s", queue.name, exc)
        return {"reachable": exc.reachable, "messages": None, "consumers": None, "error": str(exc)}
    return {"reachable": True, "messages": messages, "consumers": consumers, "error": None}
