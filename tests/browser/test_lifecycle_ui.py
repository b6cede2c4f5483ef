"""The task lifecycle in the monitor, in headless Chromium against the live server, the real API, the
real RabbitMQ and a running carrot service: the Delayed / Retrying view with run now and cancel (one,
selected, all matching), cancelling a queued task and the Cancelled view, the attempt history in the
task detail, the read-only role, and the cron editor of a scheduled task."""

from __future__ import annotations

import datetime
import re
import uuid
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import MessageLog, ScheduledTask
from carrot.utilities import publish_message
from tests.browser.conftest import _new_page, screenshot
from tests.browser.test_csp import csp_server, strict_page  # noqa: F401 (fixtures)
from tests.browser.test_monitor import choose, confirm, open_tab
from tests.browser.test_roles_ui import anonymous_viewer, assert_denied  # noqa: F401 (a fixture)
from tests.conftest import wait_for

pytestmark = pytest.mark.browser

TRACEBACK = 'Traceback (most recent call last):\n  File "tasks.py", line 3, in add\nValueError: first try'


def waiting_log(status: str, due_in: float, queue: str = "default", **fields: Any) -> MessageLog:
    """A DELAYED or RETRYING log of tests.tasks.add(1, 2), due in ``due_in`` seconds (written directly)."""
    eta = timezone.now() + datetime.timedelta(seconds=due_in)
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task="tests.tasks.add",
        task_args=[1, 2],
        status=status,
        queue=queue,
        routing_key=queue,
        virtual_host="carrot-test",
        eta=eta,
        relay_after=eta,
        **fields,
    )


def retrying_log(due_in: float) -> MessageLog:
    """A RETRYING log after one failed attempt, with that attempt in its history."""
    started = timezone.now() - datetime.timedelta(seconds=10)
    eta = timezone.now() + datetime.timedelta(seconds=due_in)
    attempt = {
        "attempt": 1,
        "started": started.isoformat(),
        "ended": (started + datetime.timedelta(seconds=2)).isoformat(),
        "worker": "host:1:worker-1",
        "exception": "ValueError: first try",
        "traceback": TRACEBACK,
        "retry_at": eta.isoformat(),
    }
    return waiting_log(
        MessageLog.RETRYING,
        due_in,
        attempts=1,
        retries=1,
        max_retries=3,
        history=[attempt],
        exception="ValueError: first try",
        traceback=TRACEBACK,
    )


def status_of(log: MessageLog) -> str:
    return MessageLog.objects.get(pk=log.pk).status


def completed(log: MessageLog) -> bool:
    return status_of(log) == MessageLog.COMPLETED


def test_waiting_view_lists_delayed_and_retrying_soonest_first_with_the_attempt_history(
    monitor: str, page: Any
) -> None:
    delayed = waiting_log(MessageLog.DELAYED, 1800)
    retrying_log(4000)
    page.goto(monitor + "queued")
    expect(page.get_by_test_id("count-waiting")).to_have_text("2")
    page.get_by_test_id("tab-waiting").click()
    expect(page.get_by_test_id("tab-waiting")).to_have_text(re.compile("Delayed / Retrying"))
    expect(page).to_have_url(re.compile("/waiting$"))
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(2)
    expect(page.get_by_role("columnheader", name="Due (eta / next attempt)")).to_be_visible()
    expect(rows.nth(0)).to_have_attribute("data-uuid", delayed.uuid)
    expect(rows.nth(0)).to_contain_text("Delayed")
    expect(rows.nth(0).get_by_role("cell").last).not_to_have_text("—")  # its eta
    expect(rows.nth(1)).to_contain_text("Retrying")
    expect(rows.nth(1).get_by_test_id("row-retries")).to_have_text("1 of 3 retries")

    rows.nth(1).click()
    detail = page.get_by_test_id("task-detail")
    expect(detail.get_by_test_id("task-eta")).to_contain_text("Next attempt")
    expect(detail.get_by_test_id("task-eta")).to_contain_text("in 1 hour")
    expect(detail.get_by_test_id("task-retries")).to_contain_text("1 of 3 retries")
    expect(detail.get_by_test_id("task-time-limit")).to_contain_text("None")
    attempt = detail.get_by_test_id("attempt")
    expect(attempt).to_have_count(1)
    expect(attempt).to_contain_text("Attempt 1")
    expect(attempt).to_contain_text("host:1:worker-1")
    expect(attempt.get_by_test_id("attempt-exception")).to_have_text("ValueError: first try")
    expect(attempt.get_by_test_id("attempt-next")).to_contain_text("Next attempt")
    # The traceback is folded until asked for.
    traceback = attempt.get_by_test_id("attempt-traceback-text")
    expect(traceback).to_be_hidden()
    attempt.get_by_text("Traceback", exact=True).click()
    expect(traceback).to_contain_text('File "tasks.py", line 3')
    screenshot(page, "attempt-history")

    # A delayed task says when it runs; the detail offers run now and cancel.
    rows.nth(0).click()
    expect(detail.get_by_test_id("task-eta")).to_contain_text("Runs at (eta)")
    expect(detail.get_by_test_id("task-eta")).to_contain_text("in 30 minutes")
    expect(detail.get_by_test_id("run-now-one")).to_be_enabled()
    expect(detail.get_by_test_id("cancel-one")).to_be_enabled()
    expect(detail.get_by_test_id("attempt-history")).to_have_count(0)


