"""Object types of the queues domain: a configured queue and its live state on the broker."""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from carrot.conf import QueueSettings
from carrot.metrics import rollups
from carrot.schema.queues import resolvers


class QueueState(graphene.ObjectType):
    """What RabbitMQ says about a queue right now."""

    reachable = graphene.Boolean(required=True, description="The broker answered.")
    messages = graphene.Int(description="Messages ready in the queue (null when unreachable).")
    consumers = graphene.Int(description="Consumers attached to the queue (null when unreachable).")
    error = graphene.String(description="Why the state is unknown (the broker URL has no password).")


class QueueRates(graphene.ObjectType):
    """Tasks per minute through a queue over the last five minutes, from the counts every process adds
    to the database every few seconds (so a few seconds behind)."""

    published = graphene.Float(required=True, description="New tasks published to the queue per minute.")
    started = graphene.Float(required=True, description="Runs started per minute.")
    finished = graphene.Float(
        required=True, description="Runs ended per minute: completed, failed, or failed and to be retried."
    )


class Queue(graphene.ObjectType):
    """A queue declared in CARROT['queues']."""

    name = graphene.String(required=True, description="The queue's name.")
    host = graphene.String(
        required=True, description="The broker's host:port (each node's, comma-separated, for a cluster)."
    )
    virtual_host = graphene.String(required=True, description="The RabbitMQ virtual host.")
    broker = graphene.String(
        required=True, description="The broker URL (each node's, comma-separated) with its password hidden."
    )
    concurrency = graphene.Int(required=True, description="Consumer threads per carrot service.")
    consumable = graphene.Boolean(required=True, description="carrot services consume this queue.")
    durable = graphene.Boolean(required=True, description="The queue survives a broker restart.")
    max_priority = graphene.Int(
        description=(
            "The x-max-priority argument the settings declare the queue with, if any. A queue that"
            " already existed with other arguments (one made by carrot 1.x) keeps its own."
        )
    )
    paused = graphene.Boolean(
        required=True,
        description="carrot services take no messages from it (setQueuePaused); publishing into it goes on.",
    )
    paused_at = graphene.DateTime(description="When it was paused; null when it is not.")
    paused_by = graphene.String(
        description="Who paused it (empty: an anonymous user); null when it is not paused."
    )
    rates = graphene.Field(
        QueueRates,
        required=True,
        description="Tasks per minute in and out over the last five minutes (all services together).",
    )
    state = graphene.Field(
        QueueState,
        required=True,
        description=(
            "Depth and consumer count from the broker, at most a second old: each server process"
            " keeps one connection per broker and asks it about a queue at most once a second."
        ),
    )

    @staticmethod
    def resolve_host(queue: QueueSettings, info: Any) -> str:
        return queue.broker.host

    @staticmethod
    def resolve_virtual_host(queue: QueueSettings, info: Any) -> str:
        return queue.broker.virtual_host

    @staticmethod
    def resolve_broker(queue: QueueSettings, info: Any) -> str:
        return queue.broker.display

    @staticmethod
    def resolve_max_priority(queue: QueueSettings, info: Any) -> int | None:
        value = queue.queue_arguments.get("x-max-priority")
        return value if isinstance(value, int) else None

    @staticmethod
    def resolve_state(queue: QueueSettings, info: Any) -> dict[str, Any]:
        return resolvers.queue_state(queue)

    @staticmethod
    def resolve_rates(queue: QueueSettings, info: Any) -> rollups.Rates:
        return resolvers.rates_of(queue, info.context)

    @staticmethod
    def resolve_paused(queue: QueueSettings, info: Any) -> bool:
        return resolvers.pause_of(queue, info.context) is not None

    @staticmethod
    def resolve_paused_at(queue: QueueSettings, info: Any) -> datetime.datetime | None:
        pause = resolvers.pause_of(queue, info.context)
        return None if pause is None else pause.paused_at

    @staticmethod
    def resolve_paused_by(queue: QueueSettings, info: Any) -> str | None:
        pause = resolvers.pause_of(queue, info.context)
        return None if pause is None else pause.paused_by
