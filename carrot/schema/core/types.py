"""Pieces shared by every domain of the schema: the mutation base class and id parsing."""

from __future__ import annotations

from typing import Any

import graphene

from carrot.schema.core.errors import Problem, as_errors


def parse_id(value: Any) -> int | None:
    """A database id given as an ``ID`` argument, or ``None`` when it is not one."""
    text = str(value).strip()
    return int(text) if text.isdigit() and len(text) < 19 else None


class BaseMutation(graphene.Mutation):
    """A mutation whose payload carries ``errors``; subclasses implement ``perform``."""

    class Meta:
        abstract = True

    @classmethod
    def failure(cls, *problems: Problem, **fields: Any) -> BaseMutation:
        """The payload for a mutation refused with ``problems``."""
        return cls(errors=as_errors(list(problems)), **fields)

    @classmethod
    def success(cls, **fields: Any) -> BaseMutation:
        """The payload for a mutation that did what was asked."""
        return cls(errors=[], **fields)
