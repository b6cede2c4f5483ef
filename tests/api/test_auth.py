"""monitor_authentication, sessions with CSRF, and JWT from django-graphql-auth, over HTTP."""

import datetime
import json

import jwt
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, modify_settings, override_settings
from django.utils import timezone
from graphql_jwt.settings import jwt_settings
from graphql_jwt.utils import jwt_encode, jwt_payload

from tests.api.conftest import API, AUTH

pytestmark = pytest.mark.django_db

QUERY = json.dumps({"query": "{ registeredTasks { path } }"})
LOGIN_REQUIRED = override_settings(
    CARROT={**settings.CARROT, "monitor_authentication": ["django.contrib.auth.decorators.login_required"]}
)
STAFF_ONLY = override_settings(
    CARROT={
        **settings.CARROT,
        "monitor_authentication": [
            "django.contrib.auth.decorators.login_required",
            "tests.api.decorators.staff_only",
        ],
    }
)
TOKEN_AUTH = """mutation($username: String!, $password: String!) {
  tokenAuth(username: $username, password: $password) { success errors token refreshToken }
}"""


@pytest.fixture
def user():
    """A signed-in user may see tasks (``registeredTasks``) when given the permission, as here."""
    user = get_user_model().objects.create_user("ops", "ops@example.com", "correct horse")
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="carrot", codename="view_messagelog")
    )
    return user


@pytest.fixture
def strict() -> Client:
    """A client that gets Django's CSRF checks as a browser would."""
    return Client(enforce_csrf_checks=True)


def post(client, url=API, body=QUERY, **headers):
    return client.post(url, body, content_type="application/json", **headers)


def auth_call(client, query, **variables):
    response = post(client, AUTH, json.dumps({"query": query, "variables": variables}))
    assert response.status_code == 200, response.content
    return response.json()["data"]


def tokens(client, username="ops", password="correct horse"):
    result = auth_call(client, TOKEN_AUTH, username=username, password=password)["tokenAuth"]
    assert result["success"] is True, result
    return result["token"], result["refreshToken"]


def test_public_by_default(client):
    response = post(client)
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_public_monitor_checks_csrf_only_for_logged_in_sessions(strict, user):
    assert post(strict).status_code == 200  # anonymous: no credentials a forged request could borrow
    strict.force_login(user)
    assert post(strict).status_code == 403
    strict.get("/carrot/")
    assert post(strict, HTTP_X_CSRFTOKEN=strict.cookies["csrftoken"].value).status_code == 200


@LOGIN_REQUIRED
def test_anonymous_api_request_gets_a_json_401_not_a_redirect(strict):
    response = post(strict)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"
    assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


@LOGIN_REQUIRED
def test_anonymous_browser_is_sent_to_the_login_page_for_graphiql_and_the_monitor(client):
    for path in ("/carrot/graphql", "/carrot/", "/carrot/failed"):
        response = client.get(path, HTTP_ACCEPT="text/html")
        assert response.status_code == 302
        assert response["Location"].startswith(settings.LOGIN_URL)


@LOGIN_REQUIRED
def test_a_logged_in_session_works_with_csrf_protection(strict, user):
    strict.force_login(user)
    refused = post(strict)
    assert refused.status_code == 403
    assert refused.json()["errors"][0]["extensions"]["code"] == "CSRF_FAILED"
    assert strict.get("/carrot/").status_code == 200  # the monitor page sets the CSRF cookie
    accepted = post(strict, HTTP_X_CSRFTOKEN=strict.cookies["csrftoken"].value)
    assert accepted.status_code == 200 and "errors" not in accepted.json()


@STAFF_ONLY
def test_a_decorator_that_answers_403_gives_a_json_403(client, user):
    client.force_login(user)
    response = post(client)
    assert response.status_code == 403
    assert response.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    user.is_staff = True
    user.save()
    assert post(client).status_code == 200


@LOGIN_REQUIRED
@pytest.mark.parametrize("prefix", ["JWT", "Bearer"])
def test_a_jwt_works_without_cookies_or_csrf(strict, user, prefix):
    token, _ = tokens(strict)  # the token endpoint needs no session and no CSRF token
    strict.cookies.clear()
    response = post(strict, HTTP_AUTHORIZATION=f"{prefix} {token}")
    assert response.status_code == 200, response.content
    assert "errors" not in response.json()


