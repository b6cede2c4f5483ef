"""The Query and Mutation fields of the scheduled-tasks domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.models import ScheduledTask as ScheduledTaskModel
from carrot.schema.scheduled import mutations, resolvers
from carrot.schema.scheduled.types import ScheduledTask


class ScheduledTaskQueries(graphene.ObjectType):
    scheduled_tasks = graphene.List(
        graphene.NonNull(ScheduledTask),
        required=True,
        active=graphene.Boolean(description="Only active (true) or paused (false) ones."),
        search=graphene.String(description="Only those whose name or task path contains this text."),
        description="Scheduled tasks, by name.",
    )
    scheduled_task = graphene.Field(
        ScheduledTask,
        id=graphene.ID(required=True, description="The scheduled task's database id."),
        description="One scheduled task; null when there is none.",
    )

    @staticmethod
    def resolve_scheduled_tasks(
        root: Any, info: Any, active: bool | None = None, search: str | None = None
    ) -> Any:
        return resolvers.scheduled_tasks(active, search)

    @staticmethod
    def resolve_scheduled_task(root: Any, info: Any, id: str) -> ScheduledTaskModel | None:
        return resolvers.scheduled_task(id)


class ScheduledTaskMutations(graphene.ObjectType):
    create_scheduled_task = mutations.CreateScheduledTask.Field()
    update_scheduled_task = mutations.UpdateScheduledTask.Field()
    set_scheduled_task_active = mutations.SetScheduledTaskActive.Field()
    delete_scheduled_task = mutations.DeleteScheduledTask.Field()
    run_scheduled_task = mutations.RunScheduledTask.Field()
