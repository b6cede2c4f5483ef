"""``<prefix>/metrics``: who may read it, what it says, and the Grafana dashboard's queries against it."""

import json
import re
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client, override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from carrot.metrics import rollups
from carrot.models import TaskTotal, Worker
from carrot.utilities import publish_message
from tests import tasks
from tests.conftest import wait_for

pytestmark = pytest.mark.django_db

URL = "/carrot/metrics"
TOKEN = "s3cret-metrics-token-for-tests"
DASHBOARD = Path(__file__).parents[2] / "docs" / "grafana" / "carrot-dashboard.json"
LOGIN_REQUIRED_WITH_TOKEN = override_settings(
    CARROT={
        **settings.CARROT,
        "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
        "metrics_token": TOKEN,
    }
)


def make_worker(host: str, stopped: bool = False, quiet: bool = False) -> Worker:
    """A service's row that beat just now (and stopped now, if ``stopped``; told to be ``quiet``)."""
    now = timezone.now()
    return Worker.objects.create(
        ident=str(uuid.uuid4()),
        host=host,
        pid=1,
        version="test",
        started=now,
        heartbeat=now,
        heartbeat_seconds=1.0,
        stopped=now if stopped else None,
        quiet=quiet,
    )


def samples(body: bytes) -> dict[tuple[str, frozenset], float]:
    """Every sample of a scrape: (name, labels) to value."""
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(body.decode())
        for sample in family.samples
    }


