"""How the monitor behaves around the actions: refreshing without losing place, paging, keyboard,
narrow screens and dark mode, and a refused input shown next to its field (outages: test_outage_ui.py)."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import MessageLog, ScheduledTask
from carrot.utilities import publish_message
from tests.browser.conftest import screenshot
from tests.browser.test_monitor import choose, published

pytestmark = pytest.mark.browser


def failed_logs(count: int) -> list[MessageLog]:
    """Failed task logs written directly (fast), with distinct exceptions."""
    now = timezone.now()
    return MessageLog.objects.bulk_create(
        MessageLog(
            uuid=str(uuid.uuid4()),
            task="tests.tasks.fail",
            status=MessageLog.FAILED,
            queue="default",
            routing_key="default",
            virtual_host="carrot-test",
            publish_time=now,
            start_time=now,
            failure_time=now,
            exception=f"ValueError: number {n}",
            traceback="Traceback (most recent call last):\nValueError",
        )
        for n in range(count)
    )


def list_scroll_top(page: Any) -> float:
    viewport = page.get_by_test_id("task-list-scroll").locator(".mantine-ScrollArea-viewport").first
    return float(viewport.evaluate("el => el.scrollTop"))


def test_refresh_keeps_scroll_selection_and_detail_and_pages_by_keyset(monitor: str, page: Any) -> None:
    failed_logs(60)
    page.goto(monitor + "failed")
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(50)
    expect(page.get_by_test_id("count-failed")).to_have_text("60")
    rows.nth(3).get_by_role("checkbox").check()
    rows.nth(4).get_by_role("checkbox").check()
    rows.nth(20).scroll_into_view_if_needed()
    opened = rows.nth(20)
    opened_uuid = opened.get_attribute("data-uuid")
    opened.click()
    detail = page.get_by_test_id("task-detail")
    expect(detail).to_be_visible()
    before = list_scroll_top(page)
    assert before > 0

    # A new failure arrives; within one 5 s refresh the count and list show it, with nothing lost.
    publish_message("tests.tasks.fail", "fresh failure")
    published(MessageLog.FAILED, 61)
    expect(page.get_by_test_id("count-failed")).to_have_text("61", timeout=12_000)
    expect(rows.first).to_contain_text("fresh failure")
    # The list did not jump back to the top: the browser keeps the rows in view where they were.
    assert list_scroll_top(page) >= before
    expect(page.locator(f'[data-uuid="{opened_uuid}"]')).to_be_in_viewport()
    expect(detail).to_be_visible()
    expect(page.get_by_text("50 shown, 2 selected")).to_be_visible()

    # Keyset paging: the next page is the older tasks, and its cursor is in the URL.
    page.get_by_test_id("next-page").click()
    expect(page).to_have_url(re.compile("after="))
    expect(rows).to_have_count(11)
    page.get_by_role("button", name="Newer").click()
    expect(rows).to_have_count(50)


def test_keyboard_opens_and_closes_a_task(monitor: str, page: Any) -> None:
    (log,) = failed_logs(1)
    page.goto(monitor + "failed")
    row = page.get_by_test_id("task-row")
    row.focus()
    page.keyboard.press("Enter")
    detail = page.get_by_test_id("task-detail")
    expect(detail).to_contain_text("number 0")
    expect(page).to_have_url(re.compile(f"selected={log.uuid}"))
    detail.get_by_role("button", name="Close detail").focus()
    page.keyboard.press("Enter")
    expect(detail).to_be_hidden()
    # Escape closes it too.
    row.focus()
    page.keyboard.press("Enter")
    expect(detail).to_be_visible()
    detail.get_by_role("button", name="Close detail").focus()
    page.keyboard.press("Escape")
    expect(detail).to_be_hidden()
    # The tabs are reachable and switch with the arrow keys.
    page.get_by_role("tab", name=re.compile("Failed")).focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/completed"))


def test_narrow_screen_in_dark_mode(monitor: str, narrow_dark_page: Any) -> None:
    page = narrow_dark_page
    failed_logs(3)
    page.goto(monitor + "failed")
    expect(page.locator("html")).to_have_attribute("data-mantine-color-scheme", "dark")
    page.get_by_test_id("task-row").first.click()
    expect(page.get_by_test_id("task-detail")).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the page scrolls sideways on a narrow screen ({width}px)"
    screenshot(page, "narrow-dark")


def test_light_and_dark_toggle(monitor: str, page: Any) -> None:
    page.goto(monitor + "queued")
    html = page.locator("html")
    expect(html).to_have_attribute("data-mantine-color-scheme", "light")
    page.get_by_role("button", name="Use dark colours").click()
    expect(html).to_have_attribute("data-mantine-color-scheme", "dark")
    page.reload()
    expect(html).to_have_attribute("data-mantine-color-scheme", "dark")


def test_a_refused_mutation_is_shown_next_to_the_field(monitor: str, page: Any) -> None:
    ScheduledTask.objects.create(task="tests.tasks.noop", task_name="taken", queue="default")
    page.goto(monitor + "scheduled?selected=new")
    editor = page.get_by_test_id("scheduled-editor")
    editor.get_by_test_id("field-name").fill("taken")
    choose(page, "field-task", "tests.tasks.noop")
    choose(page, "field-queue", "default")
    editor.get_by_test_id("save-scheduled").click()
    expect(editor).to_contain_text("A scheduled task named 'taken' exists already.")
    expect(page.get_by_test_id("notice-error")).to_be_visible()
    assert ScheduledTask.objects.count() == 1
