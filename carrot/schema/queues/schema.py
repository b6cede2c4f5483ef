"""The Query and Mutation fields of the queues domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.conf import QueueSettings
from carrot.schema.queues import mutations, resolvers
from carrot.schema.queues.types import Queue


class QueueQueries(graphene.ObjectType):
    queues = graphene.List(
        graphene.NonNull(Queue), required=True, description="The queues declared in CARROT['queues']."
    )
    queue = graphene.Field(
        Queue,
        name=graphene.String(required=True, description="The queue's name."),
        description="One declared queue; null when there is none.",
    )

    @staticmethod
    def resolve_queues(root: Any, info: Any) -> list[QueueSettings]:
        return resolvers.queues()

    @staticmethod
    def resolve_queue(root: Any, info: Any, name: str) -> QueueSettings | None:
        return resolvers.queue(name)


class QueueMutations(graphene.ObjectType):
    purge_queue = mutations.PurgeQueue.Field()
    set_queue_paused = mutations.SetQueuePaused.Field()
