"""The monitor and GraphiQL under the strict Content-Security-Policy docs/security.rst recommends.

A second live server runs the project with the policy's middleware (tests/csp.py) added, as a
project following the docs would; Chromium enforces the header and reports every violation, both as a
``securitypolicyviolation`` event and on the console, and each test fails on any of them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.conf import settings
from django.test import override_settings
from playwright.sync_api import expect

from carrot.models import MessageLog, ScheduledTask
from carrot.utilities import publish_message
from tests import csp
from tests.browser.graphiql import run_in_graphiql
from tests.browser.test_behaviour import failed_logs
from tests.browser.test_monitor import confirm
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.effectiveDirective} refused ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture(scope="module")
def csp_server(django_db_setup: None) -> Iterator[str]:
    """A live server whose project adds the recommended policy's middleware; its URL."""
    from pytest_django.live_server_helper import LiveServer

    middleware = [*settings.MIDDLEWARE, "tests.csp.ContentSecurityPolicyMiddleware"]
    with override_settings(MIDDLEWARE=middleware):
        server = LiveServer("localhost")  # its handler loads the middleware as it starts
    yield server.url
    server.stop()


@pytest.fixture
def strict_page(page: Any, live_server: Any) -> Iterator[Any]:
    """A page that records every CSP violation, and fails the test if there was any.

    ``live_server`` is asked for so that pytest-django lets requests to localhost through.
    """
    console: list[str] = []
    page.on(
        "console",
        lambda message: console.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.add_init_script(LISTEN_FOR_VIOLATIONS)
    yield page
    reported = page.evaluate("window.__cspViolations || []")
    assert not reported and not console, f"CSP violations: {reported} {console}"


def assert_policy_header(response: Any) -> None:
    assert response.headers.get("content-security-policy") == csp.POLICY


def test_the_monitor_lists_opens_and_acts_on_tasks_under_the_strict_policy(
    csp_server: str, service: Any, strict_page: Any
) -> None:
    page = strict_page
    log = publish_message("tests.tasks.chatty")
    wait_for(lambda: MessageLog.objects.filter(status=MessageLog.COMPLETED).exists(), timeout=30)
    (failed,) = failed_logs(1)
    ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", queue="default")
    assert_policy_header(page.goto(f"{csp_server}/carrot/completed"))
    page.locator(f'[data-uuid="{log.uuid}"]').click()
    detail = page.get_by_test_id("task-detail")
    expect(detail).to_contain_text("tests.tasks.chatty")
    detail.get_by_role("button", name="Close detail").click()
    # An action with its confirmation dialog (a modal).
    page.get_by_role("tab", name=re.compile("Failed")).click()
    page.locator(f'[data-uuid="{failed.uuid}"]').click()
    detail.get_by_test_id("delete-one").click()
    confirm(page, "Delete 1 failed task?")
    expect(page.get_by_test_id("notice-success")).to_be_visible()
    assert not MessageLog.objects.filter(pk=failed.pk).exists()
    page.get_by_role("tab", name=re.compile("Scheduled")).click()
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("nightly")
    page.get_by_role("tab", name=re.compile("Dashboard")).click()  # uPlot draws its charts
    expect(page.get_by_test_id("chart-rates").locator("canvas")).to_have_count(1)
    page.get_by_role("tab", name=re.compile("Audit log")).click()
    page.get_by_test_id("audit-toggle").first.click()
    expect(page.get_by_test_id("audit-arguments")).to_contain_text(failed.uuid)
    page.get_by_role("button", name="Use dark colours").click()
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")


def test_graphiql_runs_a_query_under_the_strict_policy(
    csp_server: str, service: Any, strict_page: Any
) -> None:
    page = strict_page
    assert_policy_header(page.goto(f"{csp_server}/carrot/graphql"))
    result = run_in_graphiql(page, "{ taskCounts { completed failed } }")
    assert '"taskCounts"' in result
