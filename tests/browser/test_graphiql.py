"""GraphiQL is served from carrot's own static files: it works with no internet, under any prefix, and
its mutations carry Django's CSRF token like the monitor's."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import modify_settings
from playwright.sync_api import expect

from carrot.models import ScheduledTask
from tests.browser.conftest import PREFIXES, screenshot
from tests.browser.graphiql import run_in_graphiql

pytestmark = pytest.mark.browser


def offline(page: Any, live_server: Any) -> list[str]:
    """Refuse every request that leaves the live server (as on a machine without internet); the list
    of refused URLs."""
    server = urlsplit(live_server.url).netloc
    refused: list[str] = []

    def route(route: Any) -> None:
        if urlsplit(route.request.url).netloc == server or route.request.url.startswith("data:"):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", route)
    return refused


@pytest.mark.parametrize("prefix", PREFIXES)
def test_graphiql_works_offline_from_carrots_static_files(
    live_server: Any, service: Any, page: Any, prefix: str
) -> None:
    refused = offline(page, live_server)
    loaded: list[str] = []
    page.on("request", lambda request: loaded.append(request.url))
    page.goto(f"{live_server.url}{prefix}graphql")
    result = run_in_graphiql(page, "{ taskCounts { queued failed } }")
    assert '"taskCounts"' in result and '"failed": 0' in result
    assert not refused, f"GraphiQL asked for resources outside the server: {refused}"
    scripts = [url for url in loaded if url.endswith(".js")]
    assert scripts and all("/static/carrot/" in url for url in scripts), scripts
    screenshot(page, "graphiql")


def test_a_mutation_from_graphiql_passes_the_csrf_check(live_server: Any, service: Any, page: Any) -> None:
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", queue="default")
    posts: list[Any] = []
    page.on("request", lambda request: posts.append(request) if request.method == "POST" else None)
    page.goto(f"{live_server.url}/carrot/graphql")
    token = page.locator('meta[name="carrot-csrf-token"]').get_attribute("content")
    result = run_in_graphiql(
        page,
        f'mutation {{ setScheduledTaskActive(id: "{scheduled.pk}", active: false) '
        "{ errors { message } scheduledTask { active } } }",
    )
    assert '"active": false' in result, result
    scheduled.refresh_from_db()
    assert scheduled.active is False
    (mutation,) = [post for post in posts if "setScheduledTaskActive" in (post.post_data or "")]
    assert token and mutation.headers.get("x-csrftoken") == token


def test_the_api_link_of_the_monitor_opens_graphiql(live_server: Any, service: Any, page: Any) -> None:
    page.goto(f"{live_server.url}/ops/monitor/queued")
    page.get_by_role("link", name="API").click()
    expect(page).to_have_url(f"{live_server.url}/ops/monitor/graphql")
    expect(page.locator(".graphiql-container")).to_be_visible()


@pytest.mark.django_db
def test_the_page_passes_graphene_djangos_graphiql_settings(client: Any, settings: Any) -> None:
    settings.GRAPHENE = {
        **getattr(settings, "GRAPHENE", {}),
        "GRAPHIQL_HEADER_EDITOR_ENABLED": False,
        "GRAPHIQL_SHOULD_PERSIST_HEADERS": True,
    }
    page = client.get("/ops/monitor/graphql", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert page.context["graphiql_config"] == {
        "url": "/ops/monitor/graphql",
        "headerEditor": False,
        "persistHeaders": True,
        "inputValueDeprecation": False,
    }
    assert b'<script id="carrot-graphiql-config" type="application/json">' in page.content


@pytest.mark.django_db
def test_graphiql_needs_no_graphene_django_app(client: Any) -> None:
    with modify_settings(INSTALLED_APPS={"remove": ["graphene_django"]}):
        page = client.get("/carrot/graphql", HTTP_ACCEPT="text/html")
    assert page.status_code == 200
    assert "carrot/graphiql.html" in [template.name for template in page.templates]
