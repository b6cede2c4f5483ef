"""Purging a queue, and what a purge cannot remove.

RabbitMQ's ``queue.purge`` removes the messages *ready* in a queue. Messages already delivered to a
consumer and not yet acknowledged (the task it runs, and those waiting in its prefetch) are not
ready: the purge leaves them, and their tasks still run; a consumer that stops without acking gives
them back to the queue. So a queue that showed 17 messages may be purged of 12 while its consumers
hold 5.

RabbitMQ does not tell a queue's unacknowledged messages over AMQP (only its management plugin
does), so :func:`purge` estimates them: the queue's tasks still ``PUBLISHED`` or ``IN_PROGRESS`` in
the database just after the purge, less the messages it removed (whose tasks stay ``PUBLISHED``), at
most what the queue's consumers may hold (consumers x ``prefetch_count``). Tasks whose message was
lost some other way (an earlier purge) count too, within that bound; none is counted when nothing
consumes the queue.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from carrot import broker, queue_state
from carrot.conf import QueueSettings
from carrot.logs import queries

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Purged:
    """What a purge did: ``purged`` messages removed, about ``held`` left with consumers (see the module)."""

    purged: int
    held: int


def purge(queue: QueueSettings) -> Purged:
    """Remove the messages ready in ``queue``; raises :class:`BrokerError` when the broker refuses.

    The tasks of the removed messages stay ``PUBLISHED`` (``requeuePendingTasks`` publishes them
    again). ``held`` is the estimate of the messages consumers held, which the purge did not remove.
    """
    purged = broker.purge_queue(queue)
    queue_state.shared().forget(queue)  # the monitor shows the emptied queue at once
    return Purged(purged, held_by_consumers(queue, purged))


def held_by_consumers(queue: QueueSettings, purged: int) -> int:
    """About how many of ``queue`` 's messages its consumers hold, just after ``purged`` were removed."""
    state = queue_state.shared().get(queue)
    if state.consumers is None:  # the broker cannot be asked now: bound by the tasks alone
        logger.warning("Queue %s: consumers unknown after its purge (%s)", queue.name, state.error)
        consumers = queue.concurrency if queue.consumable else 0
    else:
        consumers = state.consumers
    most = consumers * queue.prefetch_count
    if most == 0:
        return 0
    return max(queries.pending_count(queue.name, purged + most) - purged, 0)
