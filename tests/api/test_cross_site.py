"""No cross-site writes: a mutation needs a CSRF token, a same-origin Origin or a JWT.

On a public monitor (no login: a page on another site could still drive it through a visitor's
browser) and on one protected by ``login_required`` with a logged-in session, each forged request is
refused with 403 CSRF_FAILED and changes nothing; the monitor's own pages (which send the token and
their Origin), GraphQL clients with a token, and queries keep working.
"""

import json
import logging
from urllib.parse import quote

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client, override_settings

from carrot.models import ScheduledTask
from tests.api.conftest import API, AUTH

pytestmark = pytest.mark.django_db

SAME_ORIGIN = "http://testserver"
EVIL = "http://evil.example"
CREATE = (
    'mutation { createScheduledTask(input: {task: "tests.tasks.noop", taskName: "forged",'
    " intervalType: SECONDS, intervalCount: 1}) { scheduledTask { id } errors { message } } }"
)
COUNTS = "{ taskCounts { failed } }"
PASSWORD = "correct horse"


@pytest.fixture(params=["public", "protected"])
def browser(request) -> Client:
    """A client with Django's CSRF checks on, as a browser; on the protected monitor, logged in.

    The user ``ops`` (a superuser) exists either way, for the token test.
    """
    client = Client(enforce_csrf_checks=True)
    get_user_model().objects.create_superuser("ops", "ops@example.com", PASSWORD)
    if request.param == "public":
        yield client
        return
    protected = {
        **settings.CARROT,
        "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
    }
    with override_settings(CARROT=protected):
        client.login(username="ops", password=PASSWORD)
        yield client


def post_json(client, query=CREATE, **headers):
    return client.post(API, json.dumps({"query": query}), content_type="application/json", **headers)


def csrf_token(client) -> str:
    assert client.get("/carrot/").status_code == 200  # the monitor's page sets the cookie
    return client.cookies["csrftoken"].value


FORGED = {
    "cross-site form POST": lambda c: c.post(
        API, f"query={quote(CREATE)}", content_type="application/x-www-form-urlencoded", HTTP_ORIGIN=EVIL
    ),
    "text/plain form POST with the query in its URL": lambda c: c.post(
        f"{API}?query={quote(CREATE)}", "x=y", content_type="text/plain", HTTP_ORIGIN=EVIL
    ),
    "JSON with a foreign Origin": lambda c: post_json(c, HTTP_ORIGIN=EVIL),
    "JSON with a foreign Origin and the victim's CSRF token": lambda c: post_json(
        c, HTTP_ORIGIN=EVIL, HTTP_X_CSRFTOKEN=csrf_token(c)
    ),
    "JSON without Origin or CSRF token": lambda c: post_json(c),
    "JSON with Origin null": lambda c: post_json(c, HTTP_ORIGIN="null"),
    "a wrong CSRF token": lambda c: wrong_token(c),
}


def wrong_token(client):
    csrf_token(client)  # the cookie is set; the header does not match it
    return post_json(client, HTTP_X_CSRFTOKEN="x" * 32)


@pytest.mark.parametrize("forge", FORGED)
def test_a_forged_mutation_is_refused_and_changes_nothing(browser, forge, caplog):
    response = FORGED[forge](browser)
    assert response.status_code == 403, response.content
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "CSRF_FAILED"
    for remedy in ("X-CSRFToken", "Origin", "JWT"):
        assert remedy in error["message"]
    assert not ScheduledTask.objects.exists()
    # One line, Django's CSRF warning with its reason: no second status line, no error, no traceback.
    [warning] = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert warning.levelno == logging.WARNING and not warning.exc_info
    assert warning.name == "django.security.csrf" and warning.getMessage().startswith("Forbidden (")


def created(response) -> bool:
    assert response.status_code == 200, response.content
    assert response.json()["data"]["createScheduledTask"]["errors"] == []
    return ScheduledTask.objects.filter(task_name="forged").exists()


def test_a_same_origin_mutation_runs(browser):
    assert created(post_json(browser, HTTP_ORIGIN=SAME_ORIGIN))


@override_settings(CSRF_TRUSTED_ORIGINS=["https://monitor.example"])
def test_a_mutation_from_a_trusted_origin_runs(browser):
    assert created(post_json(browser, HTTP_ORIGIN="https://monitor.example"))


def test_a_mutation_with_a_valid_csrf_token_runs(browser):
    assert created(post_json(browser, HTTP_X_CSRFTOKEN=csrf_token(browser)))


def test_a_mutation_with_a_jwt_runs_from_anywhere(browser):
    token_auth = f'mutation {{ tokenAuth(username: "ops", password: "{PASSWORD}") {{ token }} }}'
    token = Client().post(AUTH, json.dumps({"query": token_auth}), content_type="application/json")
    jwt = token.json()["data"]["tokenAuth"]["token"]
    browser.cookies.clear()
    assert created(post_json(browser, HTTP_AUTHORIZATION=f"JWT {jwt}", HTTP_ORIGIN=EVIL))


def test_a_cross_site_query_of_a_public_monitor_is_answered_as_before():
    """Queries are not writes (and a page on another site cannot read the answer)."""
    response = post_json(Client(enforce_csrf_checks=True), COUNTS, HTTP_ORIGIN=EVIL)
    assert response.status_code == 200 and response.json() == {"data": {"taskCounts": {"failed": 0}}}
