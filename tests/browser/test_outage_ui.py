"""The monitor through an outage, in headless Chromium: the API cut off by a TCP proxy between the
browser and the live server (as when the server is down), and a session that ends. What is on screen
stays, one banner says what is wrong, and the page recovers by itself when the API answers again."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils.crypto import get_random_string
from playwright.sync_api import expect

from carrot.permissions import ROLE_GROUPS, VIEWER, ensure_role_groups
from tests.browser.conftest import screenshot
from tests.browser.test_behaviour import failed_logs
from tests.faults.proxy import Proxy

pytestmark = pytest.mark.browser

REFRESH_MS = 5_000
"""The monitor's refresh interval: the page's clock is moved on by it instead of waiting."""


@pytest.fixture
def proxy(live_server: Any, transactional_db: None) -> Iterator[Proxy]:
    """A TCP proxy in front of the live server; the browser talks to the monitor through it."""
    port = int(live_server.url.rsplit(":", 1)[1])
    with Proxy(port, name="monitor", lifetime=120) as running:
        yield running


def open_failed_task(page: Any, monitor: str) -> tuple[Any, Any]:
    """Open the failed list (three tasks) with the first task's detail; the rows and the detail."""
    logs = failed_logs(3)
    page.clock.install()
    page.goto(f"{monitor}failed?selected={logs[0].uuid}")
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(3)
    detail = page.get_by_test_id("task-detail")
    expect(detail.get_by_test_id("task-exception")).to_have_text("ValueError: number 0")
    # A mark on the page's window: a reload would lose it.
    page.evaluate("window.carrotTestMark = 'not reloaded'")
    return rows, detail


def expect_screen_kept(page: Any, rows: Any, detail: Any, title: str) -> None:
    """After a refresh, the rows, the count and the open task are still shown, under one banner: ``title``."""
    page.clock.fast_forward(REFRESH_MS)
    banner = page.get_by_test_id("api-error")
    expect(banner).to_contain_text(title)
    expect(banner).to_have_count(1)
    expect(rows).to_have_count(3)
    expect(page.get_by_test_id("count-failed")).to_have_text("3")
    expect(detail.get_by_test_id("task-title")).to_have_text("tests.tasks.fail")
    expect(detail.get_by_test_id("task-exception")).to_have_text("ValueError: number 0")


def expect_recovered(page: Any, rows: Any) -> None:
    """On the next refresh the banner goes and a task that failed meanwhile shows up, without a reload."""
    page.clock.fast_forward(REFRESH_MS)
    expect(page.get_by_test_id("api-error")).to_have_count(0)
    expect(rows).to_have_count(4)
    assert page.evaluate("window.carrotTestMark") == "not reloaded"


def session_of(user: Any, url: str) -> list[dict[str, str]]:
    """The cookie of a new signed-in session of ``user``."""
    client = Client()
    client.force_login(user)
    return [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": url}]


def test_an_outage_keeps_the_list_and_the_task_and_recovers(proxy: Proxy, page: Any) -> None:
    monitor = f"http://localhost:{proxy.port}/carrot/"
    rows, detail = open_failed_task(page, monitor)

    proxy.refuse(600)
    proxy.cut()
    expect_screen_kept(page, rows, detail, "API unreachable")
    assert proxy.refused > 0, "the browser did not reach the proxy while it refused"

    failed_logs(1)
    proxy.refuse(0)
    expect_recovered(page, rows)


def test_an_ended_session_keeps_the_screen_offers_to_log_in_and_recovers(
    login_required: None, live_server: Any, transactional_db: None, page: Any
) -> None:
    user = get_user_model().objects.create_user("ops", password="secret-enough")
    ensure_role_groups()
    user.groups.add(Group.objects.get(name=ROLE_GROUPS[VIEWER]))
    page.context.add_cookies(session_of(user, live_server.url))
    rows, detail = open_failed_task(page, f"{live_server.url}/carrot/")

    # The session ends (logged out elsewhere, expired): the API answers 401.
    page.context.clear_cookies()
    expect_screen_kept(page, rows, detail, "Not authorised")
    link = page.get_by_test_id("api-error").get_by_role("link", name="Log in")
    expect(link).to_have_attribute("href", re.compile(r"^/accounts/login/\?next=%2Fcarrot%2Ffailed"))
    screenshot(page, "not-authorised")

    # Signed in again in another tab: a new session, and Django renewed the CSRF token at the login.
    failed_logs(1)
    csrf = {"name": "csrftoken", "value": get_random_string(32), "url": live_server.url}
    page.context.add_cookies([*session_of(user, live_server.url), csrf])
    expect_recovered(page, rows)
