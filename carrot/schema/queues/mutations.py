"""Mutations of the queues domain."""

from __future__ import annotations

from typing import Any, ClassVar

import graphene

from carrot import broker, control, queue_state
from carrot.errors import BrokerError
from carrot.permissions import Action, caller
from carrot.schema.core.errors import Problem, QueueError
from carrot.schema.core.types import BaseMutation
from carrot.schema.queues import resolvers
from carrot.schema.queues.types import Queue

QUEUE_NAME = graphene.String(required=True, description="The queue's name.")
ERRORS = graphene.List(
    graphene.NonNull(QueueError),
    required=True,
    description="Why the queue was not changed; empty on success.",
)


def _unknown(name: str) -> Problem:
    known = ", ".join(q.name for q in resolvers.queues())
    return Problem("name", f"Unknown queue {name!r}; declared queues: {known}.", "UNKNOWN_QUEUE")


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
    errors = ERRORS

    @classmethod
    def perform(cls, root: Any, info: Any, name: str) -> BaseMutation:
        queue = resolvers.queue(name)
        if queue is None:
            return cls.failure(_unknown(name), purged_count=0)
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


class _PauseSwitch(BaseMutation):
    """Pause or resume a queue by name (``pause`` says which)."""

    action = Action.PAUSE_QUEUES
    pause: ClassVar[bool]

    class Meta:
        abstract = True

    @classmethod
    def perform(cls, root: Any, info: Any, name: str) -> BaseMutation:
        queue = resolvers.queue(name)
        if queue is None:
            return cls.failure(_unknown(name))
        if cls.pause:
            control.pause(queue.name, caller(info.context).username)
        else:
            control.resume(queue.name)
        resolvers.forget_pauses(info.context)
        return cls.success(queue=queue)


class PauseQueue(_PauseSwitch):
    """Stop every carrot service taking messages from a queue, within a heartbeat (a few seconds).

    Running tasks finish; messages already prefetched go back to the queue. Publishing into it goes on:
    its messages wait there until resumeQueue. The pause is kept in the database, so it outlives
    restarts, and a service that starts meanwhile does not consume the queue.
    """

    pause = True

    class Arguments:
        name = QUEUE_NAME

    queue = graphene.Field(Queue, description="The paused queue.")
    errors = ERRORS


class ResumeQueue(_PauseSwitch):
    """Let carrot services take messages from a paused queue again, within a heartbeat (a few seconds)."""

    pause = False

    class Arguments:
        name = QUEUE_NAME

    queue = graphene.Field(Queue, description="The resumed queue.")
    errors = ERRORS
