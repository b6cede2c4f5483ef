"""Malformed requests are client errors: a 4xx that says what was wrong, with a code, and one log line.

Every case goes through Django's test client; the log is read with ``caplog``: a client fault may
leave Django's one WARNING line for its status, never an ERROR or a traceback. Only a real server
fault is masked as INTERNAL_SERVER_ERROR and logged with its traceback.
"""

import json
import logging
from functools import wraps

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseForbidden, HttpResponseNotFound
from django.test import override_settings

from carrot.views import INTERNAL_ERROR, CarrotGraphQLView
from tests.api.conftest import API

pytestmark = pytest.mark.django_db

MUTATION = 'mutation { validateArguments(args: "1") { args } }'
FIVE_MB = 5 * 1024 * 1024


def post_json(client, payload):
    return client.post(API, json.dumps(payload), content_type="application/json")


CASES = {
    "batched JSON array": (
        lambda c: post_json(c, [{"query": "{ __typename }"}, {"query": "{ __typename }"}]),
        400,
        "BAD_REQUEST",
        "not a valid JSON query",
    ),
    "empty query": (lambda c: post_json(c, {"query": ""}), 400, "BAD_REQUEST", "Must provide query string"),
    "no query at all": (lambda c: post_json(c, {}), 400, "BAD_REQUEST", "Must provide query string"),
    "query not a string": (
        lambda c: post_json(c, {"query": 5}),
        400,
        "BAD_REQUEST",
        "query must be a string",
    ),
    "body not JSON": (
        lambda c: c.post(API, "{not json", content_type="application/json"),
        400,
        "BAD_REQUEST",
        "invalid JSON",
    ),
    "variables not JSON": (
        lambda c: post_json(c, {"query": "{ __typename }", "variables": "{oops"}),
        400,
        "BAD_REQUEST",
        "Variables are invalid JSON",
    ),
    "variables a list": (
        lambda c: post_json(c, {"query": "{ __typename }", "variables": [1, 2]}),
        400,
        "BAD_REQUEST",
        "variables must be a JSON object",
    ),
    "variables a JSON string of a number": (
        lambda c: post_json(c, {"query": "{ __typename }", "variables": "5"}),
        400,
        "BAD_REQUEST",
        "variables must be a JSON object",
    ),
    "operationName not a string": (
        lambda c: post_json(c, {"query": "{ __typename }", "operationName": ["Q"]}),
        400,
        "BAD_REQUEST",
        "operationName must be a string",
    ),
    "mutation over GET": (
        lambda c: c.get(API, {"query": MUTATION}, HTTP_ACCEPT="application/json"),
        405,
        "METHOD_NOT_ALLOWED",
        "Can only perform a mutation operation from a POST request",
    ),
    "PUT": (
        lambda c: c.put(API, json.dumps({"query": "{ __typename }"}), content_type="application/json"),
        405,
        "METHOD_NOT_ALLOWED",
        "only supports GET and POST",
    ),
    "DELETE": (lambda c: c.delete(API), 405, "METHOD_NOT_ALLOWED", "only supports GET and POST"),
    "5 MB JSON body": (
        lambda c: post_json(c, {"query": "{ __typename }", "pad": "x" * FIVE_MB}),
        413,
        "PAYLOAD_TOO_LARGE",
        f"larger than {settings.DATA_UPLOAD_MAX_MEMORY_SIZE} bytes",
    ),
    "5 MB form body": (
        lambda c: c.post(
            API,
            f"query={'x' * FIVE_MB}",
            content_type="application/x-www-form-urlencoded",
        ),
        413,
        "PAYLOAD_TOO_LARGE",
        "larger than",
    ),
    "GraphQL syntax error": (
        lambda c: post_json(c, {"query": "{ taskCounts { failed "}),
        400,
        "GRAPHQL_PARSE_FAILED",
        "Syntax Error",
    ),
    "validation error": (
        lambda c: post_json(c, {"query": "{ taskCounts { nope } }"}),
        400,
        "GRAPHQL_VALIDATION_FAILED",
        "Cannot query field 'nope'",
    ),
    "variable of the wrong type": (
        lambda c: post_json(
            c,
            {
                "query": "query($n: Int) { tasks(filter: {status: FAILED}, first: $n) { edges { cursor } } }",
                "variables": {"n": "x"},
            },
        ),
        400,
        "BAD_REQUEST",
        "Variable '$n' got invalid value",
    ),
    "unknown operation name": (
        lambda c: post_json(c, {"query": "query A { __typename }", "operationName": "B"}),
        400,
        "BAD_REQUEST",
        "Unknown operation named 'B'",
    ),
    "NUL in a string literal": (
        lambda c: post_json(c, {"query": 'mutation { requeueTask(id: "\\u0000") { errors { code } } }'}),
        400,
        "GRAPHQL_VALIDATION_FAILED",
        "may not contain NUL",
    ),
    "NUL in a variable": (
        lambda c: post_json(
            c,
            {
                "query": "query($s: String) { taskCounts(search: $s) { failed } }",
                "variables": {"s": "a\u0000b"},
            },
        ),
        400,
        "BAD_REQUEST",
        "the database cannot store them. (in variables['s'])",
    ),
    "lone surrogate in a nested variable": (
        lambda c: post_json(
            c,
            {
                "query": "mutation($i: PublishTaskInput!) { publishTask(input: $i) { errors { code } } }",
                "variables": {"i": {"task": "tests.tasks.noop", "kwargs": "\ud800"}},
            },
        ),
        400,
        "BAD_REQUEST",
        "in variables['i']['kwargs']",
    ),
    "text/plain body": (
        lambda c: c.post(API, json.dumps({"query": "{ __typename }"}), content_type="text/plain"),
        400,
        "BAD_REQUEST",
        "Must provide query string",
    ),
    "form body without a query": (
        lambda c: c.post(API, "variables=%7B%7D", content_type="application/x-www-form-urlencoded"),
        400,
        "BAD_REQUEST",
        "Must provide query string",
    ),
    "body not UTF-8": (
        lambda c: c.post(API, b"{ \xff }", content_type="application/graphql"),
        400,
        "BAD_REQUEST",
        "cannot be read",
    ),
}


