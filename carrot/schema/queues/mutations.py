"""Mutations of the queues domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot import broker, queue_state
from carrot.errors import BrokerError
from carrot.permissions import Action
from carrot.schema.core.errors import Problem, QueueError
from carrot.schema.core.types import BaseMutation
from carrot.schema.queues import resolvers
from carrot.schema.queues.types import Queue


class PurgeQueue(BaseMutation):
    """Remove every message waiting in a queue.

    Their tasks stay PUBLISHED: requeuePendingTasks publishes them again.
    """

    action = Action.PURGE_QUEUES
    nothing_done = {"purged_count": 0}

    class Arguments:
        name = graphene.String(required=True, description="The queue's name.")

    queue = graphene.Field(Queue, description="The purged queue.")
    purged_count = graphene.Int(required=True, description="How many messages were removed.")
    errors = graphene.List(
        graphene.NonNull(QueueError),
        required=True,
        description="Why the queue was not purged; empty on success.",
    )

    @classmethod
    def perform(cls, root: Any, info: Any, name: str) -> BaseMutation:
        queue = resolvers.queue(name)
        if queue is None:
            known = ", ".join(q.name for q in resolvers.queues())
            return cls.failure(
                Problem("name", f"Unknown queue {name!r}; declared queues: {known}.", "UNKNOWN_QUEUE"),
                purged_count=0,
            )
        try:
            purged = broker.purge_queue(queue)
        except BrokerError as exc:
            return cls.failure(
                Problem(None, str(exc), "BROKER_ERROR"),
                queue=queue,
                purged_count=0,
            )
        queue_state.shared().forget(queue)  # the answer's `state` shows the emptied queue
        return cls.success(queue=queue, purged_count=purged)

    @classmethod
    def affected(cls, payload: BaseMutation) -> tuple[int, int]:
        return 0, int(payload.purged_count)
