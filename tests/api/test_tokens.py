"""Refresh-token rotation, reuse detection and ``carrot_revoke_tokens``, through the real endpoints."""

import datetime
import io
import json
import logging
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db import connections
from django.test import Client, override_settings
from django.utils import timezone
from graphql_jwt.refresh_token.models import RefreshToken
from graphql_jwt.settings import jwt_settings
from graphql_jwt.utils import jwt_encode

from carrot import tokens as carrot_tokens
from carrot.models import TokenRevocation
from tests.api.conftest import AUTH
from tests.api.test_auth import auth_call, post, tokens
from tests.conftest import subprocess_env

pytestmark = pytest.mark.django_db

REFRESH = "mutation($r: String!) { refreshToken(refreshToken: $r) { success errors token refreshToken } }"
VERIFY = "mutation($t: String!) { verifyToken(token: $t) { success errors payload } }"


@pytest.fixture
def user():
    return get_user_model().objects.create_user("ops", "ops@example.com", "correct horse")


@pytest.fixture
def other():
    return get_user_model().objects.create_user("reports", "reports@example.com", "battery staple")


def first_error(result):
    """django-graphql-auth's first error: ``{"nonFieldErrors": [{"message", "code"}]}``."""
    return result["errors"]["nonFieldErrors"][0]


def refresh(client, refresh_token):
    return auth_call(client, REFRESH, r=refresh_token)["refreshToken"]


def refused_refresh(client, refresh_token, says):
    result = refresh(client, refresh_token)
    assert result["success"] is False and result["token"] is None and result["refreshToken"] is None
    assert says in first_error(result)["message"], result
    return first_error(result)


def api_status(client, token):
    """The status of a query to the monitor's API with ``token``; 401 must say the token is revoked."""
    response = post(client, HTTP_AUTHORIZATION=f"JWT {token}")
    if response.status_code == 401:
        error = response.json()["errors"][0]
        assert error["extensions"]["code"] == "INVALID_TOKEN", error
        assert error["message"] == "Invalid token: token revoked", error
    return response.status_code


def test_refreshing_rotates_the_refresh_token(client, user):
    token, first = tokens(client)
    rotated = refresh(client, first)
    assert rotated["success"] is True and rotated["refreshToken"] not in (None, first)
    assert api_status(client, rotated["token"]) == 200
    assert RefreshToken.objects.get(token=first).revoked is not None
    again = refresh(client, rotated["refreshToken"])  # the new one works, once too
    assert again["success"] is True
    assert api_status(client, token) == 200  # rotation alone leaves access tokens alone


@override_settings(GRAPHQL_JWT={**settings.GRAPHQL_JWT, "JWT_REUSE_REFRESH_TOKENS": True})
def test_rotation_issues_a_new_refresh_token_even_when_told_to_reuse_them(client, user):
    _, first = tokens(client)
    second = refresh(client, first)["refreshToken"]
    assert refresh(client, second)["success"] is True
    refused_refresh(client, first, "already used")


def test_a_reused_refresh_token_revokes_every_token_of_its_user(client, user, other, caplog):
    _, stolen = tokens(client)
    client_side = refresh(client, stolen)  # the real client rotates; a thief replays the old token
    _, elsewhere = tokens(client)  # the same user on another machine
    other_token, other_refresh = tokens(client, "reports", "battery staple")

    error = refused_refresh(client, stolen, "already used")
    assert error["code"] == "revoked_token"
    assert ("carrot.tokens", logging.WARNING, "A used refresh token of ops was presented again") in (
        caplog.record_tuples
    )
    assert api_status(client, client_side["token"]) == 401
    refused_refresh(client, client_side["refreshToken"], "revoked")
    refused_refresh(client, elsewhere, "revoked")
    assert api_status(client, other_token) == 200  # other users keep theirs
    assert refresh(client, other_refresh)["success"] is True


def test_a_refresh_token_revoked_with_all_the_others_is_refused_without_more_revoking(client, user):
    _, old = tokens(client)
    call_command("carrot_revoke_tokens", "ops", stdout=io.StringIO())
    time.sleep(1.1)  # token times are whole seconds: a new login counts from the next one
    token, fresh = tokens(client)
    refused_refresh(client, old, "Refresh token revoked")
    assert api_status(client, token) == 200  # the new login survives a stale client
    assert refresh(client, fresh)["success"] is True


def test_of_two_simultaneous_exchanges_of_one_refresh_token_one_wins(client, user):
    _, refresh_token = tokens(client)
    assert carrot_tokens.rotate_refresh_token(refresh_token) != refresh_token
    with pytest.raises(carrot_tokens.RefreshTokenRefused, match="already used"):
        carrot_tokens.rotate_refresh_token(refresh_token)
    assert TokenRevocation.objects.filter(username="ops").exists()


