"""Object types of the workers domain: a service, its queues and what it runs."""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from carrot import orphans, workers
from carrot.schema.workers.resolvers import OrphanView, RunningView, WorkerView


class WorkerState(graphene.Enum):
    """Whether a service runs (taking new tasks or quiet), stopped cleanly, or has been silent too long
    (lost)."""

    ALIVE = workers.State.ALIVE.value
    QUIET = workers.State.QUIET.value
    LOST = workers.State.LOST.value
    STOPPED = workers.State.STOPPED.value

    @property
    def description(self) -> str:
        return _STATE_TEXT[self.value]


_STATE_TEXT = {
    "ALIVE": "Its heartbeats arrive.",
    "QUIET": "Its heartbeats arrive; told to take no new tasks (setWorkerQuiet), it finishes those it runs.",
    "LOST": f"Silent for {workers.LOST_AFTER} heartbeat intervals: it died or cannot reach the database.",
    "STOPPED": "It stopped cleanly.",
}


class WorkerQueue(graphene.ObjectType):
    """A queue a service consumes."""

    name = graphene.String(required=True, description="The queue's name.")
    concurrency = graphene.Int(required=True, description="Consumer threads for it in this service.")


class MessageWhereabouts(graphene.Enum):
    """Where the message of a task no one runs is, as far as its queue tells."""

    IN_QUEUE = orphans.Whereabouts.IN_QUEUE.value
    WITH_CONSUMER = orphans.Whereabouts.WITH_CONSUMER.value
    GONE = orphans.Whereabouts.GONE.value
    UNKNOWN = orphans.Whereabouts.UNKNOWN.value

    @property
    def description(self) -> str:
        return _WHEREABOUTS_TEXT[self.value]


_WHEREABOUTS_TEXT = {
    "IN_QUEUE": "Its queue has messages ready: the message went back there and runs again when consumed.",
    "WITH_CONSUMER": "None is ready, but a consumer may hold it unacked (a live service busy on the queue, "
    "or a consumer no live service accounts for).",
    "GONE": "Its queue holds no message and no consumer holds one: publishing it again runs it once.",
    "UNKNOWN": "The broker could not be asked.",
}


class Orphan(graphene.ObjectType):
    """A task IN_PROGRESS under a lost service: nothing runs it; its message is where `whereabouts` says."""

    worker = graphene.String(required=True, description="The lost service (host:pid).")
    worker_id = graphene.ID(required=True, description="The lost service's id (`Worker.id`).")
    whereabouts = graphene.Field(
        MessageWhereabouts, required=True, description="Where its message is, as far as its queue tells."
    )
    explanation = graphene.String(required=True, description="The same, in a sentence for people.")
    publishable = graphene.Boolean(
        required=True,
        description="Its message is known gone: requeueTask publishes it again (and refuses otherwise).",
    )

    @staticmethod
    def resolve_worker(orphan: OrphanView, info: Any) -> str:
        return str(orphan.holder)

    @staticmethod
    def resolve_worker_id(orphan: OrphanView, info: Any) -> str:
        return orphan.holder.ident

    @staticmethod
    def resolve_whereabouts(orphan: OrphanView, info: Any) -> str:
        return orphan.verdict.whereabouts.value

    @staticmethod
    def resolve_explanation(orphan: OrphanView, info: Any) -> str:
        return orphan.verdict.explanation

    @staticmethod
    def resolve_publishable(orphan: OrphanView, info: Any) -> bool:
        return orphan.verdict.publishable


def _from_log(attname: str, default: Any, running: RunningView, info: Any, **_: Any) -> Any:
    """A field the task's log holds under the field's own name."""
    return getattr(running.log, attname, default)


class RunningTask(graphene.ObjectType):
    """A task a service started and has not finished (orphaned when the service is lost)."""

    class Meta:
        default_resolver = _from_log

    id = graphene.ID(required=True, description="The log's database id.")
    uuid = graphene.String(required=True, description="The AMQP message_id of the task's message.")
    task = graphene.String(required=True, description="The dotted path of the task function.")
    queue = graphene.String(required=True, description="The queue its message came from.")
    consumer = graphene.String(required=True, description="The consumer thread running it.")
    start_time = graphene.DateTime(required=True, description="When this run started.")
    orphan = graphene.Field(Orphan, description="Set when its service is lost: nothing runs it any more.")

    @staticmethod
    def resolve_consumer(running: RunningView, info: Any) -> str:
        return running.log.worker.split(":", 2)[-1]

    @staticmethod
    def resolve_orphan(running: RunningView, info: Any) -> OrphanView | None:
        return running.orphan


def _from_row(attname: str, default: Any, view: WorkerView, info: Any, **_: Any) -> Any:
    """A field the service's row holds under the field's own name."""
    return getattr(view.worker, attname, default)


class Worker(graphene.ObjectType):
    """A carrot service process, as its heartbeats report it."""

    class Meta:
        default_resolver = _from_row

    id = graphene.ID(required=True, description="Unique to this run of the service.")
    host = graphene.String(required=True, description="The host name of its machine (or container).")
    pid = graphene.Int(required=True, description="Its process id.")
    version = graphene.String(required=True, description="The django-carrot version it runs.")
    queues = graphene.List(
        graphene.NonNull(WorkerQueue),
        required=True,
        description="The queues it consumes, as its settings say.",
    )
    started = graphene.DateTime(required=True, description="When it started.")
    last_heartbeat = graphene.DateTime(required=True, description="Its last sign of life.")
    heartbeat_seconds = graphene.Float(required=True, description="Its interval between heartbeats.")
    stopped = graphene.DateTime(description="When it stopped cleanly.")
    quiet = graphene.Boolean(
        required=True,
        description="Told to take no new tasks (setWorkerQuiet); it obeys within a heartbeat.",
    )
    state = graphene.Field(
        WorkerState, required=True, description="Alive, quiet, lost or stopped, as of this answer."
    )
    running = graphene.List(
        graphene.NonNull(RunningTask),
        required=True,
        description=(
            "Its IN_PROGRESS tasks: running now, or orphaned when it is lost. A run shows once it has"
            " lasted about a second (shorter ones are not recorded as started)."
        ),
    )

    @staticmethod
    def resolve_id(view: WorkerView, info: Any) -> str:
        return view.worker.ident

    @staticmethod
    def resolve_last_heartbeat(view: WorkerView, info: Any) -> datetime.datetime:
        return view.worker.heartbeat

    @staticmethod
    def resolve_state(view: WorkerView, info: Any) -> str:
        return view.state.value

    @staticmethod
    def resolve_running(view: WorkerView, info: Any) -> list[RunningView]:
        return view.running
