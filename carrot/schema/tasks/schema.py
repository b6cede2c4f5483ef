"""The Query and Mutation fields of the tasks domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.logs.queries import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE
from carrot.schema.tasks import mutations, resolvers
from carrot.schema.tasks.types import RegisteredTask, Task, TaskConnection, TaskCounts, TaskFilter


class TaskQueries(graphene.ObjectType):
    tasks = graphene.Field(
        TaskConnection,
        required=True,
        filter=graphene.Argument(TaskFilter, required=True, description="Which list, and how to narrow it."),
        first=graphene.Int(
            description=f"Page size going forward (older tasks): 1 to {MAX_PAGE_SIZE}, default "
            f"{DEFAULT_PAGE_SIZE}; other values are an error."
        ),
        after=graphene.String(description="Return the tasks older than this cursor."),
        last=graphene.Int(
            description=f"Page size going backward (newer tasks): 1 to {MAX_PAGE_SIZE}; other values are "
            "an error."
        ),
        before=graphene.String(description="Return the tasks newer than this cursor."),
        description=(
            "A page of tasks in the order of the list (failed, completed and cancelled newest first by"
            " the time they ended, waiting soonest due first, others newest published first), with"
            " keyset cursors."
        ),
    )
    task = graphene.Field(
        Task,
        id=graphene.ID(description="The task's database id."),
        uuid=graphene.String(description="The task's uuid (AMQP message_id)."),
        description="One task by id or uuid; null when there is none.",
    )
    task_counts = graphene.Field(
        TaskCounts,
        required=True,
        queue=graphene.String(description="Only tasks of this queue."),
        task=graphene.String(description="Only this task path."),
        search=graphene.String(description="Only tasks matching this free text."),
        description="How many tasks there are per status (one grouped query).",
    )
    registered_tasks = graphene.List(
        graphene.NonNull(RegisteredTask),
        required=True,
        description="The tasks that may be published or scheduled by name.",
    )

    @staticmethod
    def resolve_tasks(
        root: Any,
        info: Any,
        filter: Any,
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
    ) -> dict[str, Any]:
        return resolvers.resolve_tasks(resolvers.task_filter(filter), first, after, last, before)

    @staticmethod
    def resolve_task(root: Any, info: Any, id: str | None = None, uuid: str | None = None) -> Any:
        return resolvers.resolve_task(id, uuid)

    @staticmethod
    def resolve_task_counts(
        root: Any, info: Any, queue: str | None = None, task: str | None = None, search: str | None = None
    ) -> dict[str, int]:
        criteria = resolvers.queries.TaskFilter(queue=queue or None, task=task or None, search=search or None)
        return resolvers.resolve_counts(criteria)

    @staticmethod
    def resolve_registered_tasks(root: Any, info: Any) -> list[dict[str, str]]:
        return resolvers.resolve_registered_tasks()


class TaskMutations(graphene.ObjectType):
    requeue_task = mutations.RequeueTask.Field()
    delete_task = mutations.DeleteTask.Field()
    requeue_tasks = mutations.RequeueTasks.Field()
    delete_tasks = mutations.DeleteTasks.Field()
    requeue_pending_tasks = mutations.RequeuePendingTasks.Field()
    cancel_tasks = mutations.CancelTasks.Field()
    run_waiting_now = mutations.RunWaitingNow.Field()
    publish_task = mutations.PublishTask.Field()
    validate_arguments = mutations.ValidateArguments.Field()