def assert_logged_as_a_client_fault(caplog):
    """At most one WARNING line, nothing worse, and no traceback."""
    records = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r for r in records if r.levelno > logging.WARNING] == [], caplog.text
    assert len(records) <= 1, caplog.text
    assert all(r.exc_info is None for r in caplog.records), caplog.text
    assert "Traceback" not in caplog.text


@pytest.mark.parametrize("case", CASES)
def test_a_malformed_request_is_a_client_error(client, caplog, case):
    send, status, code, message = CASES[case]
    caplog.set_level(logging.INFO)
    response = send(client)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == code
    assert message in error["message"]
    assert_logged_as_a_client_fault(caplog)


def test_a_form_post_with_a_query_runs_it(client):
    """Forms and GraphQL documents in the body remain ways to send a query (as graphene-django's)."""
    form = client.post(API, "query=%7B+__typename+%7D", content_type="application/x-www-form-urlencoded")
    assert form.json() == {"data": {"__typename": "Query"}}
    document = client.post(API, "{ __typename }", content_type="application/graphql")
    assert document.json() == {"data": {"__typename": "Query"}}


def test_a_server_fault_outside_the_resolvers_is_a_masked_500_with_a_traceback(client, caplog, monkeypatch):
    def broken(self, request):
        raise RuntimeError("secret internals at /srv/app/settings.py")

    monkeypatch.setattr(CarrotGraphQLView, "get_context", broken)
    response = post_json(client, {"query": "{ __typename }"})
    assert response.status_code == 500
    assert response.json() == {
        "errors": [{"message": INTERNAL_ERROR, "extensions": {"code": "INTERNAL_SERVER_ERROR"}}]
    }
    assert b"secret" not in response.content
    [logged] = [r for r in caplog.records if r.levelno >= logging.ERROR and r.name == "carrot.views"]
    assert logged.exc_info is not None and "secret internals" in caplog.text


def raises_permission_denied(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        raise PermissionDenied("not for you")

    return wrapped


def raises_not_found(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        raise Http404("hidden")

    return wrapped


def returns_forbidden(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return HttpResponseForbidden("<h1>not for you</h1>")

    return wrapped


def returns_not_found(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        return HttpResponseNotFound("<h1>hidden</h1>")

    return wrapped


def decorated_by(name):
    return override_settings(
        CARROT={**settings.CARROT, "monitor_authentication": [f"tests.api.test_client_faults.{name}"]}
    )


@pytest.mark.parametrize(
    ("decorator", "status", "code"),
    [
        ("raises_permission_denied", 403, "FORBIDDEN"),
        ("returns_forbidden", 403, "FORBIDDEN"),
        ("raises_not_found", 404, "NOT_FOUND"),
        ("returns_not_found", 404, "NOT_FOUND"),
    ],
)
def test_a_decorator_that_raises_is_answered_like_one_that_returns(client, decorator, status, code):
    with decorated_by(decorator):
        response = post_json(client, {"query": "{ __typename }"})
        page = client.get(API, HTTP_ACCEPT="text/html")
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == code
    # A browser asking for GraphiQL gets Django's own page for the exception.
    assert page.status_code == status and page["Content-Type"].startswith("text/html")


def test_a_raised_refusal_is_logged_as_a_client_fault(client, caplog):
    caplog.set_level(logging.INFO)
    with decorated_by("raises_permission_denied"):
        assert post_json(client, {"query": "{ __typename }"}).status_code == 403
    assert_logged_as_a_client_fault(caplog)
