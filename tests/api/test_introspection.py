"""Introspection off hides the schema and nothing else: ``__typename`` works, ``__schema`` and
``__type`` are refused, and no error message suggests names from the schema."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from tests.api.conftest import API

pytestmark = pytest.mark.django_db

INTROSPECTION_OFF = override_settings(CARROT={**settings.CARROT, "graphql_introspection": False})


def api(client, query, variables=None):
    body = {"query": query, "variables": variables or {}}
    return client.post(API, json.dumps(body), content_type="application/json")


@INTROSPECTION_OFF
@pytest.mark.parametrize(
    ("query", "data"),
    [
        ("{ __typename }", {"__typename": "Query"}),
        ("{ q: __typename }", {"q": "Query"}),
        ("{ taskCounts { __typename failed } }", {"taskCounts": {"__typename": "TaskCounts", "failed": 0}}),
        (
            'mutation { __typename validateArguments(args: "1") { __typename args } }',
            {
                "__typename": "Mutation",
                "validateArguments": {"__typename": "ValidateArguments", "args": [1]},
            },
        ),
    ],
)
def test_typename_works_anywhere(client, query, data):
    response = api(client, query)
    assert response.status_code == 200, response.content
    assert response.json() == {"data": data}


@INTROSPECTION_OFF
@pytest.mark.parametrize(
    "query",
    [
        "{ __schema { queryType { name } } }",
        '{ __type(name: "Query") { name } }',
        "{ s: __schema { types { name } } }",
        "{ ...Schema } fragment Schema on Query { __schema { queryType { name } } }",
        '{ __typename ... on Query { t: __type(name: "TaskCounts") { fields { name } } } }',
    ],
)
def test_the_schema_is_refused(client, query):
    response = api(client, query)
    assert response.status_code == 400
    errors = response.json()["errors"]  # one for each field that returns part of the schema
    assert errors and all("introspection has been disabled" in error["message"] for error in errors)
    assert {error["extensions"]["code"] for error in errors} == {"GRAPHQL_VALIDATION_FAILED"}
    assert "data" not in response.json()


def test_the_schema_is_there_while_introspection_is_on(client):
    response = api(client, '{ __type(name: "TaskCounts") { name } }')
    assert response.json() == {"data": {"__type": {"name": "TaskCounts"}}}


MISTAKES = {
    "field": ("{ taskCount { failed } }", None),
    "argument": ("{ tasks(filter: {status: FAILED}, frist: 5) { edges { cursor } } }", None),
    "enum value": ("{ tasks(filter: {status: FAILD}) { edges { cursor } } }", None),
    "input field": ("{ tasks(filter: {statuss: FAILED}) { edges { cursor } } }", None),
    "type": ("query($f: TaskFiltr!) { tasks(filter: $f) { edges { cursor } } }", None),
    "enum value in variables": (
        "query($f: TaskFilter!) { tasks(filter: $f) { edges { cursor } } }",
        {"f": {"status": "FAILD"}},
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES)
def test_errors_suggest_names_only_while_introspection_is_on(client, mistake):
    query, variables = MISTAKES[mistake]
    suggesting = api(client, query, variables)
    assert suggesting.status_code == 400
    assert (
        "Did you mean" in suggesting.json()["errors"][0]["message"]
    )  # the mistake is one graphql-core hints at
    with INTROSPECTION_OFF:
        response = api(client, query, variables)
    assert response.status_code == 400
    messages = [error["message"] for error in response.json()["errors"]]
    assert messages and not any("Did you mean" in message for message in messages), messages
    # The rest of the message still says what was wrong.
    first = suggesting.json()["errors"][0]["message"]
    assert messages[0] == first[: first.index(" Did you mean")]
