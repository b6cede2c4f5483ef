"""The Python client of docs/api.rst against a live server: JWT login, publish, list, refresh, revoke."""

import datetime
import importlib.util
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings

from carrot.models import MessageLog
from carrot.permissions import OPERATOR, ROLE_GROUPS, ensure_role_groups

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "carrot_client.py"
spec = importlib.util.spec_from_file_location("carrot_client", EXAMPLE)
carrot_client = importlib.util.module_from_spec(spec)
spec.loader.exec_module(carrot_client)

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("purge_queues"),
]
LOGIN_REQUIRED = override_settings(
    CARROT={**settings.CARROT, "monitor_authentication": ["django.contrib.auth.decorators.login_required"]}
)


@pytest.fixture
def client_of(live_server):
    user = get_user_model().objects.create_user("svc-reports", password="s3cret")
    ensure_role_groups()
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[OPERATOR]))  # the client publishes
    return carrot_client.CarrotClient(f"{live_server.url}/ops/monitor/", "svc-reports", "s3cret")


@LOGIN_REQUIRED
def test_the_documented_client_publishes_and_lists(client_of):
    task = client_of.publish("tests.tasks.echo", args="True, 1, 'test'", kwargs='{"to": "a@b.c"}')
    assert task["status"] == "PUBLISHED"
    assert MessageLog.objects.get(uuid=task["uuid"]).args == [True, 1, "test"]
    with pytest.raises(carrot_client.CarrotError, match=r"args: .*INVALID_ARGUMENTS"):
        client_of.publish("tests.tasks.echo", args="foo, bar")
    with pytest.raises(carrot_client.CarrotError, match="NOT_REGISTERED"):
        client_of.publish("os.system", args="'true'")
    assert client_of.failed_tasks()["edges"] == []


@LOGIN_REQUIRED
def test_an_expired_access_token_is_refreshed_and_a_revoked_refresh_token_is_dead(client_of):
    with override_settings(
        # Whole-second expiry: 2 s leaves the refreshed token at least 1 s for the retry on a busy machine.
        GRAPHQL_JWT={**settings.GRAPHQL_JWT, "JWT_EXPIRATION_DELTA": datetime.timedelta(seconds=2)}
    ):
        client_of.log_in()
        first_token = client_of.token
        time.sleep(3)
        assert client_of.failed_tasks()["edges"] == []  # refused as expired, refreshed, retried
        assert client_of.token != first_token
    refresh_token = client_of.refresh_token
    client_of.logout()
    client_of.refresh_token = refresh_token
    with pytest.raises(carrot_client.CarrotError, match="refresh refused"):
        client_of.refresh()


def test_wrong_password_is_refused(live_server):
    client = carrot_client.CarrotClient(f"{live_server.url}/carrot", "nobody", "wrong")
    with pytest.raises(carrot_client.CarrotError, match="login refused"):
        client.log_in()