def test_the_revoke_command_refuses_access_and_refresh_tokens_at_once(client, user, other):
    token, refresh_token = tokens(client)
    spare_token, _ = tokens(client)
    other_token, other_refresh = tokens(client, "reports", "battery staple")
    assert api_status(client, token) == 200

    out = io.StringIO()
    call_command("carrot_revoke_tokens", "ops", stdout=out)
    assert "Revoked the tokens of ops: 2 refresh token(s)" in out.getvalue()

    assert api_status(client, token) == 401 and api_status(client, spare_token) == 401
    refused_refresh(client, refresh_token, "revoked")
    verified = auth_call(client, VERIFY, t=token)["verifyToken"]
    assert verified["success"] is False and first_error(verified)["message"] == "Token revoked."
    me = post(client, AUTH, json.dumps({"query": "{ me { username } }"}), HTTP_AUTHORIZATION=f"JWT {token}")
    assert me.json()["data"]["me"] is None
    assert api_status(client, other_token) == 200
    assert refresh(client, other_refresh)["success"] is True

    time.sleep(1.1)
    new_token, _ = tokens(client)
    assert api_status(client, new_token) == 200
    assert auth_call(client, VERIFY, t=new_token)["verifyToken"]["success"] is True


def test_revoking_the_tokens_of_every_user(client, user, other):
    token, _ = tokens(client)
    other_token, other_refresh = tokens(client, "reports", "battery staple")
    call_command("carrot_revoke_tokens", "--all-users", stdout=io.StringIO())
    assert api_status(client, token) == 401 and api_status(client, other_token) == 401
    refused_refresh(client, other_refresh, "revoked")


