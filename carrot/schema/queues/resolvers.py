"""Plain functions behind the queues queries."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from carrot import control
from carrot import queue_state as queue_state_cache
from carrot.conf import QueueSettings, get_settings
from carrot.errors import UnknownQueueError
from carrot.metrics import rollups
from carrot.models import QueuePause


def queues() -> list[QueueSettings]:
    """Every declared queue, in settings order."""
    return list(get_settings().queues)


def queue(name: str) -> QueueSettings | None:
    """The declared queue called ``name``, or ``None``."""
    try:
        return get_settings().queue(name)
    except UnknownQueueError:
        return None


_PAUSES = "_carrot_queue_pauses"
_RATES = "_carrot_queue_rates"
T = TypeVar("T")


def _once_per_request(request: Any, attribute: str, read: Callable[[], T]) -> T:
    """What ``read`` returns, read once per request for every queue of the answer."""
    if not hasattr(request, attribute):
        setattr(request, attribute, read())
    value: T = getattr(request, attribute)
    return value


def pause_of(queue: QueueSettings, request: Any) -> QueuePause | None:
    """The pause of ``queue``, or ``None``; the paused queues are read once per request."""
    return _once_per_request(request, _PAUSES, control.pauses).get(queue.name)


def rates_of(queue: QueueSettings, request: Any) -> rollups.Rates:
    """The tasks per minute in and out of ``queue``; every queue's are read once per request."""
    return _once_per_request(request, _RATES, rollups.rates).get(queue.name, rollups.Rates())


def forget_pauses(request: Any) -> None:
    """After pausing or resuming in ``request``: read the paused queues again."""
    if hasattr(request, _PAUSES):
        delattr(request, _PAUSES)


def queue_state(queue: QueueSettings) -> dict[str, Any]:
    """``reachable``, ``messages``, ``consumers`` and ``error`` of one queue, at most a second or two old.

    From the process's shared cache (:mod:`carrot.queue_state`); never raises broker errors.
    """
    state = queue_state_cache.shared().get(queue)
    if state.error is not None:
        return {
            "reachable": state.error.reachable,
            "messages": None,
            "consumers": None,
            "error": str(state.error),
        }
    return {"reachable": True, "messages": state.messages, "consumers": state.consumers, "error": None}
