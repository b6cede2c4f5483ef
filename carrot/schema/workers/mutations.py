"""Mutations of the workers domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot import control
from carrot.permissions import Action
from carrot.schema.core.errors import Problem, WorkerError
from carrot.schema.core.types import BaseMutation
from carrot.schema.workers import resolvers
from carrot.schema.workers.types import Worker


class SetWorkerQuiet(BaseMutation):
    """Tell a carrot service to finish its running tasks and take no new ones (quiet: true), or to take
    them again (quiet: false). It obeys within a heartbeat and stays alive; a restarted service is a
    new worker and takes tasks."""

    action = Action.QUIET_WORKERS

    class Arguments:
        id = graphene.ID(required=True, description="The worker's id (unique to this run of the service).")
        quiet = graphene.Boolean(
            required=True, description="true: take no new tasks; false: take them again."
        )

    worker = graphene.Field(Worker, description="The worker as told.")
    errors = graphene.List(
        graphene.NonNull(WorkerError),
        required=True,
        description="Why the worker was not told; empty on success.",
    )

    @classmethod
    def perform(cls, root: Any, info: Any, id: str, quiet: bool) -> BaseMutation:
        row = control.set_quiet(str(id), quiet)
        if row is None:
            return cls.failure(Problem("id", f"There is no worker with id {id!r}.", "NOT_FOUND"))
        return cls.success(worker=resolvers.worker_view(row))
