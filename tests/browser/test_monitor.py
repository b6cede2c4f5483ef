"""Every action of the monitor, driven in headless Chromium against the live server, the real API,
the real RabbitMQ and a running carrot service. Screenshots land in docs/_static/screenshots."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.models import MessageLog, ScheduledTask
from carrot.utilities import publish_message
from tests.browser.conftest import PREFIXES, screenshot
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def published(status: str, count: int, **filters: Any) -> list[MessageLog]:
    """Wait until ``count`` logs have ``status`` (the service runs tasks in the background)."""
    return wait_for(
        lambda: (
            (logs := list(MessageLog.objects.filter(status=status, **filters)))
            and len(logs) >= count
            and logs
        ),
        timeout=30,
        what=f"{count} {status} tasks",
    )


def open_tab(page: Any, name: str) -> None:
    page.get_by_role("tab", name=re.compile(name)).click()
    expect(page).to_have_url(re.compile(f"/{name.lower()}"))


def choose(page: Any, test_id: str, option: str) -> None:
    """Pick an option of a Mantine Select."""
    page.get_by_test_id(test_id).click()
    page.get_by_role("option", name=option, exact=True).click()


def confirm(page: Any, message: str) -> None:
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("confirm-message")).to_contain_text(message)
    dialog.get_by_test_id("confirm-button").click()
    expect(dialog).to_be_hidden()


@pytest.mark.parametrize("prefix", PREFIXES)
def test_the_monitor_is_served_and_routes_under_any_prefix(
    live_server: Any, service: Any, page: Any, prefix: str
) -> None:
    publish_message("tests.tasks.add", 1, 2)
    published(MessageLog.COMPLETED, 1)
    page.goto(f"{live_server.url}{prefix}")
    expect(page).to_have_url(f"{live_server.url}{prefix}queued")
    expect(page.get_by_test_id("count-completed")).to_have_text("1")
    open_tab(page, "Completed")
    expect(page).to_have_url(f"{live_server.url}{prefix}completed")
    expect(page.get_by_test_id("task-row")).to_have_count(1)
    # A deep link to a client-side route is served by the catch-all view and opens the same view.
    page.goto(f"{live_server.url}{prefix}completed?task=tests.tasks.add")
    expect(page.get_by_test_id("task-row")).to_contain_text("tests.tasks.add")


def test_completed_task_detail_log_levels_deep_link_and_back(monitor: str, page: Any) -> None:
    publish_message("tests.tasks.echo", True, 1, "test", {"foo": "bar"}, to="a@b.c")
    log = publish_message("tests.tasks.chatty")
    published(MessageLog.COMPLETED, 2)
    page.goto(monitor + "completed")
    row = page.locator(f'[data-uuid="{log.uuid}"]')
    row.click()
    detail = page.get_by_test_id("task-detail")
    expect(page).to_have_url(re.compile(f"selected={log.uuid}"))
    expect(detail).to_contain_text("tests.tasks.chatty")
    for label in ("Virtual host", "Queue", "Exchange", "Routing key", "Priority", "Published", "Started"):
        expect(detail).to_contain_text(label)
    expect(detail).to_contain_text("Completed")
    expect(detail.get_by_test_id("task-output")).to_contain_text("done")
    task_log = detail.get_by_test_id("task-log")
    expect(task_log).to_contain_text("an info line")
    expect(task_log).not_to_contain_text("a debug line")
    screenshot(page, "completed-detail")
    page.get_by_role("combobox", name="Log level").click()
    page.get_by_role("option", name="DEBUG and above").click()
    expect(task_log).to_contain_text("a debug line")

    # Search finds a task by what it was called with; the search goes into the URL.
    page.get_by_test_id("filter-search").fill("a@b.c")
    expect(page).to_have_url(re.compile(r"q=a%40b\.c"))
    expect(page.get_by_test_id("task-row")).to_have_count(1)
    expect(page.get_by_test_id("task-row")).to_contain_text("tests.tasks.echo")

    # Readable arguments: Python literals and indented JSON, not raw strings.
    page.goto(monitor + "completed?task=tests.tasks.echo")
    page.get_by_test_id("task-row").click()
    expect(detail.get_by_test_id("task-args")).to_have_text("True, 1, 'test', {'foo': 'bar'}")
    expect(detail.get_by_test_id("task-kwargs")).to_contain_text('"to": "a@b.c"')

    # Back closes the detail, forward opens it again; a reload of the deep link shows it.
    page.go_back()
    expect(detail).to_be_hidden()
    page.go_forward()
    expect(detail).to_be_visible()
    page.reload()
    expect(detail.get_by_test_id("task-args")).to_be_visible()


def ran_again(pk: int, failed_at: Any) -> bool:
    """The log ``pk`` failed again after ``failed_at``, once, on its first attempt since the requeue."""
    log = MessageLog.objects.get(pk=pk)
    return log.status == MessageLog.FAILED and log.failure_time > failed_at and log.attempts == 1


def test_failed_task_requeue_and_delete_one(monitor: str, page: Any) -> None:
    log = publish_message("tests.tasks.fail", "kaboom")
    published(MessageLog.FAILED, 1)
    page.goto(monitor + "failed")
    expect(page.get_by_test_id("count-failed")).to_have_text("1")
    page.get_by_test_id("task-row").click()
    detail = page.get_by_test_id("task-detail")
    expect(detail.get_by_test_id("task-exception")).to_contain_text("kaboom")
    expect(detail.get_by_test_id("task-traceback")).to_contain_text("ValueError")
    expect(detail.get_by_test_id("task-log")).to_contain_text("about to fail")
    screenshot(page, "failed-detail")

    first_failure = MessageLog.objects.get(pk=log.pk).failure_time
    detail.get_by_test_id("requeue-one").click()
    confirm(page, "Requeue 1 failed task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Requeued 1 task")
    # The requeued task ran again (and failed again: it always does), counted afresh from the requeue.
    wait_for(lambda: ran_again(log.pk, first_failure), timeout=30, what="the rerun")
    published(MessageLog.FAILED, 1)

    page.get_by_test_id("task-row").click()
    detail.get_by_test_id("delete-one").click()
    confirm(page, "Delete 1 failed task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Deleted 1 task")
    expect(page.get_by_test_id("empty-list")).to_be_visible()
    assert not MessageLog.objects.filter(pk=log.pk).exists()


def test_failed_bulk_actions_on_selected_and_on_all_matching_the_filter(monitor: str, page: Any) -> None:
    for n in range(3):
        publish_message("tests.tasks.fail", f"first {n}")
    publish_message("tests.tasks.fail", "in other", queue="other")
    published(MessageLog.FAILED, 4)
    page.goto(monitor + "failed")
    expect(page.get_by_test_id("task-row")).to_have_count(4)
    rows = page.get_by_test_id("task-row")
    rows.filter(has_text="first 0").get_by_role("checkbox").check()
    rows.filter(has_text="first 1").get_by_role("checkbox").check()
    screenshot(page, "failed")
    page.get_by_role("button", name="Delete selected (2)").click()
    confirm(page, "Delete the 2 selected failed tasks?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Deleted 2 tasks")
    expect(rows).to_have_count(2)
    assert MessageLog.objects.filter(status=MessageLog.FAILED).count() == 2

    choose(page, "filter-queue", "other")
    expect(rows).to_have_count(1)
    other = MessageLog.objects.get(queue="other")
    page.get_by_role("button", name="Requeue all matching (1)").click()
    confirm(page, "Requeue all 1 failed task (queue other)?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Requeued 1 task")
    wait_for(lambda: ran_again(other.pk, other.failure_time), timeout=30, what="the requeued task to run")


def test_queued_tab_purge_queue_and_requeue_pending(monitor: str, page: Any) -> None:
    from carrot import broker
    from carrot.conf import get_settings

    idle = next(q for q in get_settings().queues if q.name == "idle")
    for n in range(2):
        publish_message("tests.tasks.add", n, n, queue="idle")
    page.goto(monitor + "queued")
    expect(page.get_by_test_id("task-row")).to_have_count(2)
    choose(page, "action-queue", "idle (2 waiting)")
    # The broker holds their messages: the monitor says so and offers no second copy.
    expect(page.get_by_test_id("broker-holds")).to_contain_text(
        "The broker still holds 2 messages of queue idle"
    )
    expect(page.get_by_test_id("requeue-pending")).to_be_disabled()
    screenshot(page, "queued")
    page.get_by_role("button", name="Purge queue").click()
    confirm(page, "Remove the 2 messages ready in queue idle")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Purged 2 messages from idle")
    assert wait_for(lambda: broker.queue_state(idle)[0] == 0 or None, what="the purge") is not None

    # Their tasks are still PUBLISHED and their messages gone: requeue pending publishes them again.
    page.get_by_role("button", name="Requeue pending (2)").click()
    confirm(page, "Publish again the pending tasks of queue idle whose messages are gone from the broker?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Requeued 2 pending tasks")
    wait_for(lambda: broker.queue_state(idle)[0] == 2, what="the requeued messages")


def test_scheduled_task_create_validate_edit_run_now_and_delete(monitor: str, page: Any) -> None:
    page.goto(monitor + "scheduled")
    page.get_by_test_id("create-scheduled").click()
    editor = page.get_by_test_id("scheduled-editor")
    editor.get_by_test_id("save-scheduled").click()
    expect(editor).to_contain_text("Choose a registered task.")
    editor.get_by_test_id("field-name").fill("nightly echo")
    choose(page, "field-task", "tests.tasks.echo")
    choose(page, "field-queue", "default")
    editor.get_by_test_id("field-interval-count").fill("2")
    choose(page, "field-interval-type", "hours")
    # The server checks the argument fields as they are typed, before anything is saved.
    editor.get_by_test_id("field-args").fill("True, 1, 'test', {'foo': ")
    expect(editor).to_contain_text(re.compile("positional arguments", re.I))
    editor.get_by_test_id("field-kwargs").fill("{'python': 'dict'}")
    expect(editor.locator(".mantine-Textarea-error")).to_have_count(2)
    screenshot(page, "scheduled-editor-errors")
    assert not ScheduledTask.objects.exists()
    editor.get_by_test_id("field-args").fill("True, 1, 'test', {'foo': 'bar'}")
    editor.get_by_test_id("field-kwargs").fill('{"parameter_1": true}')
    expect(editor.locator(".mantine-Textarea-error")).to_have_count(0)
    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Created scheduled task nightly echo")
    scheduled = ScheduledTask.objects.get(task_name="nightly echo")
    assert scheduled.interval_count == 2 and scheduled.interval_type == "hours"
    assert scheduled.task_args == [True, 1, "test", {"foo": "bar"}] and scheduled.content == {
        "parameter_1": True
    }
    expect(page).to_have_url(re.compile(f"selected={scheduled.pk}"))
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("every 2 hours")
    screenshot(page, "scheduled")

    # Pause it with the switch and save.
    editor.get_by_test_id("field-active").click(force=True)
    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("Paused")
    assert not ScheduledTask.objects.get(pk=scheduled.pk).active

    # Run now publishes it at once and shows the new task, which the service runs.
    editor.get_by_test_id("run-now").click()
    result = editor.get_by_test_id("run-now-result")
    expect(result).to_contain_text("tests.tasks.echo was published to queue default")
    ran = published(MessageLog.COMPLETED, 1, task="tests.tasks.echo")[0]
    expect(result).to_contain_text(ran.uuid)
    expect(page.get_by_test_id("notice-success")).to_contain_text("Published 1 task now")
    # The task completed since it was published: the link opens it where it is now, under Completed,
    # and the scheduled tab's notice stays behind.
    result.get_by_role("link").click()
    expect(page).to_have_url(re.compile(f"/completed\\?selected={ran.uuid}"))
    expect(page.get_by_test_id("task-detail")).to_contain_text("tests.tasks.echo")
    expect(page.get_by_test_id("tab-completed")).to_have_attribute("aria-selected", "true")
    expect(page.get_by_test_id("notice-success")).to_have_count(0)

    page.go_back()
    page.get_by_test_id("delete-scheduled").click()
    confirm(page, "Delete the scheduled task nightly echo?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Deleted scheduled task nightly echo")
    assert not ScheduledTask.objects.exists()
