"""Tasks no one runs, and whether the broker still holds their messages.

A consumer acks a message only after its task's result is committed (:doc:`delivery`). When a
service dies mid-task, RabbitMQ puts the task's unacked message back in its queue as soon as the
service's connection closes, and the task runs again when a consumer takes it. Until then its log
stays ``IN_PROGRESS`` under the dead service: *orphaned*. Publishing it again would usually run it
twice. Its message is gone only when something removed it from the queue (a purge, the queue
deleted, a broker that lost it).

The broker cannot tell whether one given message is in a queue (browsing it would redeliver it),
so the rule is per queue, from the broker's answer and the registry of services
(:mod:`carrot.workers`):

``IN_QUEUE``
    the queue has messages ready: the task's message is taken to be among them.
``WITH_CONSUMER``
    none is ready, but a message may wait unacked in a consumer's prefetch: a live service runs a
    task of the queue (the message may wait behind it), or the queue has more consumers than the
    live services account for (a service lost to the database but still connected to the broker, or
    a consumer that does not register, such as carrot 1.x).
``GONE``
    none is ready and every consumer belongs to a live service that runs nothing of the queue. A
    consumer holding the message would have started it within moments, and a redelivered message's
    start is saved before it runs, moving the log off the lost service: so no one holds it.
``UNKNOWN``
    the broker could not be asked, or the queue is not in the settings.

Only tasks of a ``GONE`` queue are published again (:func:`requeue_lost`), and only those still
orphaned (or ``PUBLISHED``) at that moment: a task a live service runs is never touched.
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from carrot import publishing, queue_state, workers
from carrot.conf import get_settings
from carrot.errors import UnknownQueueError
from carrot.logs import queries
from carrot.models import MessageLog, Worker


class Whereabouts(enum.Enum):
    """Where the message of a task no one runs is, as far as its queue tells (see the module)."""

    IN_QUEUE = "IN_QUEUE"
    WITH_CONSUMER = "WITH_CONSUMER"
    GONE = "GONE"
    UNKNOWN = "UNKNOWN"


@dataclass(frozen=True)
class Verdict:
    """Where the messages of ``queue`` 's waiting or orphaned tasks are, and a sentence saying so."""

    queue: str
    whereabouts: Whereabouts
    explanation: str

    @property
    def publishable(self) -> bool:
        """Publishing its tasks again sends messages no one else holds."""
        return self.whereabouts is Whereabouts.GONE


@dataclass(frozen=True)
class Registry:
    """One look at the registry of services: who is alive, lost, and what the live ones run."""

    alive: tuple[Worker, ...]
    lost: tuple[Worker, ...]
    consumers: Counter[str]
    """Consumer threads the live services have on each queue."""
    busy: frozenset[str]
    """Queues a live service runs a task of."""


def look(now: datetime.datetime | None = None) -> Registry:
    """The registry as of ``now`` (two queries)."""
    now = now or timezone.now()
    states = [(w, workers.state(w, now)) for w in Worker.objects.all()]
    alive = tuple(w for w, state in states if state is workers.State.ALIVE)
    lost = tuple(w for w, state in states if state is workers.State.LOST)
    consumers: Counter[str] = Counter()
    for worker in alive:
        for queue in worker.queues:
            consumers[queue["name"]] += int(queue["concurrency"])
    running = workers.running(alive)
    busy = frozenset(log.queue for logs in running.values() for log in logs)
    return Registry(alive, lost, consumers, busy)


def verdict(queue: str, registry: Registry, fresh: bool = False) -> Verdict:
    """Where the messages of ``queue`` 's unrun tasks are; ``fresh`` asks the broker now rather than
    taking an answer up to a second old."""
    try:
        settings = get_settings().queue(queue)
    except UnknownQueueError:
        return Verdict(queue, Whereabouts.UNKNOWN, f"Queue {queue} is not in CARROT['queues'].")
    states = queue_state.shared()
    if fresh:
        states.forget(settings)
    state = states.get(settings)
    if state.error is not None or state.messages is None or state.consumers is None:
        return Verdict(
            queue, Whereabouts.UNKNOWN, f"The broker of queue {queue} cannot be asked: {state.error}"
        )
    return _judge(queue, state.messages, state.consumers, registry)


def _judge(queue: str, ready: int, consumers: int, registry: Registry) -> Verdict:
    if ready:
        return Verdict(
            queue,
            Whereabouts.IN_QUEUE,
            f"Its message went back to queue {queue} ({ready} waiting): it runs again when a consumer"
            " takes it.",
        )
    if queue in registry.busy:
        return Verdict(
            queue,
            Whereabouts.WITH_CONSUMER,
            f"Queue {queue} has no message waiting, but a live service is running one of its tasks: the"
            " message may wait in that consumer's prefetch.",
        )
    if consumers > registry.consumers[queue]:
        return Verdict(
            queue,
            Whereabouts.WITH_CONSUMER,
            f"Queue {queue} has no message waiting, but {consumers} consumers where the live services"
            f" have {registry.consumers[queue]}: one that is not a live service may hold the message.",
        )
    return Verdict(
        queue,
        Whereabouts.GONE,
        f"Queue {queue} holds no message and no consumer holds one: its message is gone (purged, or the"
        " queue deleted). Publishing it again runs it once.",
    )


def lost_holder(log: MessageLog, registry: Registry) -> Worker | None:
    """The lost service ``log`` is orphaned under, or ``None`` (not ``IN_PROGRESS``, or its service
    is alive, stopped or unknown)."""
    if log.status != MessageLog.IN_PROGRESS or log.start_time is None:
        return None
    return next((w for w in registry.lost if workers.holds(w, log)), None)


def orphaned(registry: Registry) -> QuerySet[MessageLog]:
    """The ``IN_PROGRESS`` logs held by lost services."""
    return queries.running_under((w.host, w.pid, w.started) for w in registry.lost)


@dataclass(frozen=True)
class Requeued:
    """What :func:`requeue_lost` did: ``count`` published again; ``left`` per queue, with the verdict
    that kept them; ``stopped_by`` the error that stopped it part-way, if one did."""

    count: int
    left: tuple[tuple[Verdict, int], ...]
    stopped_by: Exception | None = None


def requeue_lost(candidates: QuerySet[MessageLog]) -> Requeued:
    """Publish again those of ``candidates`` whose message is known gone: ``PUBLISHED`` or orphaned
    tasks of a ``GONE`` queue, each still so at the moment it is published.

    Each queue's broker is asked afresh before its tasks are taken, and each batch re-applies the
    filter, so a task redelivered meanwhile is left. Stops at the first batch that fails
    (:func:`carrot.logs.queries.in_batches`).
    """
    registry = look()
    unrun = queries.unsent(candidates, orphaned(registry))
    count, left = 0, []
    for queue in queries.queues_of(unrun):
        logs = unrun.filter(queue=queue)
        judged = verdict(queue, registry, fresh=True)
        if not judged.publishable:
            left.append((judged, logs.count()))
            continue
        progress = queries.in_batches(logs, publishing.requeue, publishing.REQUEUE_BATCH)
        count += progress.done
        if progress.stopped_by is not None:
            return Requeued(count, tuple(left), progress.stopped_by)
    return Requeued(count, tuple(left))