def test_run_now_and_cancel_one_selected_and_all_matching(monitor: str, page: Any) -> None:
    now_one = waiting_log(MessageLog.DELAYED, 600)
    selected = [waiting_log(MessageLog.DELAYED, 700), retrying_log(800)]
    other = waiting_log(MessageLog.DELAYED, 900, queue="other")
    last = waiting_log(MessageLog.DELAYED, 1000)
    page.goto(monitor + "waiting")
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(5)

    # Run now, one: it is published at once and the service runs it.
    page.locator(f'[data-uuid="{now_one.uuid}"]').click()
    page.get_by_test_id("task-detail").get_by_test_id("run-now-one").click()
    confirm(page, "Run 1 delayed task now, instead of waiting?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Running 1 task now")
    wait_for(lambda: completed(now_one), timeout=30, what="the task run now to complete")
    expect(rows).to_have_count(4)

    # Cancel the checked ones; the dialog's way back does not say "Cancel".
    for log in selected:
        page.locator(f'[data-uuid="{log.uuid}"]').get_by_role("checkbox").check()
    screenshot(page, "waiting")
    page.get_by_role("button", name="Cancel selected (2)").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_test_id("dismiss-button")).to_have_text("Don't cancel")
    confirm(page, "Cancel the 2 selected delayed or retrying tasks?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Cancelled 2 tasks")
    expect(rows).to_have_count(2)
    assert [status_of(log) for log in selected] == [MessageLog.CANCELLED] * 2
    expect(page.get_by_test_id("count-cancelled")).to_have_text("2")

    # All matching the filter: only the task of queue "other".
    choose(page, "filter-queue", "other")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Cancel all matching (1)").click()
    confirm(page, "Cancel all 1 delayed or retrying task (queue other)?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Cancelled 1 task")
    assert status_of(other) == MessageLog.CANCELLED and status_of(last) == MessageLog.DELAYED

    page.goto(monitor + "waiting")
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Run all matching now (1)").click()
    confirm(page, "Run all 1 delayed or retrying task now")
    wait_for(lambda: completed(last), timeout=30, what="the last waiting task to run")
    expect(page.get_by_test_id("empty-list")).to_be_visible()


