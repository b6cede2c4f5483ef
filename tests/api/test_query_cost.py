"""The query cost limit: what an operation costs, that the UI's documents are far below the budget,
and that documents built to make the server work hard are refused before anything runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from graphql import (
    FieldNode,
    GraphQLArgument,
    GraphQLObjectType,
    NameNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Visitor,
    get_introspection_query,
    get_named_type,
    graphql_sync,
    parse,
    specified_rules,
    validate,
    visit,
)
from graphql.language import DocumentNode
from hypothesis import given, settings
from hypothesis import strategies as st

from carrot.conf import DEFAULT_GRAPHQL_MAX_COST, get_settings
from carrot.models import MessageLog
from carrot.schema import cost, schema
from carrot.schema.cost import cost_rule, operation_costs
from tests.api.conftest import make_log

SCHEMA = schema.graphql_schema
BUDGET = DEFAULT_GRAPHQL_MAX_COST
UI_SOURCES = Path(__file__).resolve().parents[2] / "ui" / "src"
UI_DOCUMENT = re.compile(r"graphql\(`(.*?)`\)", re.DOTALL)

TASK_PAGE = "tasks(filter: {status: FAILED}, first: %s) { edges { node { id uuid task } } }"
QUEUE_STATES = "queues { name state { reachable messages } }"


def cost_of(query: str) -> int:
    (value,) = operation_costs(SCHEMA, parse(query)).values()
    return value


def aliases(count: int, selection: str) -> str:
    return "{ " + " ".join(f"a{n}: {selection}" for n in range(count)) + " }"


def refusal(query: str, budget: int = BUDGET) -> list[Any]:
    """The cost rule's errors for ``query``, validated with the specification's rules after it."""
    errors = validate(SCHEMA, parse(query), [cost_rule(budget), *specified_rules])
    return [error for error in errors if (error.extensions or {}).get("code") == "QUERY_TOO_COSTLY"]


# The UI's documents ------------------------------------------------------------------------------


def with_typename(document: DocumentNode) -> DocumentNode:
    """``document`` as urql sends it: ``__typename`` added to every selection below the operation."""

    class AddTypename(Visitor):
        def enter_selection_set(self, node: SelectionSetNode, key: Any, parent: Any, *_: Any) -> Any:
            if isinstance(parent, OperationDefinitionNode):
                return None
            names = {s.name.value for s in node.selections if isinstance(s, FieldNode)}
            if "__typename" in names:
                return None
            typename = FieldNode(name=NameNode(value="__typename"), arguments=(), directives=())
            return SelectionSetNode(selections=(*node.selections, typename))

    result: DocumentNode = visit(document, AddTypename())
    return result


def ui_documents() -> dict[str, str]:
    """Every GraphQL document in the UI's sources (not the generated ``gql`` folder), by operation name."""
    documents = {}
    for path in sorted(UI_SOURCES.rglob("*.ts*")):
        if "gql" in path.relative_to(UI_SOURCES).parts:
            continue
        for text in UI_DOCUMENT.findall(path.read_text()):
            (name,) = operation_costs(SCHEMA, parse(text))
            documents[str(name)] = text
    return documents


