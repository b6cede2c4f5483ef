"""Text the database cannot store is refused at the API's door, before any resolver sees it.

PostgreSQL refuses a NUL character (U+0000) in text, and no database takes a lone surrogate: such a
value in an id, a search or a name would reach a query and fail there as a server fault. A GraphQL
string literal can carry one through an escape (``"\\u0000"``), variables through JSON.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError, StringValueNode, ValidationRule

from carrot.values import unstorable_path

UNSTORABLE_TEXT = "Text may not contain NUL (U+0000) or lone surrogates: the database cannot store them."


class StorableTextRule(ValidationRule):
    """Refuse a document whose string literals hold text the database cannot store."""

    def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
        if unstorable_path(node.value) is not None:
            self.report_error(GraphQLError(UNSTORABLE_TEXT, node))


def unstorable_variable(variables: dict[str, Any]) -> str | None:
    """The refusal for variables holding text the database cannot store, naming where; else ``None``."""
    where = unstorable_path(variables)
    return None if where is None else f"{UNSTORABLE_TEXT} (in variables{where})"
