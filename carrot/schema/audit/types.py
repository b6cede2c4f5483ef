"""Object types of the audit domain: entries of the audit log and pages of them."""

from __future__ import annotations

from typing import Any

import graphene
from graphene.types.generic import GenericScalar

from carrot.models import AuditEntry as AuditEntryModel


class AuditOutcome(graphene.Enum):
    """How a recorded mutation ended."""

    SUCCESS = AuditEntryModel.SUCCESS
    ERROR = AuditEntryModel.ERROR
    FORBIDDEN = AuditEntryModel.FORBIDDEN

    @property
    def description(self) -> str:
        return {
            "SUCCESS": "It did what was asked.",
            "ERROR": "It returned errors or raised; it may have done part of the work (rows, messages).",
            "FORBIDDEN": "The caller lacked its permission; nothing was changed.",
        }[self.name]


class AuditEntry(graphene.ObjectType):
    """One mutation of the monitor's API: who asked for what, from where, and what it changed."""

    id = graphene.ID(required=True, description="The entry's database id.")
    time = graphene.DateTime(required=True, description="When the mutation was asked for.")
    username = graphene.String(description="Who asked; null for an anonymous user.")
    via = graphene.String(
        required=True, description="How they signed in: session, token or none (anonymous)."
    )
    address = graphene.String(description="The client's IP address as the server saw it (REMOTE_ADDR).")
    mutation = graphene.String(required=True, description="The mutation's name, e.g. purgeQueue.")
    arguments = GenericScalar(
        required=True,
        description="Its arguments as sent (ids, filter, input); texts are cut at 500 characters and "
        "lists at 50 items.",
    )
    outcome = graphene.Field(AuditOutcome, required=True, description="How it ended.")
    rows = graphene.Int(
        required=True, description="Task logs or scheduled tasks it created, changed or deleted."
    )
    messages = graphene.Int(required=True, description="Messages it published or purged.")
    error = graphene.String(description="Why it failed or was refused; null on success.")

    @staticmethod
    def resolve_username(entry: AuditEntryModel, info: Any) -> str | None:
        return entry.username or None

    @staticmethod
    def resolve_error(entry: AuditEntryModel, info: Any) -> str | None:
        return entry.error or None


class AuditPageInfo(graphene.ObjectType):
    """Where a page of the audit log sits."""

    has_next_page = graphene.Boolean(required=True, description="There are older entries after this page.")
    has_previous_page = graphene.Boolean(
        required=True, description="The page was asked for after a cursor (newer entries exist)."
    )
    start_cursor = graphene.String(description="The cursor of the first (newest) entry of the page.")
    end_cursor = graphene.String(description="The cursor of the last (oldest) entry of the page.")


class AuditEntryEdge(graphene.ObjectType):
    """An entry in a page, with its cursor."""

    node = graphene.Field(AuditEntry, required=True, description="The entry.")
    cursor = graphene.String(required=True, description="Pass as `after` to page on from here.")


class AuditEntryConnection(graphene.ObjectType):
    """A page of the audit log, newest first (Relay connection with opaque keyset cursors)."""

    edges = graphene.List(
        graphene.NonNull(AuditEntryEdge), required=True, description="The entries of the page."
    )
    page_info = graphene.Field(
        AuditPageInfo, required=True, description="Cursors and whether more pages exist."
    )