def scrape(client: Client, **headers) -> dict[tuple[str, frozenset], float]:
    response = client.get(URL, **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return samples(response.content)


def task(queue: str, name: str, **labels: str) -> frozenset:
    return frozenset({"queue": queue, "task": name, **labels}.items())


def record(queue: str, name: str, *events: tuple[str, float | None]) -> None:
    """Count ``events`` (event, run seconds) in a buffer of their own and write them."""
    buffer = rollups.Buffer()
    for event, seconds in events:
        buffer.count(queue, name, event, seconds)
    buffer.flush()


def test_counters_give_each_event_per_queue_and_task(client):
    record("default", "tests.tasks.add", ("published", None), ("published", None), ("started", None))
    record("default", "tests.tasks.add", ("completed", 0.2), ("retried", 0.1), ("failed", 0.3))
    record("other", "tests.tasks.add", ("cancelled", None))
    found = scrape(client)
    add = task("default", "tests.tasks.add")
    assert {event: found[(f"carrot_tasks_{event}_total", add)] for event in rollups.EVENTS} == {
        "published": 2,
        "started": 1,
        "completed": 1,
        "failed": 1,
        "retried": 1,
        "cancelled": 0,
    }
    assert found[("carrot_tasks_cancelled_total", task("other", "tests.tasks.add"))] == 1


def test_run_time_histogram_buckets_are_cumulative_with_sum_and_count(client):
    runs = [0.004, 0.3, 0.3, 7.0, 400.0]
    record("default", "tests.tasks.sleep", *[("completed", seconds) for seconds in runs])
    found = scrape(client)
    bucket = {
        le: found[("carrot_task_duration_seconds_bucket", task("default", "tests.tasks.sleep", le=le))]
        for le in ("0.01", "0.25", "0.5", "5", "10", "300", "+Inf")
    }
    assert bucket == {"0.01": 1, "0.25": 1, "0.5": 3, "5": 3, "10": 4, "300": 4, "+Inf": 5}
    assert found[("carrot_task_duration_seconds_count", task("default", "tests.tasks.sleep"))] == 5
    assert found[("carrot_task_duration_seconds_sum", task("default", "tests.tasks.sleep"))] == pytest.approx(
        sum(runs)
    )


@pytest.mark.django_db(transaction=True)
def test_queue_depth_consumers_and_workers_by_state(client, purge_queues):
    make_worker(host="a")
    make_worker(host="b", stopped=True)
    make_worker(host="c", quiet=True)
    publish_message(tasks.add, 1, 2, queue="other")
    other = frozenset({"queue": "other"}.items())
    found = wait_for(
        lambda: (found := scrape(client))[("carrot_queue_messages", other)] == 1 and found,
        what="the published message to be counted",
    )
    assert found[("carrot_queue_up", other)] == 1
    assert found[("carrot_queue_up", frozenset({"queue": "idle"}.items()))] == 1, "a queue no one consumes"
    assert found[("carrot_queue_consumers", frozenset({"queue": "other"}.items()))] == 0
    states = {
        state: found[("carrot_workers", frozenset({"state": state}.items()))]
        for state in ("alive", "quiet", "lost", "stopped")
    }
    assert states == {"alive": 1, "quiet": 1, "lost": 0, "stopped": 1}
    assert Worker.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_task_is_counted_published_once_however_often_it_is_requeued(client, purge_queues):
    rollups.buffer().take()  # what earlier tests published from this process
    log = publish_message(tasks.echo, "once", queue="other")
    log.requeue()
    rollups.buffer().flush()
    assert scrape(client)[("carrot_tasks_published_total", task("other", "tests.tasks.echo"))] == 1


@LOGIN_REQUIRED_WITH_TOKEN
def test_anonymous_is_refused_behind_the_monitors_authentication(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert b"carrot_" not in response.content


@override_settings(CARROT={**settings.CARROT, "anonymous_role": None})
def test_anonymous_without_a_role_is_refused_on_a_public_monitor(client):
    response = client.get(URL)
    assert response.status_code == 401
    assert b"carrot_" not in response.content


@LOGIN_REQUIRED_WITH_TOKEN
def test_the_metrics_token_is_accepted_as_a_bearer_token(client):
    record("default", "tests.tasks.add", ("completed", 0.1))
    found = scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    assert found[("carrot_tasks_completed_total", task("default", "tests.tasks.add"))] == 1


@LOGIN_REQUIRED_WITH_TOKEN
@pytest.mark.parametrize("header", [f"Bearer {TOKEN}x", f"Bearer {TOKEN[:-1]}", "Bearer ", "Basic abc"])
def test_a_wrong_token_is_refused(client, header):
    response = client.get(URL, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert b"carrot_" not in response.content


@LOGIN_REQUIRED_WITH_TOKEN
def test_a_signed_in_user_needs_the_permission_to_see_tasks(client):
    user = get_user_model().objects.create_user("ops", "ops@example.com", "pw")
    client.force_login(user)
    assert client.get(URL).status_code == 403
    user.user_permissions.add(
        Permission.objects.get(content_type__app_label="carrot", codename="view_messagelog")
    )
    assert client.get(URL).status_code == 200


@override_settings(CARROT={**settings.CARROT, "metrics_token": TOKEN})
def test_only_reading_is_allowed(client):
    assert client.post(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 405
    assert client.head(URL, HTTP_AUTHORIZATION=f"Bearer {TOKEN}").status_code == 200


def test_a_scraper_asking_for_openmetrics_gets_it(client):
    record("default", "tests.tasks.add", ("completed", 0.1))
    response = client.get(URL, HTTP_ACCEPT="application/openmetrics-text; version=1.0.0")
    assert response["Content-Type"].startswith("application/openmetrics-text")
    assert response.content.endswith(b"# EOF\n")
    assert b'carrot_tasks_completed_total{queue="default",task="tests.tasks.add"} 1.0' in response.content


def metric_names(expressions: list[str]) -> set[str]:
    assert expressions, "no queries"
    return {name for expression in expressions for name in re.findall(r"\bcarrot_[a-z_]+\b", expression)}


def dashboard_metrics() -> set[str]:
    """The metric names the dashboard's queries use."""
    dashboard = json.loads(DASHBOARD.read_text())
    variables = [
        variable["query"] for variable in dashboard["templating"]["list"] if variable["type"] == "query"
    ]
    targets = [target["expr"] for panel in dashboard["panels"] for target in panel.get("targets", [])]
    return metric_names(variables + targets)


def alert_metrics() -> set[str]:
    """The metric names of the alerting rules in docs/metrics.rst."""
    text = (DASHBOARD.parents[1] / "metrics.rst").read_text()
    return metric_names(re.findall(r"expr: (.*)", text))


def test_every_metric_the_grafana_dashboard_queries_is_in_the_endpoints_output(client):
    record("default", "tests.tasks.add", *[(event, 0.1) for event in rollups.EVENTS])
    make_worker(host="a")
    exposed = {name for name, _ in scrape(client)}
    used = dashboard_metrics()
    assert used - exposed == set()
    assert alert_metrics() - exposed == set()
    assert {
        "carrot_tasks_completed_total",
        "carrot_task_duration_seconds_bucket",
        "carrot_queue_messages",
    } <= used
    assert TaskTotal.objects.count() == 1
