"""The Query and Mutation fields of the scheduled-tasks domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.models import ScheduledTask as ScheduledTaskModel
from carrot.schema.scheduled import mutations, resolvers
from carrot.schema.scheduled.types import CronPreview, ScheduledTask


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
    cron_preview = graphene.Field(
        CronPreview,
        required=True,
        expression=graphene.String(required=True, description="The cron expression, e.g. '0 2 * * 1-5'."),
        timezone=graphene.String(default_value="UTC", description="The IANA time zone to read it in."),
        count=graphene.Int(
            default_value=5, description=f"How many run times, from 1 to {resolvers.MAX_PREVIEW_RUNS}."
        ),
        description="The next run times of a cron expression in a time zone, or why it is not valid; "
        "nothing is stored (for the scheduled-task editor).",
    )

    @staticmethod
    def resolve_scheduled_tasks(
        root: Any, info: Any, active: bool | None = None, search: str | None = None
    ) -> Any:
        return resolvers.scheduled_tasks(active, search)

    @staticmethod
    def resolve_scheduled_task(root: Any, info: Any, id: str) -> ScheduledTaskModel | None:
        return resolvers.scheduled_task(id)

    @staticmethod
    def resolve_cron_preview(
        root: Any, info: Any, expression: str, timezone: str | None = "UTC", count: int | None = 5
    ) -> dict[str, Any]:
        return resolvers.cron_preview(expression, timezone or "UTC", 5 if count is None else count)


class ScheduledTaskMutations(graphene.ObjectType):
    create_scheduled_task = mutations.CreateScheduledTask.Field()
    update_scheduled_task = mutations.UpdateScheduledTask.Field()
    set_scheduled_task_active = mutations.SetScheduledTaskActive.Field()
    delete_scheduled_task = mutations.DeleteScheduledTask.Field()
    run_scheduled_task = mutations.RunScheduledTask.Field()
