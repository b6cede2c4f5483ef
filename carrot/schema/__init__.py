"""The GraphQL schema of the monitor: ``carrot.schema.schema`` is the :class:`graphene.Schema`.

One folder per domain (``tasks``, ``scheduled``, ``queues``), each with ``schema.py`` (its Query and
Mutation fields), ``types.py``, ``resolvers.py`` and ``mutations.py``; shared errors live in ``core``.
The SDL is checked in as ``schema.graphql``: regenerate it with ``manage.py carrot_graphql_schema``.
"""

from __future__ import annotations

import graphene

from carrot.schema.queues.schema import QueueMutations, QueueQueries
from carrot.schema.scheduled.schema import ScheduledTaskMutations, ScheduledTaskQueries
from carrot.schema.tasks.schema import TaskMutations, TaskQueries


class Query(TaskQueries, ScheduledTaskQueries, QueueQueries, graphene.ObjectType):
    """What the monitor can read: tasks by status, scheduled tasks, queues and registered tasks."""


class Mutation(TaskMutations, ScheduledTaskMutations, QueueMutations, graphene.ObjectType):
    """What the monitor can do; each mutation returns its objects and typed `errors`."""


schema = graphene.Schema(query=Query, mutation=Mutation)

__all__ = ["schema"]