def test_an_unknown_username_is_an_error_and_revokes_nothing(client, user):
    _, refresh_token = tokens(client)
    with pytest.raises(CommandError, match="No user with the username 'nobody': nothing was revoked"):
        call_command("carrot_revoke_tokens", "ops", "nobody")
    assert not TokenRevocation.objects.exists()
    assert RefreshToken.objects.get(token=refresh_token).revoked is None


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_non_zero_with_a_message_for_an_unknown_user():
    result = subprocess.run(
        [sys.executable, "-m", "django", "carrot_revoke_tokens", "nobody"],
        env=subprocess_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert "No user with the username 'nobody': nothing was revoked." in result.stderr


@pytest.mark.parametrize("args", [[], ["ops", "--all-users"]])
def test_the_command_needs_usernames_or_all_users(user, args):
    with pytest.raises(CommandError, match="or pass --all-users"):
        call_command("carrot_revoke_tokens", *args)


@pytest.mark.parametrize(
    "claims",
    [
        lambda issued: {"origIat": issued, "exp": issued + 3600},  # django-graphql-jwt's own
        lambda issued: {"iat": issued, "exp": issued + 3600},  # the standard claim
        lambda issued: {"exp": issued + jwt_settings.JWT_EXPIRATION_DELTA.total_seconds()},
    ],
    ids=["origIat", "iat", "exp"],
)
def test_the_issue_time_comes_from_origiat_iat_or_exp(client, user, claims):
    now = int(time.time())
    TokenRevocation.objects.create(username="ops", revoked_at=timezone.now() - datetime.timedelta(seconds=60))
    before = jwt_encode({"username": "ops", **claims(now - 120)})
    after = jwt_encode({"username": "ops", **claims(now)})
    assert api_status(client, before) == 401
    assert api_status(client, after) == 200


def test_a_token_that_does_not_say_when_it_was_issued_is_refused_once_its_user_is_revoked(client, user):
    undated = jwt_encode({"username": "ops"})
    assert api_status(client, undated) == 200
    call_command("carrot_revoke_tokens", "ops", stdout=io.StringIO())
    assert api_status(client, undated) == 401


def test_an_expired_refresh_token_is_refused(client, user):
    _, refresh_token = tokens(client)
    created = timezone.now() - jwt_settings.JWT_REFRESH_EXPIRATION_DELTA - datetime.timedelta(seconds=1)
    RefreshToken.objects.filter(token=refresh_token).update(created=created)
    refused_refresh(client, refresh_token, "Invalid token")


def test_an_expired_access_token_is_refused_by_verify_token(client, user):
    assert jwt_settings.JWT_VERIFY_EXPIRATION is True  # as the docs tell projects to configure it
    past = int(time.time()) - 30
    expired = jwt_encode({"username": "ops", "origIat": past - 300, "exp": past})
    verified = auth_call(client, VERIFY, t=expired)["verifyToken"]
    assert verified["success"] is False and first_error(verified)["code"] == "expired_token"
    response = post(client, HTTP_AUTHORIZATION=f"JWT {expired}")
    assert response.status_code == 401 and "expired" in response.json()["errors"][0]["message"]


def test_a_token_of_a_deleted_user_is_refused(client, user):
    token, _ = tokens(client)
    user.delete()
    response = post(client, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Invalid token: no such user"


def test_a_token_from_the_second_of_the_revocation_is_refused(client, user):
    """Token times are whole seconds: one stamped with the revocation's second may predate it."""
    second = int(time.time()) - 60
    revoked_at = datetime.datetime.fromtimestamp(second + 0.5, tz=datetime.UTC)
    TokenRevocation.objects.create(username="ops", revoked_at=revoked_at)
    assert api_status(client, jwt_encode({"username": "ops", "origIat": second, "exp": second + 300})) == 401
    assert (
        api_status(client, jwt_encode({"username": "ops", "origIat": second + 1, "exp": second + 300})) == 200
    )


def test_a_refresh_token_sent_as_a_cookie_rotates_too(client, user):
    _, refresh_token = tokens(client)
    client.cookies[jwt_settings.JWT_REFRESH_TOKEN_COOKIE_NAME] = refresh_token
    query = "mutation { refreshToken { success errors refreshToken } }"
    assert auth_call(client, query)["refreshToken"]["success"] is True
    again = auth_call(client, query)["refreshToken"]
    assert again["success"] is False and "already used" in first_error(again)["message"]


def test_a_token_of_a_deactivated_user_is_refused(client, user):
    token, _ = tokens(client)
    user.is_active = False
    user.save()
    response = post(client, HTTP_AUTHORIZATION=f"JWT {token}")
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"] == "Invalid token: User is disabled"


def test_revoke_token_ends_one_refresh_token_which_must_not_come_back(client, user):
    token, refresh_token = tokens(client)
    _, other_session = tokens(client)
    revoked = auth_call(
        client, "mutation($r: String!) { revokeToken(refreshToken: $r) { success } }", r=refresh_token
    )
    assert revoked["revokeToken"]["success"] is True
    assert api_status(client, token) == 200
    assert refresh(client, other_session)["success"] is True
    refused_refresh(client, refresh_token, "already used or revoked")  # a logged-out token reappears
    assert api_status(client, token) == 401


@pytest.mark.django_db(transaction=True)
def test_simultaneous_refreshes_with_one_token_leave_one_winner_and_then_nothing(user):
    """Eight clients at once, each with its own database connection, as eight server threads."""
    _, refresh_token = tokens(Client())
    start = threading.Barrier(8)

    def exchange(_):
        start.wait()
        try:
            return refresh(Client(), refresh_token)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(exchange, range(8)))
    winners = [result for result in results if result["success"]]
    assert len(winners) == 1, results
    client = Client()
    assert api_status(client, winners[0]["token"]) == 401  # the losers' reuse revoked the winner's too
    refused_refresh(client, winners[0]["refreshToken"], "revoked")


KEEP_ALIVE = """
import json, os
import tests.settings as settings
settings.GRAPHQL_JWT = {**settings.GRAPHQL_JWT, "JWT_LONG_RUNNING_REFRESH_TOKEN": False}
import django
django.setup()
from django.test import Client
from django.test.utils import setup_test_environment
from django.utils import timezone
from carrot.models import TokenRevocation
from tests.api.test_auth import auth_call, post

setup_test_environment()
client = Client()
login_query = "mutation($u: String!, $p: String!) { tokenAuth(username: $u, password: $p) { token } }"
login = auth_call(client, login_query, u="ops", p="correct horse")
query = "mutation($t: String!) { refreshToken(token: $t) { success token } }"
refreshed = auth_call(client, query, t=login["tokenAuth"]["token"])["refreshToken"]
before = post(client, HTTP_AUTHORIZATION="JWT " + refreshed["token"]).status_code
TokenRevocation.objects.create(username="ops", revoked_at=timezone.now())
again = auth_call(client, query, t=refreshed["token"])["refreshToken"]
after = post(client, HTTP_AUTHORIZATION="JWT " + again["token"])
print(json.dumps({"success": refreshed["success"], "before": before, "after": after.json()}))
"""


@pytest.mark.django_db(transaction=True)
def test_without_refresh_tokens_a_refreshed_access_token_keeps_the_revocation(user):
    """With JWT_LONG_RUNNING_REFRESH_TOKEN off, refreshToken takes an access token (keep-alive)."""
    result = subprocess.run(
        [sys.executable, "-c", KEEP_ALIVE], env=subprocess_env(), capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["success"] is True and seen["before"] == 200
    assert seen["after"]["errors"][0]["message"] == "Invalid token: token revoked"
