"""Plain functions behind the tasks queries; the domain logic lives in :mod:`carrot.logs.queries`."""

from __future__ import annotations

import inspect
from typing import Any

from graphql import GraphQLError

from carrot import registry
from carrot.errors import CarrotError
from carrot.logs import queries
from carrot.models import MessageLog
from carrot.schema.core.types import check_page_size, parse_id


def enum_value(value: Any) -> Any:
    """The Python value of a graphene enum input (graphene 3 passes the enum member)."""
    return getattr(value, "value", value)


def task_filter(raw: Any) -> queries.TaskFilter:
    """A :class:`queries.TaskFilter` from a ``TaskFilter`` input (or ``None``: every task)."""
    if raw is None:
        return queries.TaskFilter()
    return queries.TaskFilter(
        group=enum_value(raw.get("status")),
        queue=raw.get("queue") or None,
        task=raw.get("task") or None,
        search=raw.get("search") or None,
    )


def resolve_tasks(
    criteria: queries.TaskFilter,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
) -> dict[str, Any]:
    """A connection value for ``Query.tasks``; a bad cursor or size is a GraphQL error."""
    if first is not None and last is not None:
        raise GraphQLError("Pass either `first` (with `after`) or `last` (with `before`), not both.")
    check_page_size("first", first, queries.MAX_PAGE_SIZE)
    check_page_size("last", last, queries.MAX_PAGE_SIZE)
    try:
        page = queries.page(criteria, first=first, after=after, last=last, before=before)
    except CarrotError as exc:
        raise GraphQLError(str(exc)) from None
    return {
        "edges": [{"node": log, "cursor": page.cursor(log)} for log in page.logs],
        "page_info": {
            "has_next_page": page.has_next,
            "has_previous_page": page.has_previous,
            "start_cursor": page.start_cursor,
            "end_cursor": page.end_cursor,
        },
    }


def resolve_task(id: str | None, uuid: str | None) -> MessageLog | None:
    """One task by database id or uuid; ``None`` when there is none."""
    if id is not None:
        pk = parse_id(id)
        return None if pk is None else queries.find(pk=pk)
    if uuid is not None:
        return queries.find(uuid=uuid)
    raise GraphQLError("Pass `id` or `uuid`.")


def resolve_counts(criteria: queries.TaskFilter) -> dict[str, int]:
    counts = queries.counts(criteria)
    return {
        "queued": counts[queries.QUEUED],
        "published": counts[MessageLog.PUBLISHED],
        "in_progress": counts[MessageLog.IN_PROGRESS],
        "waiting": counts[queries.WAITING],
        "delayed": counts[MessageLog.DELAYED],
        "retrying": counts[MessageLog.RETRYING],
        "failed": counts[queries.FAILED],
        "completed": counts[queries.COMPLETED],
        "cancelled": counts[queries.CANCELLED],
    }


def resolve_registered_tasks() -> list[dict[str, str]]:
    """Every registered task, sorted by path."""
    return [
        {"path": path, "description": (inspect.getdoc(func) or "").partition("\n")[0]}
        for path, func in sorted(registry.registered_tasks().items())
    ]
