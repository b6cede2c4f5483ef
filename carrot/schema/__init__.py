"""The GraphQL schema of the monitor: ``carrot.schema.schema`` is the :class:`graphene.Schema`.

One folder per domain (``tasks``, ``scheduled``, ``queues``, ``workers``, ``audit``, ``charts``,
``viewer``), each with ``schema.py`` (its Query and Mutation fields), ``types.py``, ``resolvers.py``
and ``mutations.py``;
shared errors, the mutation base class and the permission of each query field live in ``core``.
The SDL is checked in as ``schema.graphql``: regenerate it with ``manage.py carrot_graphql_schema``.
"""

from __future__ import annotations

import graphene

from carrot.schema.audit.schema import AuditQueries
from carrot.schema.charts.schema import ChartQueries
from carrot.schema.core.permissions import guard_queries
from carrot.schema.queues.schema import QueueMutations, QueueQueries
from carrot.schema.scheduled.schema import ScheduledTaskMutations, ScheduledTaskQueries
from carrot.schema.tasks.schema import TaskMutations, TaskQueries
from carrot.schema.viewer.schema import ViewerQueries
from carrot.schema.workers.schema import WorkerMutations, WorkerQueries


class Query(
    TaskQueries,
    ScheduledTaskQueries,
    QueueQueries,
    WorkerQueries,
    AuditQueries,
    ChartQueries,
    ViewerQueries,
    graphene.ObjectType,
):
    """What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
    run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
    may do."""


class Mutation(TaskMutations, ScheduledTaskMutations, QueueMutations, WorkerMutations, graphene.ObjectType):
    """What the monitor can do; each mutation returns its objects and typed `errors`."""


schema = graphene.Schema(query=Query, mutation=Mutation)
guard_queries(schema.graphql_schema)

__all__ = ["schema"]
