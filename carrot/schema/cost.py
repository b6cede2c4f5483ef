"""What a GraphQL operation costs, counted before it runs, and the validation rule that caps it.

The cost stands for the work and the size of the answer: every selected field counts 1 (each alias
separately, ``__typename`` too, fragments expanded where they are spread), times the number of rows
of every list around it:

- a page of a connection (``tasks``, ``auditLog``) has as many rows as its ``first`` or ``last``
  asks, at most the largest page (200 tasks, 50 by default; see :data:`PAGE_SIZES`). A page
  size given as a variable counts as the largest page: validation runs once per document, before
  and without the variables (the validated document is cached for every later request);
- a list of queues has one row per declared queue (also a service's queues), and a service's running
  tasks as many rows as the declared queues' consumers;
- any other list (scheduled tasks, registered tasks, a task's log entries, errors) counts
  :data:`LIST_ROWS` rows.

``Queue.state`` counts :data:`STATE_COST`, as it may wait for the broker; ``__schema`` and ``__type``
count :data:`INTROSPECTION_COST` whatever they select, as their answer is bounded by the schema.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    InlineFragmentNode,
    IntValueNode,
    NamedTypeNode,
    NullValueNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    ValidationRule,
    ValueNode,
    VariableNode,
    get_named_type,
)
from graphql.language.visitor import SKIP, VisitorAction

from carrot import audit, workers
from carrot.conf import get_settings
from carrot.logs import queries

LIST_ROWS = 100
"""Rows counted for a list whose length the schema does not bound."""
STATE_COST = 50
"""What ``Queue.state`` counts: up to a broker round trip (0.2 to 1 ms), where a field takes a few µs."""
INTROSPECTION_COST = 6_000
"""What ``__schema`` or ``__type`` counts, whatever it selects: above the fields of GraphiQL's whole
introspection query of carrot's schema (a test keeps it so)."""


@dataclass(frozen=True)
class PageSize:
    """The rows of a connection's page when ``first``/``last`` is absent, and the most it may give."""

    default: int
    largest: int


PAGE_SIZES: Mapping[tuple[str, str], PageSize] = {
    ("Query", "tasks"): PageSize(queries.DEFAULT_PAGE_SIZE, queries.MAX_PAGE_SIZE),
    ("Query", "auditLog"): PageSize(audit.DEFAULT_PAGE_SIZE, audit.MAX_PAGE_SIZE),
}
"""Connection fields, by ``(type, field)``: the lists in their type have as many rows as the page."""
FIELD_COSTS: Mapping[tuple[str, str], int] = {("Queue", "state"): STATE_COST}
"""Fields that count more than 1, by ``(type, field)``."""
ROWS_OF_TYPE: Mapping[str, Callable[[], int]] = {
    "Queue": lambda: len(get_settings().queues),
    "WorkerQueue": lambda: len(get_settings().queues),
    "KeptTasks": lambda: len(get_settings().queues),
    "RunningTask": lambda: max(1, sum(q.concurrency for q in get_settings().queues if q.consumable)),
    "Worker": lambda: workers.LISTED,
}
"""Lists whose rows are known from the settings, by the type of their items."""
INTROSPECTION_FIELDS = frozenset({"__schema", "__type"})