def test_the_ui_sends_documents_that_cost_a_small_part_of_the_budget():
    costs = {name: cost_of_document(text) for name, text in ui_documents().items()}
    assert {"TaskList", "QueueStates", "TaskCounts", "TaskDetail", "ScheduledTasks"} <= set(costs)
    over = {name: value for name, value in costs.items() if value > BUDGET // 3}
    assert not over, f"UI documents over a third of the budget: {over} (all: {costs})"
    # The costliest: the audit log's page, counted at 200 rows as its size is a variable, or the
    # workers (at most 50, each with what its consumers run).
    assert max(costs, key=costs.__getitem__) in {"AuditLog", "Workers"}
    # The task list names its page size (50) in the document, so its fields are counted for the 50
    # rows it gets: tasks and edges, 50 * (node, its 16 fields, two __typename), pageInfo's 4 and the
    # connection's __typename.
    assert costs["TaskList"] == 2 + 50 * (1 + 16 + 2) + 4 + 1


def cost_of_document(text: str) -> int:
    (value,) = operation_costs(SCHEMA, with_typename(parse(text))).values()
    return value


def test_every_ui_document_passes_validation_with_the_cost_rule():
    for name, text in ui_documents().items():
        assert validate(SCHEMA, with_typename(parse(text)), [cost_rule(BUDGET), *specified_rules]) == [], name


# What is refused --------------------------------------------------------------------------------


def test_a_hundred_aliases_of_a_200_row_page_are_refused():
    query = aliases(100, TASK_PAGE % 200)
    (error,) = refusal(query)
    assert error.extensions == {"code": "QUERY_TOO_COSTLY", "cost": cost_of(query), "maxCost": BUDGET}
    assert f"costs {cost_of(query):,}" in error.message and f"limit of {BUDGET:,}" in error.message
    assert refusal(aliases(4, TASK_PAGE % 200)) == []  # 4 such pages: 3,208


def test_220_aliases_of_the_queues_state_are_refused():
    assert len(get_settings().queues) == 3
    assert refusal(aliases(220, "queues { state { reachable } }"))
    assert refusal(aliases(50, "queues { state { reachable } }")) == []


def test_the_state_of_one_queue_still_counts_its_broker_question():
    one = 'queue(name: "default") { state { messages } }'
    assert cost_of(f"{{ {one} }}") == 1 + cost.STATE_COST + 1
    assert refusal(aliases(BUDGET // cost.STATE_COST, one))


def test_the_budget_is_the_rules_argument():
    query = "{ %s }" % (TASK_PAGE % 50)
    assert cost_of(query) == 202
    assert refusal(query, budget=201) and refusal(query, budget=202) == []
    assert cost_rule(201) is cost_rule(201) and cost_rule(201) is not cost_rule(202)


# How it is counted ------------------------------------------------------------------------------


def test_a_page_counts_its_rows_and_pageinfo_once():
    # tasks 1 + edges 1 + 200 x (node 1 + 3 fields) + pageInfo 1 + hasNextPage 1
    query = (
        "{ tasks(filter: {status: FAILED}, first: 500) { edges { node { id uuid task } } "
        "pageInfo { hasNextPage } } }"
    )
    assert cost_of(query) == 2 + 200 * 4 + 2


def test_page_sizes_as_the_api_reads_them():
    page = "{ tasks(filter: {status: QUEUED}%s) { edges { cursor } } }"
    assert cost_of(page % "") == 2 + 50  # the default page
    assert cost_of(page % ", first: null") == 2 + 50
    assert cost_of(page % ", last: 7") == 2 + 7
    assert cost_of(page % ", first: 0") == 2  # refused by the API: no rows
    assert cost_of(page % ', first: "ten"') == 2  # not an Int: the specification's rules refuse it
    variable = "query($n: Int) " + page % ", first: $n"
    assert cost_of(variable) == cost_of(page % ", first: 200")  # a variable counts as the largest page


def test_lists_of_queues_count_the_declared_queues(settings):
    assert cost_of("{ queues { name } }") == 1 + 3
    settings.CARROT = {**settings.CARROT, "queues": [{"name": f"q{n}"} for n in range(7)]}
    assert len(get_settings().queues) == 8  # and "default", always declared
    assert cost_of("{ queues { name } }") == 1 + 8


def test_other_lists_count_the_documented_rows():
    assert cost_of("{ scheduledTasks { id taskName } }") == 1 + cost.LIST_ROWS * 2
    assert cost_of('{ task(id: "1") { log { message } } }') == 2 + cost.LIST_ROWS
    # a chart's columns are lists of numbers (at most 168 each, a week of hours): a field each
    assert cost_of("{ taskStats(range: WEEK) { starts p95 series { task } } }") == 4 + cost.LIST_ROWS


def test_fragments_count_as_if_written_out():
    inline = "{ queues { name durable state { messages } } }"
    spread = (
        "{ queues { ...Q } } fragment Q on Queue { name ...D } "
        "fragment D on Queue { durable state { messages } }"
    )
    typed = "{ queues { ... on Queue { name durable } ... { state { messages } } } }"
    assert cost_of(inline) == cost_of(spread) == cost_of(typed) == 1 + 3 * (1 + 1 + cost.STATE_COST + 1)


def test_a_fragment_spread_in_a_page_counts_with_the_page():
    spread = (
        "{ tasks(filter: {status: FAILED}, first: 10) { ...Page } } "
        "fragment Page on TaskConnection { edges { cursor } }"
    )
    assert cost_of(spread) == 2 + 10


def test_cyclic_and_unknown_fragments_do_not_break_the_count():
    cyclic = "{ queues { ...A } } fragment A on Queue { name ...B } fragment B on Queue { durable ...A }"
    errors = validate(SCHEMA, parse(cyclic), [cost_rule(BUDGET), *specified_rules])
    assert [error.message for error in errors] == ["Cannot spread fragment 'A' within itself via 'B'."]
    assert cost_of("{ queues { ...Nowhere name } }") == 1 + 3


def test_nested_fragments_are_counted_without_expanding_them_each_time():
    # 2^60 copies of `name` if written out: counted in linear time, and refused.
    fragments = " ".join(f"fragment F{n} on Queue {{ ...F{n + 1} ...F{n + 1} }}" for n in range(60))
    query = "{ queues { ...F0 } } " + fragments + " fragment F60 on Queue { name }"
    assert cost_of(query) == 1 + 3 * 2**60
    assert refusal(query)


def test_introspection_counts_a_fixed_cost_above_graphiqls_whole_query():
    result = graphql_sync(SCHEMA, get_introspection_query(descriptions=True))
    assert result.errors is None
    assert answered_fields(result.data) <= cost.INTROSPECTION_COST
    assert cost_of(get_introspection_query(descriptions=True)) == cost.INTROSPECTION_COST
    assert refusal(
        '{ a: __schema { types { name } } b: __schema { types { name } } c: __type(name: "Task") { name } }'
    )


def test_every_connection_field_has_its_page_size():
    """A field with ``first``/``last`` that the rule does not know would count 100 rows, not its page."""
    paged = {
        (type_.name, name)
        for type_ in SCHEMA.type_map.values()
        if isinstance(type_, GraphQLObjectType) and not type_.name.startswith("__")
        for name, field in type_.fields.items()
        if {"first", "last"} & set(field.args)
    }
    assert paged == set(cost.PAGE_SIZES)


def test_the_mutations_the_ui_sends_are_cheap():
    assert cost_of('mutation { purgeQueue(name: "idle") { purgedCount errors { field message code } } }') == (
        2 + 1 + cost.LIST_ROWS * 3
    )


# Properties -------------------------------------------------------------------------------------


@given(
    first=st.integers(min_value=1, max_value=300),
    more_rows=st.integers(min_value=0, max_value=300),
    count=st.integers(min_value=1, max_value=30),
    more_aliases=st.integers(min_value=0, max_value=30),
)
@settings(max_examples=60, deadline=None)
def test_cost_grows_with_rows_and_aliases(first: int, more_rows: int, count: int, more_aliases: int):
    small = cost_of(aliases(count, TASK_PAGE % first))
    bigger = cost_of(aliases(count + more_aliases, TASK_PAGE % (first + more_rows)))
    assert small <= bigger
    assert small == count * cost_of(aliases(1, TASK_PAGE % first))  # each alias counts in full


def answered_fields(value: Any) -> int:
    """How many fields an answer holds: every key of every object in it."""
    if isinstance(value, dict):
        return sum(1 + answered_fields(item) for item in value.values())
    if isinstance(value, list):
        return sum(answered_fields(item) for item in value)
    return 0


def selections(type_name: str, depth: int) -> st.SearchStrategy[str]:
    """Random selections on ``type_name``: fields without required arguments (tasks and queue with
    theirs), each under an alias of its own (so a field may come several times), nested objects down
    to ``depth``; JSON scalars left out (their value is not fields)."""
    type_ = SCHEMA.type_map[type_name]
    choices: list[st.SearchStrategy[str]] = []
    for name, field in type_.fields.items():  # type: ignore[union-attr]
        named = get_named_type(field.type)
        if named.name == "GenericScalar" or (depth == 0 and hasattr(named, "fields")):
            continue
        arguments = arguments_for(type_name, name, field.args)
        if arguments is None:
            continue
        head = arguments.map(lambda args, name=name: f"{name}{args}")
        if hasattr(named, "fields"):
            head = st.tuples(head, selections(named.name, depth - 1)).map(lambda p: f"{p[0]} {{ {p[1]} }}")
        choices.append(head)
    fields = st.lists(st.one_of(choices), min_size=1, max_size=4)
    return fields.map(lambda chosen: " ".join(f"f{n}: {field}" for n, field in enumerate(chosen)))


def arguments_for(
    type_name: str, name: str, args: dict[str, GraphQLArgument]
) -> st.SearchStrategy[str] | None:
    if (type_name, name) == ("Query", "tasks"):
        status = st.sampled_from(["QUEUED", "FAILED", "COMPLETED"])
        first = st.one_of(st.just(""), st.integers(1, 200).map(lambda n: f", first: {n}"))
        return st.tuples(status, first).map(lambda p: f"(filter: {{status: {p[0]}}}{p[1]})")
    if (type_name, name) == ("Query", "queue"):
        return st.sampled_from(['(name: "default")', '(name: "nowhere")'])
    if any(arg.type.__class__.__name__ == "GraphQLNonNull" for arg in args.values()):
        return None
    return st.just("")


@pytest.fixture
def logs_to_show(db):
    for status in (MessageLog.FAILED, MessageLog.COMPLETED, MessageLog.PUBLISHED):
        for n in range(3):
            entry = {"time": None, "level": "INFO", "levelno": 20, "logger": "t", "message": f"line {n}"}
            make_log(status=status, log=[entry] * n)


@pytest.mark.django_db
@given(query=selections("Query", 3).map(lambda body: "{ " + body + " }"))
@settings(max_examples=40, deadline=None, suppress_health_check=["function_scoped_fixture"])
def test_an_answer_never_holds_more_fields_than_the_cost(gql, logs_to_show, query: str):
    """The cost bounds the answer: over HTTP, with tasks in every list and the real broker."""
    response = gql.post(query)
    body = response.json()
    assert "data" in body, (query, body)
    assert answered_fields(body["data"]) <= cost_of(query), query


# Over HTTP --------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_api_refuses_a_costly_request_before_running_it(gql):
    response = gql.post(aliases(220, "queues { state { reachable } }"))
    assert response.status_code == 400
    body = response.json()
    assert "data" not in body or body["data"] is None, body
    (error,) = body["errors"]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert error["extensions"]["maxCost"] == BUDGET


@pytest.mark.django_db
def test_the_budget_is_a_setting(gql, settings):
    settings.CARROT = {**settings.CARROT, "graphql_max_cost": 100}
    page = "{ tasks(filter: {status: FAILED}, first: 60) { edges { node { id } } } }"
    response = gql.post(page)
    assert response.status_code == 400
    (error,) = response.json()["errors"]
    assert error["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 122, "maxCost": 100}
    assert gql("{ tasks(filter: {status: FAILED}, first: 10) { edges { node { id } } } }")["tasks"]