def test_cancel_queued_tasks_then_requeue_and_delete_them_in_the_cancelled_view(
    monitor: str, page: Any
) -> None:
    first, second = (publish_message("tests.tasks.add", n, n, queue="idle") for n in range(2))  # not consumed
    page.goto(monitor + f"queued?selected={first.uuid}")
    detail = page.get_by_test_id("task-detail")
    expect(detail).to_contain_text("Published")
    detail.get_by_test_id("cancel-one").click()
    confirm(page, "Cancel 1 queued task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Cancelled 1 task")
    page.locator(f'[data-uuid="{second.uuid}"]').get_by_role("checkbox").check()
    page.get_by_role("button", name="Cancel selected (1)").click()
    confirm(page, "Cancel the 1 selected queued task?")
    expect(page.get_by_test_id("empty-list")).to_be_visible()
    for log in (first, second):
        cancelled = MessageLog.objects.get(pk=log.pk)
        assert cancelled.status == MessageLog.CANCELLED and cancelled.cancelled_time is not None

    open_tab(page, "Cancelled")
    expect(page.get_by_test_id("count-cancelled")).to_have_text("2")
    expect(page.get_by_role("columnheader", name="Cancelled")).to_be_visible()
    rows = page.get_by_test_id("task-row")
    expect(rows).to_have_count(2)
    page.locator(f'[data-uuid="{first.uuid}"]').click()
    expect(detail.get_by_test_id("task-cancelled")).to_contain_text("Cancelled")
    screenshot(page, "cancelled")
    detail.get_by_test_id("requeue-one").click()
    confirm(page, "Requeue 1 cancelled task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Requeued 1 task")
    assert status_of(first) == MessageLog.PUBLISHED
    expect(rows).to_have_count(1)
    page.get_by_role("button", name="Delete all matching (1)").click()
    confirm(page, "Delete all 1 cancelled task? This cannot be undone.")
    expect(page.get_by_test_id("empty-list")).to_be_visible()
    assert not MessageLog.objects.filter(pk=second.pk).exists()


def test_cancel_a_running_task_asks_it_to_stop(monitor: str, page: Any) -> None:
    log = publish_message("tests.tasks.sleep", 5)
    wait_for(lambda: status_of(log) == MessageLog.IN_PROGRESS, what="the task to start")
    page.goto(monitor + f"queued?selected={log.uuid}")
    detail = page.get_by_test_id("task-detail")
    detail.get_by_test_id("cancel-one").click()
    confirm(page, "Cancel 1 running task? A task not started yet will not run; a running one is asked")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Cancelled 1 task")
    page.locator(f'[data-uuid="{log.uuid}"]').click()  # the action closed the detail: open it again
    expect(detail.get_by_test_id("task-cancelled")).to_contain_text("Cancel requested")
    wait_for(lambda: status_of(log) == MessageLog.CANCELLED, timeout=20, what="the running task to stop")
    expect(detail.get_by_test_id("task-cancelled")).to_contain_text("Cancelled", timeout=12_000)


def test_a_viewer_sees_waiting_tasks_but_may_not_run_them_now_or_cancel_them(
    anonymous_viewer: None,  # noqa: F811 (the fixture imported above)
    monitor: str,
    page: Any,
) -> None:
    log = waiting_log(MessageLog.DELAYED, 600)
    page.goto(monitor + f"waiting?selected={log.uuid}")
    expect(page.get_by_test_id("task-detail")).to_contain_text("Runs at (eta)")
    assert_denied(page, "run-now-one", "carrot.change_messagelog")
    expect(page.get_by_role("tooltip")).to_have_count(
        0
    )  # both need the same permission: one tooltip at a time
    assert_denied(page, "cancel-one", "carrot.change_messagelog")
    for name in ("Run all matching now (1)", "Cancel all matching (1)"):
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    assert status_of(log) == MessageLog.DELAYED


def wall_clock(iso: str, zone: str) -> tuple[int, int, int]:
    """(weekday, hour, minute) of an ISO time in ``zone``."""
    local = datetime.datetime.fromisoformat(iso).astimezone(zoneinfo.ZoneInfo(zone))
    return local.weekday(), local.hour, local.minute


def preview_runs(editor: Any, zone: str) -> list[tuple[int, int, int]]:
    runs = editor.get_by_test_id("cron-run")
    expect(runs).to_have_count(5)
    expect(editor.get_by_test_id("cron-preview")).to_contain_text(f"({zone})")
    return [wall_clock(runs.nth(n).get_attribute("data-iso"), zone) for n in range(5)]


@pytest.fixture
def tokyo_page(chromium: Any) -> Iterator[Any]:
    """A page whose browser lives in Tokyo: the editor's times must follow the chosen zone, not it."""
    yield from _new_page(chromium, color_scheme="light", timezone_id="Asia/Tokyo")


