"""Object types of the workers domain: a service, its queues and what it runs."""

from __future__ import annotations

import datetime
from typing import Any

import graphene

from carrot import workers
from carrot.models import MessageLog
from carrot.schema.workers.resolvers import WorkerView


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


class RunningTask(graphene.ObjectType):
    """A task a service started and has not finished (orphaned when the service is lost)."""

    id = graphene.ID(required=True, description="The log's database id.")
    uuid = graphene.String(required=True, description="The AMQP message_id of the task's message.")
    task = graphene.String(required=True, description="The dotted path of the task function.")
    consumer = graphene.String(required=True, description="The consumer thread running it.")
    start_time = graphene.DateTime(required=True, description="When this run started.")

    @staticmethod
    def resolve_consumer(log: MessageLog, info: Any) -> str:
        return log.worker.split(":", 2)[-1]


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
    def resolve_running(view: WorkerView, info: Any) -> list[MessageLog]:
        return view.running
