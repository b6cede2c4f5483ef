"""The Query field of the audit domain."""

from __future__ import annotations

from typing import Any

import graphene

from carrot import audit
from carrot.schema.audit import resolvers
from carrot.schema.audit.types import AuditEntryConnection, AuditOutcome


class AuditQueries(graphene.ObjectType):
    audit_log = graphene.Field(
        AuditEntryConnection,
        required=True,
        first=graphene.Int(
            description=f"Page size, from 1 to {audit.MAX_PAGE_SIZE} (default {audit.DEFAULT_PAGE_SIZE}); "
            "other values are an error."
        ),
        after=graphene.String(description="Return the entries older than this cursor."),
        mutation=graphene.String(description="Only entries of this mutation, e.g. purgeQueue."),
        username=graphene.String(description="Only entries of this user ('' for anonymous users)."),
        outcome=graphene.Argument(AuditOutcome, description="Only entries with this outcome."),
        description="The audit log: one entry per mutation that changed or tried to change something, "
        "newest first, with keyset cursors.",
    )

    @staticmethod
    def resolve_audit_log(
        root: Any,
        info: Any,
        first: int | None = None,
        after: str | None = None,
        mutation: str | None = None,
        username: str | None = None,
        outcome: Any = None,
    ) -> dict[str, Any]:
        return resolvers.resolve_audit_log(first, after, mutation, username, outcome)
