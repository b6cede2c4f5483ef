"""Pieces shared by every domain of the schema: the mutation base class and id parsing."""

from __future__ import annotations

import logging
from typing import Any, ClassVar

import graphene
from graphql import GraphQLError

from carrot import audit
from carrot.models import AuditEntry
from carrot.permissions import Action, caller
from carrot.schema.core.errors import Problem, as_errors

logger = logging.getLogger(__name__)


def parse_id(value: Any) -> int | None:
    """A database id given as an ``ID`` argument, or ``None`` when it is not one."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


def check_page_size(name: str, value: int | None, maximum: int) -> None:
    """Refuse a page-size argument outside 1 to ``maximum`` with a GraphQL error (never cap silently)."""
    if value is not None and not 1 <= value <= maximum:
        raise GraphQLError(f"`{name}` must be from 1 to {maximum}, got {value}.")


class BaseMutation(graphene.Mutation):
    """A mutation whose payload carries ``errors``; subclasses implement ``perform``.

    ``mutate`` is the one place where permissions are checked and the audit log written: it refuses
    a caller without the permission of ``action`` (a ``FORBIDDEN`` error, ``perform`` never runs),
    and records every call of an ``audited`` mutation, whether it succeeded, failed or raised.
    """

    action: ClassVar[Action]
    """What the mutation does; the caller needs its permission."""
    audited: ClassVar[bool] = True
    """Calls are recorded in the audit log (every mutation but those that change nothing)."""
    publishes: ClassVar[bool] = False
    """Success publishes one message (for the audit entry's count)."""
    nothing_done: ClassVar[dict[str, Any]] = {}
    """The payload's required fields when the mutation is refused (e.g. ``count: 0``)."""

    class Meta:
        abstract = True

    @classmethod
    def __init_subclass_with_meta__(cls, **options: Any) -> None:
        """Refuse, at import, a mutation that does not say which permission it needs."""
        if not isinstance(getattr(cls, "action", None), Action):
            raise TypeError(f"{cls.__name__} must set `action` to a carrot.permissions.Action")
        super().__init_subclass_with_meta__(**options)

    @classmethod
    def failure(cls, *problems: Problem, **fields: Any) -> BaseMutation:
        """The payload for a mutation refused with ``problems``."""
        return cls(errors=as_errors(list(problems)), **{**cls.nothing_done, **fields})

    @classmethod
    def success(cls, **fields: Any) -> BaseMutation:
        """The payload for a mutation that did what was asked."""
        return cls(errors=[], **fields)

    @classmethod
    def perform(cls, *args: Any, **kwargs: Any) -> BaseMutation:
        """Do what the mutation asks (given ``root``, ``info`` and its arguments): permission checked."""
        raise NotImplementedError

    @classmethod
    def affected(cls, payload: BaseMutation) -> tuple[int, int]:
        """How many rows (task logs, scheduled tasks) and messages the call changed, for the audit log.

        By default one row, and one message when the mutation ``publishes``, on success.
        """
        done = 0 if payload.errors else 1
        return done, done if cls.publishes else 0

    @classmethod
    def mutate(cls, root: Any, info: Any, **arguments: Any) -> BaseMutation:
        who = caller(info.context)
        refusal = who.refusal(cls.action)
        if refusal is not None:
            payload = cls.failure(Problem(None, refusal, "FORBIDDEN"))
            if cls.audited:
                audit.record(who, info.field_name, arguments, AuditEntry.FORBIDDEN, error=refusal)
            return payload
        if not cls.audited:
            return cls.perform(root, info, **arguments)
        try:
            payload = cls.perform(root, info, **arguments)
        except Exception as exc:
            error = f"It raised {type(exc).__name__}; the server log has the details."
            audit.record(who, info.field_name, arguments, AuditEntry.ERROR, error=error)
            raise
        rows, messages = cls.affected(payload)
        errors = "\n".join(str(error["message"]) for error in payload.errors)
        outcome = AuditEntry.ERROR if errors else AuditEntry.SUCCESS
        audit.record(who, info.field_name, arguments, outcome, rows, messages, errors)
        return payload