class _Counter:
    """Counts the operations of one document (each fragment once per page size it is spread with)."""

    def __init__(self, schema: GraphQLSchema, fragments: Mapping[str, FragmentDefinitionNode]) -> None:
        self.schema = schema
        self.fragments = fragments
        self._fragment_costs: dict[tuple[str, int | None], int] = {}
        self._expanding: set[str] = set()

    def operation(self, node: OperationDefinitionNode) -> int:
        root = {
            OperationType.QUERY: self.schema.query_type,
            OperationType.MUTATION: self.schema.mutation_type,
            OperationType.SUBSCRIPTION: self.schema.subscription_type,
        }[node.operation]
        return self.selections(node.selection_set, root, None)

    def selections(
        self, selection_set: SelectionSetNode, parent: GraphQLNamedType | None, page: int | None
    ) -> int:
        """The cost of one row of ``selection_set``; ``page`` is the rows of lists in a connection."""
        total = 0
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                total += self.field(selection, parent, page)
            elif isinstance(selection, InlineFragmentNode):
                total += self.selections(
                    selection.selection_set, self._type(selection.type_condition, parent), page
                )
            elif isinstance(selection, FragmentSpreadNode):
                total += self.spread(selection.name.value, page)
        return total

    def field(self, node: FieldNode, parent: GraphQLNamedType | None, page: int | None) -> int:
        name = node.name.value
        if name in INTROSPECTION_FIELDS:
            return INTROSPECTION_COST
        fields = parent.fields if isinstance(parent, GraphQLObjectType | GraphQLInterfaceType) else {}
        definition = fields.get(name)
        coordinate = (parent.name if parent is not None else "", name)
        own = FIELD_COSTS.get(coordinate, 1)
        if node.selection_set is None or definition is None:
            return own  # a leaf, or a field the specification's rules will refuse
        child_page = self._page_size(coordinate, node) if coordinate in PAGE_SIZES else None
        rows = self._rows(definition.type, page)
        return own + rows * self.selections(node.selection_set, get_named_type(definition.type), child_page)

    def spread(self, name: str, page: int | None) -> int:
        """The cost of fragment ``name`` where it is spread; an unknown or cyclic spread counts 0.

        graphql-core's specification rules refuse both, but this rule may run before them.
        """
        key = (name, page)
        if key in self._fragment_costs:
            return self._fragment_costs[key]
        fragment = self.fragments.get(name)
        if fragment is None or name in self._expanding:
            return 0
        self._expanding.add(name)
        try:
            cost = self.selections(fragment.selection_set, self._type(fragment.type_condition, None), page)
        finally:
            self._expanding.discard(name)
        self._fragment_costs[key] = cost
        return cost

    def _type(
        self, condition: NamedTypeNode | None, default: GraphQLNamedType | None
    ) -> GraphQLNamedType | None:
        return default if condition is None else self.schema.get_type(condition.name.value)

    @staticmethod
    def _rows(output: GraphQLOutputType, page: int | None) -> int:
        """How many times a field's selection is resolved per row of its parent."""
        rows = 1
        kind: Any = output
        while isinstance(kind, GraphQLNonNull | GraphQLList):
            if isinstance(kind, GraphQLList):
                item = get_named_type(kind)
                rows *= page if page is not None else ROWS_OF_TYPE.get(item.name, lambda: LIST_ROWS)()
            kind = kind.of_type
        return rows

    @staticmethod
    def _page_size(coordinate: tuple[str, str], node: FieldNode) -> int:
        """The rows of a connection's page: the largest its ``first`` or ``last`` can give."""
        page = PAGE_SIZES[coordinate]
        sizes = [
            _rows_asked(page, argument.value)
            for argument in node.arguments
            if argument.name.value in ("first", "last")
        ]
        return max(sizes, default=page.default)


def _rows_asked(page: PageSize, value: ValueNode) -> int:
    """The most rows a ``first`` or ``last`` of ``value`` can give (0 where the resolver refuses it)."""
    if isinstance(value, VariableNode):
        return page.largest
    if isinstance(value, NullValueNode):
        return page.default
    if isinstance(value, IntValueNode):
        return min(int(value.value), page.largest) if int(value.value) >= 1 else 0
    return 0  # not an Int: the specification's rules refuse it


def operation_costs(schema: GraphQLSchema, document: DocumentNode) -> dict[str | None, int]:
    """The cost of each operation of ``document``, by operation name (``None`` for an anonymous one)."""
    counter = _Counter(schema, _fragments(document))
    return {
        (node.name.value if node.name else None): counter.operation(node)
        for node in document.definitions
        if isinstance(node, OperationDefinitionNode)
    }


def _fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {
        node.name.value: node for node in document.definitions if isinstance(node, FragmentDefinitionNode)
    }


@functools.cache
def cost_rule(max_cost: int) -> type[ValidationRule]:
    """The validation rule refusing any operation that costs more than ``max_cost``.

    The same class for the same ``max_cost``, so that validated documents can be cached by their rules.
    The error has the code ``QUERY_TOO_COSTLY`` and, in its extensions, ``cost`` and ``maxCost``.
    """

    class QueryCostLimit(ValidationRule):
        def enter_document(self, node: DocumentNode, *_args: Any) -> VisitorAction:
            counter = _Counter(self.context.schema, _fragments(node))
            for operation in node.definitions:
                if isinstance(operation, OperationDefinitionNode):
                    cost = counter.operation(operation)
                    if cost > max_cost:
                        self.report_error(too_costly(operation, cost, max_cost))
            return SKIP

    QueryCostLimit.__qualname__ = QueryCostLimit.__name__ = f"QueryCostLimit{max_cost}"
    return QueryCostLimit


def too_costly(operation: OperationDefinitionNode, cost: int, max_cost: int) -> GraphQLError:
    """The error for an operation over the budget, saying by how much and what to ask for instead."""
    name = f"Operation {operation.name.value!r}" if operation.name else "The operation"
    return GraphQLError(
        f"{name} costs {cost:,}, over the limit of {max_cost:,} per request: ask for fewer rows "
        "(first/last), fields or aliases. Each field counts once per row of the lists around it.",
        operation,
        extensions={"code": "QUERY_TOO_COSTLY", "cost": cost, "maxCost": max_cost},
    )
