"""Mutations of the queues domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot import control, purging
from carrot.errors import BrokerError
from carrot.permissions import Action, caller
from carrot.schema.core.errors import Problem, QueueError
from carrot.schema.core.types import BaseMutation
from carrot.schema.queues import resolvers
from carrot.schema.queues.types import Queue

ERRORS = graphene.List(
    graphene.NonNull(QueueError),
    required=True,
    description="Why the queue was not changed; empty on success.",
)


def _unknown(name: str) -> Problem:
    known = ", ".join(q.name for q in resolvers.queues())
    return Problem("name", f"Unknown queue {name!r}; declared queues: {known}.", "UNKNOWN_QUEUE")


class PurgeQueue(BaseMutation):
    """Remove the messages ready in a queue.

    Their tasks stay PUBLISHED: requeuePendingTasks publishes them again. Messages a consumer already
    holds (delivered, not yet acknowledged: the task it runs and those in its prefetch) are not ready,
    so RabbitMQ does not purge them and their tasks still run: `heldCount` estimates how many.
    """

    action = Action.PURGE_QUEUES
    nothing_done = {"purged_count": 0, "held_count": 0}

    class Arguments:
        name = graphene.String(required=True, description="The queue's name.")

    queue = graphene.Field(Queue, description="The purged queue.")
    purged_count = graphene.Int(required=True, description="How many messages were removed.")
    held_count = graphene.Int(
        required=True,
        description="About how many of the queue's messages its consumers held (delivered, not yet "
        "acknowledged), which a purge does not remove: their tasks still run. An estimate, as RabbitMQ "
        "does not tell unacknowledged messages over AMQP: the queue's tasks still published or in "
        "progress less the messages purged, at most its consumers times its prefetch_count.",
    )
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, name: str) -> BaseMutation:
        queue = resolvers.queue(name)
        if queue is None:
            return cls.failure(_unknown(name), purged_count=0, held_count=0)
        try:
            outcome = purging.purge(queue)  # the answer's `state` then shows the emptied queue
        except BrokerError as exc:
            return cls.failure(
                Problem(None, str(exc), "BROKER_ERROR"),
                queue=queue,
                purged_count=0,
                held_count=0,
            )
        return cls.success(queue=queue, purged_count=outcome.purged, held_count=outcome.held)

    @classmethod
    def affected(cls, payload: BaseMutation) -> tuple[int, int]:
        return 0, int(payload.purged_count)


class SetQueuePaused(BaseMutation):
    """Pause a queue (paused: true): every carrot service stops taking its messages within a heartbeat (a
    few seconds); running tasks finish and prefetched messages go back to the queue. Publishing into it
    goes on: its messages wait there. Or resume it (paused: false): the services take its messages again
    within a heartbeat. The pause is kept in the database: it outlives restarts, and a service that starts
    while the queue is paused does not consume it."""

    action = Action.PAUSE_QUEUES

    class Arguments:
        name = graphene.String(required=True, description="The queue's name.")
        paused = graphene.Boolean(required=True, description="true to pause, false to resume.")

    queue = graphene.Field(Queue, description="The queue, paused or resumed.")
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, name: str, paused: bool) -> BaseMutation:
        queue = resolvers.queue(name)
        if queue is None:
            return cls.failure(_unknown(name))
        if paused:
            control.pause(queue.name, caller(info.context).username)
        else:
            control.resume(queue.name)
        resolvers.forget_pauses(info.context)
        return cls.success(queue=queue)
