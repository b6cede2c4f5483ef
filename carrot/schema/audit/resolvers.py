"""Plain functions behind the audit-log query; the domain logic lives in :mod:`carrot.audit`."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError

from carrot import audit
from carrot.errors import CarrotError
from carrot.schema.core.types import check_page_size
from carrot.schema.tasks.resolvers import enum_value


def resolve_audit_log(
    first: int | None, after: str | None, mutation: str | None, username: str | None, outcome: Any
) -> dict[str, Any]:
    """A connection value for ``Query.auditLog``; a bad cursor or page size is a GraphQL error."""
    check_page_size("first", first, audit.MAX_PAGE_SIZE)
    try:
        page = audit.page(
            first=audit.DEFAULT_PAGE_SIZE if first is None else first,
            after=after,
            mutation=mutation or None,
            username=username,
            outcome=enum_value(outcome) if outcome is not None else None,
        )
    except CarrotError as exc:
        raise GraphQLError(str(exc)) from None
    cursors = [audit.encode_cursor(entry.pk) for entry in page.entries]
    edges = [{"node": entry, "cursor": cursor} for entry, cursor in zip(page.entries, cursors, strict=True)]
    return {
        "edges": edges,
        "page_info": {
            "has_next_page": page.has_next,
            "has_previous_page": after is not None,
            "start_cursor": cursors[0] if cursors else None,
            "end_cursor": cursors[-1] if cursors else None,
        },
    }
