"""The cache of validated GraphQL documents: same answers, same errors, settings still apply, bounded."""

import json
from collections.abc import Iterator

import pytest
from django.conf import settings
from django.test import override_settings
from graphql import parse

from carrot.document_cache import DocumentCache
from carrot.schema import schema
from carrot.views import document_cache, validation_rules
from tests.api.conftest import make_log

pytestmark = pytest.mark.django_db

TASK_LIST = (
    "query TaskList($filter: TaskFilter!, $first: Int) { tasks(filter: $filter, first: $first) {"
    " edges { cursor node { id uuid status } } pageInfo { hasNextPage endCursor } } }"
)


@pytest.fixture
def cache() -> Iterator[DocumentCache]:
    """The API schema's cache, empty at the start of the test."""
    cache = document_cache(schema)
    cache.clear()
    yield cache
    cache.clear()


def post(client, query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}})
    return client.post("/carrot/graphql", body, content_type="application/json")


def test_a_repeated_query_is_parsed_once_and_answers_as_the_first_time(client, cache, monkeypatch):
    for status in ("FAILED", "FAILED", "COMPLETED"):
        make_log(status=status)
    first = post(client, TASK_LIST, {"filter": {"status": "FAILED"}, "first": 1})
    assert len(cache) == 1

    def no_parsing(*args, **kwargs):
        raise AssertionError("a cached document was parsed again")

    monkeypatch.setattr("carrot.views.parse", no_parsing)
    monkeypatch.setattr("carrot.views.validate", no_parsing)
    again = post(client, TASK_LIST, {"filter": {"status": "FAILED"}, "first": 1})
    assert again.status_code == first.status_code == 200
    assert again.json() == first.json()
    assert first.json()["data"]["tasks"]["pageInfo"]["hasNextPage"] is True
    other = post(client, TASK_LIST, {"filter": {"status": "COMPLETED"}, "first": 1})
    assert [e["node"]["status"] for e in other.json()["data"]["tasks"]["edges"]] == ["COMPLETED"]
    assert len(cache) == 1


@pytest.mark.parametrize(
    "query",
    [
        "{ tasks(filter: {status: FAILED}) { edges { node { log { message } } } } }",  # too deep
        "{ tasks(filter: {status: FAILED}) { edges ",  # syntax
    ],
)
def test_errors_are_reported_the_same_every_time_and_never_cached(client, cache, query):
    with override_settings(CARROT={**settings.CARROT, "graphql_max_depth": 3}):
        answers = [post(client, query) for _ in range(3)]
    assert {a.status_code for a in answers} == {400}
    assert answers[0].json()["errors"] and all(a.json() == answers[0].json() for a in answers)
    assert "data" not in answers[0].json()
    assert len(cache) == 0


def test_settings_changed_after_caching_still_apply(client, cache):
    deep = "{ tasks(filter: {status: FAILED}) { edges { node { log { message } } } } }"
    schema_query = "{ __schema { queryType { name } } }"
    assert post(client, deep).status_code == 200
    assert post(client, schema_query).status_code == 200
    assert len(cache) == 2
    with override_settings(CARROT={**settings.CARROT, "graphql_max_depth": 3}):
        refused = post(client, deep)
    assert refused.status_code == 400
    assert "exceeds maximum operation depth" in refused.json()["errors"][0]["message"]
    with override_settings(CARROT={**settings.CARROT, "graphql_introspection": False}):
        refused = post(client, schema_query)
    assert refused.status_code == 400
    assert "introspection" in refused.json()["errors"][0]["message"].lower()
    assert post(client, deep).status_code == 200  # the default rules' entry is still there
    assert len(cache) == 2


def test_a_cached_mutation_is_still_refused_over_get(client, cache):
    mutation = 'mutation { validateArguments(args: "1") { args } }'
    assert post(client, mutation).status_code == 200
    assert len(cache) == 1
    refused = client.get("/carrot/graphql", {"query": mutation}, HTTP_ACCEPT="application/json")
    assert refused.status_code == 405


def test_the_rules_are_the_same_object_for_the_same_settings():
    assert validation_rules(12, True) is validation_rules(12, True)
    assert validation_rules(12, True) != validation_rules(3, True)
    assert len(validation_rules(12, False)) == len(validation_rules(12, True)) + 1


def test_the_cache_keeps_the_most_recently_used_documents_within_its_bounds():
    cache = DocumentCache(max_documents=3, max_characters=1_000)
    queries = [f"{{ a{i}: __typename }}" for i in range(5)]
    for query in queries[:3]:
        cache.put(query, "rules", parse(query))
    assert cache.get(queries[0], "rules") is not None  # now the most recently used
    cache.put(queries[3], "rules", parse(queries[3]))
    assert len(cache) == 3
    assert cache.get(queries[1], "rules") is None  # the least recently used went out
    assert all(cache.get(q, "rules") is not None for q in (queries[0], queries[2], queries[3]))
    assert cache.get(queries[0], "other rules") is None
    assert cache.characters == sum(len(q) for q in (queries[0], queries[2], queries[3]))


def test_the_cache_is_bounded_by_characters_too():
    cache = DocumentCache(max_documents=100, max_characters=100)
    query = "{ a: __typename }"
    for i in range(20):
        cache.put(query + " " * i, "rules", parse(query))
        assert cache.characters <= 100
    assert len(cache) == 100 // len(query + " " * 19)
    too_long = "{ __typename }" + " " * 100
    cache.put(too_long, "rules", parse(too_long))
    assert cache.get(too_long, "rules") is None
    assert cache.characters <= 100


def test_the_api_cache_stays_bounded_under_many_distinct_queries(client, cache):
    for i in range(cache.max_documents + 20):
        assert post(client, f"{{ a{i}: __typename }}").status_code == 200
    assert len(cache) == cache.max_documents
    assert cache.characters <= cache.max_characters