@STAFF_ONLY
def test_a_jwt_user_still_passes_through_the_decorators(strict, user):
    token, _ = tokens(strict)
    assert post(strict, HTTP_AUTHORIZATION=f"JWT {token}").status_code == 403


def test_wrong_credentials_get_no_token(client, user):
    result = auth_call(client, TOKEN_AUTH, username="ops", password="wrong")["tokenAuth"]
    assert result["success"] is False and result["token"] is None


@LOGIN_REQUIRED
def test_an_expired_or_forged_token_is_refused(client, user):
    def refused(token, says):
        response = post(client, HTTP_AUTHORIZATION=f"JWT {token}")
        assert response.status_code == 401, response.content
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "INVALID_TOKEN" and says in error["message"].lower()

    payload = jwt_payload(user)
    genuine = jwt_encode(payload)
    assert post(client, HTTP_AUTHORIZATION=f"JWT {genuine}").status_code == 200
    # Well formed, unexpired, the same claims, signed with a key that is not the server's.
    forged = jwt.encode(payload, "not-the-server-secret", algorithm=jwt_settings.JWT_ALGORITHM)
    assert forged.split(".")[:2] == genuine.split(".")[:2]  # only the signature differs
    refused(forged, "signature")
    expired = jwt_encode({**payload, "exp": timezone.now() - datetime.timedelta(seconds=30)})
    refused(expired, "expired")
    refused("not.a.token", "invalid token")


def test_an_invalid_token_is_refused_even_when_the_monitor_is_public(client):
    assert post(client, HTTP_AUTHORIZATION="Bearer garbage").status_code == 401


def test_verify_refresh_and_revoke(client, user):
    token, refresh = tokens(client)
    verified = auth_call(
        client, "mutation($t: String!) { verifyToken(token: $t) { success payload } }", t=token
    )
    assert verified["verifyToken"]["success"] is True
    assert verified["verifyToken"]["payload"]["username"] == "ops"
    refresh_query = (
        "mutation($r: String!) { refreshToken(refreshToken: $r) { success token refreshToken errors } }"
    )
    refreshed = auth_call(client, refresh_query, r=refresh)["refreshToken"]
    assert refreshed["success"] is True and refreshed["token"]
    new_refresh = refreshed["refreshToken"]
    revoked = auth_call(
        client, "mutation($r: String!) { revokeToken(refreshToken: $r) { success } }", r=new_refresh
    )
    assert revoked["revokeToken"]["success"] is True
    after = auth_call(client, refresh_query, r=new_refresh)["refreshToken"]
    assert after["success"] is False and after["token"] is None


def test_me_on_the_token_endpoint(client, user):
    token, _ = tokens(client)
    response = post(
        client, AUTH, json.dumps({"query": "{ me { username isStaff } }"}), HTTP_AUTHORIZATION=f"JWT {token}"
    )
    assert response.json()["data"]["me"] == {"username": "ops", "isStaff": False}
    anonymous = post(client, AUTH, json.dumps({"query": "{ me { username } }"}))
    assert anonymous.json()["data"]["me"] is None


@modify_settings(INSTALLED_APPS={"remove": ["graphql_auth", "graphql_jwt.refresh_token"]})
def test_without_the_jwt_apps_the_token_endpoint_says_so_and_the_rest_works(client):
    response = post(
        client, AUTH, json.dumps({"query": TOKEN_AUTH, "variables": {"username": "a", "password": "b"}})
    )
    assert response.status_code == 400
    error = response.json()["errors"][0]
    assert error["extensions"]["code"] == "JWT_NOT_ENABLED"
    assert "JWT authentication is not enabled" in error["message"] and "graphql_auth" in error["message"]
    assert post(client).status_code == 200
    with_token = post(client, HTTP_AUTHORIZATION="JWT whatever")
    assert with_token.status_code == 401
    assert with_token.json()["errors"][0]["extensions"]["code"] == "JWT_NOT_ENABLED"