def choose_zone(page: Any, zone: str) -> None:
    field = page.get_by_test_id("field-timezone")
    field.fill(zone)
    page.get_by_role("option", name=zone, exact=True).click()
    expect(field).to_have_value(zone)


def test_cron_editor_validates_as_typed_previews_five_runs_in_the_zone_and_saves(
    monitor: str, tokyo_page: Any
) -> None:
    page = tokyo_page
    page.goto(monitor + "scheduled?selected=new")
    editor = page.get_by_test_id("scheduled-editor")
    editor.get_by_test_id("field-name").fill("weekday report")
    choose(page, "field-task", "tests.tasks.echo")
    choose(page, "field-queue", "default")
    editor.get_by_text("Cron expression", exact=True).click()
    expect(editor.get_by_test_id("field-interval-count")).to_have_count(0)
    expect(editor.get_by_test_id("field-timezone")).to_have_value("Asia/Tokyo")  # the browser's own zone
    cron = editor.get_by_test_id("field-cron")
    field_error = editor.locator(".mantine-TextInput-error")

    # The server checks the expression as it is typed; its complaint shows at the field.
    cron.fill("0 2 * *")
    expect(field_error).to_be_visible()
    expect(editor.get_by_test_id("cron-preview")).to_have_count(0)
    cron.fill("0 2 * * 1-5")
    expect(field_error).to_have_count(0)

    # The next five runs, as wall-clock times of the chosen zone: 02:00 on weekdays there.
    choose_zone(page, "Europe/Paris")
    paris = preview_runs(editor, "Europe/Paris")
    assert all(hour == 2 and minute == 0 and weekday < 5 for weekday, hour, minute in paris)
    expect(editor.get_by_test_id("cron-run").first).to_contain_text("02:00")
    choose_zone(page, "America/New_York")
    expect(editor.get_by_test_id("cron-preview")).to_contain_text("(America/New_York)")
    new_york = preview_runs(editor, "America/New_York")
    assert all(hour == 2 and minute == 0 and weekday < 5 for weekday, hour, minute in new_york)
    screenshot(page, "scheduled-cron")

    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Created scheduled task weekday report")
    scheduled = ScheduledTask.objects.get(task_name="weekday report")
    assert (scheduled.cron, scheduled.timezone) == ("0 2 * * 1-5", "America/New_York")
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("cron 0 2 * * 1-5 (America/New_York)")

    # Saving a bad expression: the API's field error lands at the field, nothing is stored.
    cron.fill("61 2 * * 1-5")
    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("notice-error")).to_be_visible()
    expect(field_error).to_be_visible()
    expect(editor.get_by_test_id("form-error")).to_have_count(0)
    assert ScheduledTask.objects.get(pk=scheduled.pk).cron == "0 2 * * 1-5"

    # Reopened, the editor shows the cron schedule; back to an interval clears the expression.
    page.reload()
    expect(cron).to_have_value("0 2 * * 1-5")
    expect(editor.get_by_test_id("field-timezone")).to_have_value("America/New_York")
    editor.get_by_text("Every interval", exact=True).click()
    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("every minute")
    assert ScheduledTask.objects.get(pk=scheduled.pk).cron == ""


def test_the_lifecycle_views_work_under_the_strict_policy(
    csp_server: str,  # noqa: F811 (the fixture imported above)
    service: Any,
    strict_page: Any,  # noqa: F811
) -> None:
    page = strict_page
    log = retrying_log(4000)
    page.goto(f"{csp_server}/carrot/waiting?selected={log.uuid}")
    attempt = page.get_by_test_id("attempt")
    attempt.get_by_text("Traceback", exact=True).click()
    expect(attempt.get_by_test_id("attempt-traceback-text")).to_be_visible()
    page.get_by_test_id("task-detail").get_by_test_id("cancel-one").click()
    confirm(page, "Cancel 1 retrying task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Cancelled 1 task")
    page.goto(f"{csp_server}/carrot/scheduled?selected=new")
    editor = page.get_by_test_id("scheduled-editor")
    editor.get_by_text("Cron expression", exact=True).click()
    editor.get_by_test_id("field-cron").fill("*/15 * * * *")
    expect(editor.get_by_test_id("cron-run")).to_have_count(5)
