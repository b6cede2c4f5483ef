"""The permission each query field needs, checked in one place for the whole Query type.

Mutations check theirs in :class:`carrot.schema.core.types.BaseMutation`; query fields are listed
here, and :func:`guard_queries` wraps their resolvers once, when the schema is built. A field missing
from both :data:`QUERY_ACTIONS` and :data:`OPEN_QUERIES` makes building the schema fail.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from graphql import GraphQLError, GraphQLSchema, default_field_resolver

from carrot.permissions import Action, caller

QUERY_ACTIONS = {
    "tasks": Action.VIEW_TASKS,
    "task": Action.VIEW_TASKS,
    "taskCounts": Action.VIEW_TASKS,
    "registeredTasks": Action.VIEW_TASKS,
    "queues": Action.VIEW_TASKS,
    "queue": Action.VIEW_TASKS,
    "workers": Action.VIEW_TASKS,
    "taskStats": Action.VIEW_TASKS,
    "scheduledTasks": Action.VIEW_SCHEDULED,
    "scheduledTask": Action.VIEW_SCHEDULED,
    "cronPreview": Action.VIEW_SCHEDULED,
    "auditLog": Action.VIEW_AUDIT_LOG,
}
OPEN_QUERIES = frozenset({"viewer"})
"""Query fields anyone who reaches the API may read."""


class Forbidden(GraphQLError):
    """A query field the caller lacks the permission for (``extensions.code`` ``FORBIDDEN``)."""

    def __init__(self, message: str) -> None:
        super().__init__(message, extensions={"code": "FORBIDDEN"})


def _guarded(resolve: Callable[..., Any], action: Action) -> Callable[..., Any]:
    @functools.wraps(resolve)
    def resolve_if_allowed(root: Any, info: Any, **arguments: Any) -> Any:
        refusal = caller(info.context).refusal(action)
        if refusal is not None:
            raise Forbidden(refusal)
        return resolve(root, info, **arguments)

    return resolve_if_allowed


def guard_queries(schema: GraphQLSchema) -> None:
    """Make every query field of ``schema`` check its permission before it resolves."""
    query = schema.query_type
    assert query is not None
    unlisted = set(query.fields) - set(QUERY_ACTIONS) - OPEN_QUERIES
    if unlisted:
        raise LookupError(f"Query fields without a permission in QUERY_ACTIONS: {sorted(unlisted)}")
    for name, action in QUERY_ACTIONS.items():
        field = query.fields[name]
        field.resolve = _guarded(field.resolve or default_field_resolver, action)
