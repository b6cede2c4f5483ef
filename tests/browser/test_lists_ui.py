"""The monitor's lists tell the truth, in headless Chromium against the live server, the real API, the
real RabbitMQ and a running carrot service: rows show the task's arguments, how long its run took and
how many attempts it had; a link to a task opens it under the tab of its status now; a notice stays
with the view whose action raised it."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests.browser.test_monitor import choose, confirm, open_tab
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def test_a_completed_row_shows_its_arguments_duration_and_attempts(monitor: str, page: Any) -> None:
    log = publish_message("tests.tasks.sleep", 0.3)
    wait_for(lambda: MessageLog.objects.get(pk=log.pk).status == MessageLog.COMPLETED, what="the task to run")
    page.goto(monitor + "completed")
    row = page.locator(f"[data-testid=task-row][data-uuid='{log.uuid}']")
    expect(row.get_by_test_id("row-args")).to_have_text("0.3")
    expect(row.get_by_test_id("row-attempts")).to_have_text("1 attempt")
    ran_for = re.compile(r"^(3\d\d|[4-9]\d\d) ms$|^\d\.\d\d s$")  # sleep(0.3): 0.3 s and a little more
    expect(row.get_by_test_id("row-duration")).to_have_text(ran_for)
    expect(page.get_by_role("columnheader", name="Duration")).to_be_visible()

    keywords = publish_message("tests.tasks.echo", 42, "a@b.c", retry=True)
    wait_for(lambda: MessageLog.objects.get(pk=keywords.pk).status == MessageLog.COMPLETED, what="the echo")
    row = page.locator(f"[data-testid=task-row][data-uuid='{keywords.uuid}']")  # at the next refresh
    expect(row.get_by_test_id("row-args")).to_have_text("42, 'a@b.c', retry=True", timeout=12_000)


def failed_log() -> MessageLog:
    """A FAILED log of tests.tasks.add(1, 2), written directly."""
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.add",
        task_args=[1, 2],
        status=MessageLog.FAILED,
        queue="default",
        routing_key="default",
        virtual_host="carrot-test",
        publish_time=timezone.now(),
        failure_time=timezone.now(),
        exception="ValueError: boom",
    )


def test_a_notice_stays_with_the_view_whose_action_raised_it(
    live_server: Any, transactional_db: None, page: Any
) -> None:
    monitor = f"{live_server.url}/carrot/"
    first, second = failed_log(), failed_log()
    page.goto(f"{monitor}failed?selected={first.uuid}")
    page.get_by_test_id("task-detail").get_by_test_id("delete-one").click()
    confirm(page, "Delete 1 failed task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Deleted 1 task")
    open_tab(page, "Completed")
    expect(page.get_by_test_id("empty-list")).to_be_visible()
    expect(page.get_by_test_id("notice-success")).to_have_count(0)
    open_tab(page, "Failed")  # left behind, not kept for later
    expect(page.get_by_test_id("task-row")).to_have_count(1)
    expect(page.get_by_test_id("notice-success")).to_have_count(0)

    # An answer that arrives after the person moved to another tab is not shown there either, nor does
    # closing the detail it was taken in take them back.
    held: list[Any] = []

    def hold_deletes(route: Any) -> None:
        if "DeleteTasks" in (route.request.post_data or ""):
            held.append(route)
        else:
            route.continue_()

    page.route("**/graphql", hold_deletes)
    page.get_by_test_id("task-row").click()
    page.get_by_test_id("task-detail").get_by_test_id("delete-one").click()
    confirm(page, "Delete 1 failed task?")
    wait_for(lambda: bool(held) or page.wait_for_timeout(50), what="the delete to be sent")
    open_tab(page, "Completed")
    held[0].continue_()
    wait_for(lambda: not MessageLog.objects.filter(pk=second.pk).exists(), what="the delete to be done")
    page.wait_for_timeout(500)  # the answer is in, and rendered if it were to be
    expect(page).to_have_url(re.compile("/completed$"))
    expect(page.get_by_test_id("notice-success")).to_have_count(0)
    expect(page.get_by_test_id("notice-error")).to_have_count(0)


def test_a_purge_says_what_it_left_with_a_consumer(monitor: str, page: Any) -> None:
    from carrot import broker
    from carrot.conf import get_settings

    other = get_settings().queue("other")  # one consumer, prefetch_count 3
    logs = [publish_message("tests.tasks.sleep", 8, queue="other") for _ in range(6)]
    # The service's consumer runs one task and holds two more in its prefetch; three stay ready.
    wait_for(lambda: broker.queue_state(other)[0] == 3, what="the consumer to take its prefetch")
    page.goto(monitor + "queued")
    choose(page, "action-queue", "other (3 waiting)")
    page.get_by_role("button", name="Purge queue").click()
    confirm(page, "RabbitMQ does not purge them, and their tasks will still run.")
    notice = page.get_by_test_id("notice-success")
    expect(notice).to_contain_text("Purged 3 messages from other.")
    expect(notice).to_contain_text("About 3 more messages were held by consumers")
    # The held ones still run.
    wait_for(
        lambda: sum(MessageLog.objects.get(pk=log.pk).status == MessageLog.COMPLETED for log in logs) == 3,
        timeout=45,
        what="the three held tasks to run",
    )


def test_an_open_task_that_moved_on_links_to_where_it_is_now(
    live_server: Any, transactional_db: None, page: Any
) -> None:
    log = failed_log()
    MessageLog.objects.filter(pk=log.pk).update(status=MessageLog.PUBLISHED, failure_time=None)
    page.goto(f"{live_server.url}/carrot/queued?selected={log.uuid}")
    expect(page.get_by_test_id("task-detail")).to_contain_text("tests.tasks.add")
    expect(page.get_by_test_id("task-moved")).to_have_count(0)
    MessageLog.objects.filter(pk=log.pk).update(status=MessageLog.COMPLETED, completion_time=timezone.now())
    moved = page.get_by_test_id("task-moved")
    expect(moved).to_contain_text("open it under Completed", timeout=12_000)  # at the next refresh
    moved.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/completed\\?selected={log.uuid}$"))
    expect(page.get_by_test_id("task-moved")).to_have_count(0)
