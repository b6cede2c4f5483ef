"""The monitor page, GraphiQL and the API's limits over HTTP, under two prefixes."""

import json

import pytest
from django.conf import settings
from django.test import override_settings

from carrot.schema.tasks import resolvers
from carrot.views import INTERNAL_ERROR, MAX_QUERY_LENGTH, MAX_TOKENS

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("path", "prefix"),
    [
        ("/carrot/", "/carrot/"),
        ("/carrot/failed", "/carrot/"),
        ("/carrot/tasks/42/log", "/carrot/"),
        ("/ops/monitor/", "/ops/monitor/"),
        ("/ops/monitor/scheduled/3", "/ops/monitor/"),
    ],
)
def test_monitor_page_and_its_client_side_routes_know_their_prefix(client, path, prefix):
    response = client.get(path)
    assert response.status_code == 200
    assert response.templates[0].name == "carrot/monitor.html"
    context = response.context
    assert context["base_url"] == prefix
    assert context["graphql_url"] == f"{prefix}graphql"
    assert context["auth_url"] == f"{prefix}graphql/auth"
    assert context["login_url"] == settings.LOGIN_URL
    assert "csrftoken" in response.cookies


def test_paths_below_graphql_are_not_the_monitor(client):
    assert client.get("/carrot/graphql/other").status_code == 404


@pytest.mark.parametrize("prefix", ["/carrot/", "/ops/monitor/"])
def test_a_browser_get_shows_graphiql_and_a_post_runs_the_api(client, prefix):
    page = client.get(f"{prefix}graphql", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert "carrot/graphiql.html" in [t.name for t in page.templates]
    body = json.dumps({"query": "{ registeredTasks { path } }"})
    api = client.post(f"{prefix}graphql", body, content_type="application/json")
    assert api.status_code == 200 and api.json()["data"]["registeredTasks"]


def test_queries_over_get_but_never_mutations(client):
    ok = client.get("/carrot/graphql", {"query": "{ taskCounts { failed } }"}, HTTP_ACCEPT="application/json")
    assert ok.json() == {"data": {"taskCounts": {"failed": 0}}}
    refused = client.get(
        "/carrot/graphql",
        {"query": 'mutation { validateArguments(args: "1") { args } }'},
        HTTP_ACCEPT="application/json",
    )
    assert refused.status_code == 405


def api(client, query):
    return client.post("/carrot/graphql", json.dumps({"query": query}), content_type="application/json")


def test_depth_is_limited(client):
    deep = "{ tasks(filter: {status: FAILED}) { edges { node { log { message } } } } }"
    assert api(client, deep).status_code == 200
    with override_settings(CARROT={**settings.CARROT, "graphql_max_depth": 3}):
        response = api(client, deep)
    assert response.status_code == 400
    assert "exceeds maximum operation depth" in response.json()["errors"][0]["message"]
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("{ taskCounts { failed nope } }", "Cannot query field 'nope' on type 'TaskCounts'."),
        ("{ tasks(filter: {status: FAILED}, frist: 5) { edges { cursor } } }", "Unknown argument 'frist'"),
        ("query Q { tasks(filter: $filter) { edges { cursor } } }", "Variable '$filter' is not defined"),
        ("{ taskCounts { failed: queued failed } }", "'failed' conflict"),
    ],
)
def test_documents_are_validated_against_the_schema_as_well(client, query, message):
    response = api(client, query)
    assert response.status_code == 400
    assert "data" not in response.json()
    assert message in response.json()["errors"][0]["message"]


def test_size_is_limited_in_tokens_and_characters(client):
    many = "{" + " a: __typename" * (MAX_TOKENS // 3 + 10) + " }"
    assert len(many) < MAX_QUERY_LENGTH
    response = api(client, many)
    assert response.status_code == 400
    assert "more than" in response.json()["errors"][0]["message"]
    assert response.json()["errors"][0]["extensions"]["code"] == "GRAPHQL_PARSE_FAILED"
    long = "{ __typename }" + " " * MAX_QUERY_LENGTH
    response = api(client, long)
    assert response.status_code == 400
    assert "too long" in response.json()["errors"][0]["message"]
    assert response.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


def test_batching_is_off(client):
    batch = json.dumps([{"query": "{ __typename }"}, {"query": "{ __typename }"}])
    response = client.post("/carrot/graphql", batch, content_type="application/json")
    assert response.status_code == 400
    assert "errors" in response.json() and "data" not in response.json()


def test_unexpected_exceptions_are_masked(client, monkeypatch, caplog):
    def broken():
        raise RuntimeError("secret internals at /srv/app/settings.py")

    monkeypatch.setattr(resolvers, "resolve_registered_tasks", broken)
    response = api(client, "{ registeredTasks { path } }")
    assert response.status_code == 200  # a field's error: the request itself was fine
    error = response.json()["errors"][0]
    assert error["path"] == ["registeredTasks"]
    assert error["message"] == INTERNAL_ERROR
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR"}
    assert b"secret" not in response.content and b"Traceback" not in response.content
    assert "secret internals" in caplog.text  # the server log keeps the details


def test_introspection_is_on_unless_turned_off(client):
    query = "{ __schema { queryType { name } } }"
    assert api(client, query).json()["data"]["__schema"]["queryType"]["name"] == "Query"
    with override_settings(CARROT={**settings.CARROT, "graphql_introspection": False}):
        response = api(client, query)
    assert response.status_code == 400
    assert "introspection" in response.json()["errors"][0]["message"].lower()


def test_other_methods_are_refused(client):
    assert client.put("/carrot/graphql").status_code == 405


def test_graphiql_and_the_api_work_without_graphene_django_installed(client):
    from django.test import modify_settings

    with modify_settings(INSTALLED_APPS={"remove": ["graphene_django"]}):
        page = client.get("/carrot/graphql", HTTP_ACCEPT="text/html")
        assert page.status_code == 200
        assert "carrot/graphiql.html" in [t.name for t in page.templates]
        assert api(client, "{ taskCounts { failed } }").status_code == 200


def test_cost_is_limited_before_execution(client):
    query = "{ registeredTasks { path } }"
    assert api(client, query).status_code == 200  # now kept as valid under the default budget
    with override_settings(CARROT={**settings.CARROT, "graphql_max_cost": 100}):
        response = api(client, query)
    assert response.status_code == 400 and "data" not in response.json()
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert "over the limit of 100 " in error["message"]
