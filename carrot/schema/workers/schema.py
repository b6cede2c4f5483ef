"""The Query fields of the workers domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.schema.workers import mutations, resolvers
from carrot.schema.workers.types import Worker


class WorkerQueries(graphene.ObjectType):
    workers = graphene.List(
        graphene.NonNull(Worker),
        required=True,
        description=(
            "The carrot services that registered, latest heartbeat first, at most 50: alive, quiet,"
            " lost or stopped (kept a week after their last heartbeat)."
        ),
    )

    @staticmethod
    def resolve_workers(root: Any, info: Any) -> list[resolvers.WorkerView]:
        return resolvers.worker_views()


class WorkerMutations(graphene.ObjectType):
    set_worker_quiet = mutations.SetWorkerQuiet.Field()
