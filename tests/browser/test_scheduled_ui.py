"""The scheduled-task list in the monitor: each row's last run (its task's status and time) and a pause
switch that pauses and resumes without opening the editor; the editor shows the server's refusal of an
argument the task does not take, at the field."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import AuditEntry, MessageLog, ScheduledTask
from carrot.utilities import create_scheduled_task
from tests import tasks
from tests.browser.conftest import screenshot
from tests.browser.test_roles_ui import anonymous_viewer, assert_denied  # noqa: F401 (a fixture)

pytestmark = pytest.mark.browser


def ran_and_failed(scheduled: ScheduledTask) -> MessageLog:
    """Record that ``scheduled`` ran a minute ago and the task it published failed."""
    ran = timezone.now() - datetime.timedelta(minutes=1)
    ScheduledTask.objects.filter(pk=scheduled.pk).update(last_run_at=ran)
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task=scheduled.task,
        task_args=scheduled.task_args,
        status=MessageLog.FAILED,
        queue=scheduled.queue,
        routing_key=scheduled.queue,
        virtual_host="carrot-test",
        publish_time=ran,
        failure_time=ran,
        exception="ValueError: boom",
    )


def test_pause_from_the_list_and_an_argument_error_in_the_editor(monitor: str, page: Any) -> None:
    scheduled = create_scheduled_task(tasks.add, {"days": 1}, task_name="daily sums", task_args=(1, 2))
    ran_and_failed(scheduled)
    create_scheduled_task(tasks.noop, {"hours": 1}, task_name="hourly noop")
    page.goto(monitor + "scheduled")
    row = page.get_by_test_id("scheduled-row").filter(has_text="daily sums")
    expect(row.get_by_test_id("last-run")).to_contain_text("Failed")
    expect(page.get_by_test_id("scheduled-row").filter(has_text="hourly noop")).to_contain_text("never")

    # The switch pauses the task; the row does not open the editor for it.
    toggle = row.get_by_test_id("pause-toggle")
    expect(toggle).to_be_checked()
    toggle.click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Paused scheduled task daily sums")
    expect(toggle).not_to_be_checked()
    expect(row).to_contain_text("Paused")
    expect(row.locator("td").nth(4)).to_have_text("—")  # a paused task has no next run
    expect(page.get_by_test_id("scheduled-editor")).to_have_count(0)
    assert ScheduledTask.objects.get(pk=scheduled.pk).active is False
    audited = AuditEntry.objects.filter(mutation="setScheduledTaskActive", outcome=AuditEntry.SUCCESS)
    assert audited.count() == 1
    screenshot(page, "scheduled-list")
    toggle.click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Resumed scheduled task daily sums")
    expect(toggle).to_be_checked()
    assert ScheduledTask.objects.get(pk=scheduled.pk).active is True

    # A keyword the task does not take: the server's error at the field, nothing stored.
    row.get_by_text("daily sums").click()
    editor = page.get_by_test_id("scheduled-editor")
    # An interval count out of range stays as typed and is refused at the field before anything is sent.
    count = editor.get_by_test_id("field-interval-count")
    count.fill("0")
    editor.get_by_test_id("save-scheduled").click()
    refusal = "The interval must be from 1 to 365 days (a year)."
    expect(editor.locator(".mantine-NumberInput-error")).to_have_text(refusal)
    expect(count).to_have_value("0")
    count.fill("1")
    editor.get_by_test_id("field-kwargs").fill('{"c": 3}')
    editor.get_by_test_id("save-scheduled").click()  # at once: before the check of the typed text answers
    expect(page.get_by_test_id("notice-error")).to_contain_text("no keyword argument 'c'")
    field_error = editor.locator(".mantine-Textarea-error")
    expect(field_error).to_contain_text("no keyword argument 'c'. It takes (a, b).")
    assert ScheduledTask.objects.get(pk=scheduled.pk).content == {}
    page.wait_for_timeout(1000)  # the check of the typed text is answered by now: the error stays
    expect(field_error).to_contain_text("no keyword argument 'c'")
    screenshot(page, "scheduled-argument-error")


def test_a_viewer_cannot_pause_from_the_list_and_is_told_why(
    anonymous_viewer: None,  # noqa: F811 (the fixture imported above)
    monitor: str,
    page: Any,
) -> None:
    scheduled = create_scheduled_task(tasks.noop, {"hours": 1}, task_name="hourly noop")
    page.goto(monitor + "scheduled")
    expect(page.get_by_test_id("scheduled-row")).to_contain_text("hourly noop")
    assert_denied(page, "pause-toggle", "carrot.change_scheduledtask")
    assert ScheduledTask.objects.get(pk=scheduled.pk).active is True
