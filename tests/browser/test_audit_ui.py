"""The audit tab: what a person just did in the monitor appears there, newest first, with who, from
where, how it ended and its arguments; older entries page like the task lists."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.models import AuditEntry, ScheduledTask
from tests.browser.conftest import screenshot
from tests.browser.test_behaviour import failed_logs
from tests.browser.test_monitor import confirm

pytestmark = pytest.mark.browser


def test_a_requeue_and_a_scheduled_task_edit_appear_in_the_audit_log(monitor: str, page: Any) -> None:
    (log,) = failed_logs(1)
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", queue="default")
    page.goto(monitor + "failed")
    page.locator(f'[data-uuid="{log.uuid}"]').click()
    page.get_by_test_id("requeue-one").click()
    confirm(page, "Requeue 1 failed task?")
    expect(page.get_by_test_id("notice-success")).to_contain_text("Requeued 1 task")
    page.goto(monitor + f"scheduled?selected={scheduled.pk}")
    editor = page.get_by_test_id("scheduled-editor")
    editor.get_by_test_id("field-name").fill("nightly report")
    editor.get_by_test_id("save-scheduled").click()
    expect(page.get_by_test_id("notice-success")).to_be_visible()

    page.get_by_role("tab", name=re.compile("Audit log")).click()
    expect(page).to_have_url(re.compile("/audit$"))
    rows = page.get_by_test_id("audit-row")
    expect(rows).to_have_count(2)
    # Newest first: the edit, then the requeue; both by an anonymous user of this public monitor.
    edit, requeue = rows.nth(0), rows.nth(1)
    expect(edit).to_have_attribute("data-mutation", "updateScheduledTask")
    expect(requeue).to_have_attribute("data-mutation", "requeueTasks")
    for row in (edit, requeue):
        expect(row).to_contain_text("anonymous")
        expect(row).to_contain_text("127.0.0.1")
        expect(row.get_by_test_id("audit-outcome")).to_have_text("Success")
    expect(requeue).to_contain_text("1 / 1")  # one log requeued, one message published
    requeue.get_by_test_id("audit-toggle").click()
    expect(page.get_by_test_id("audit-arguments")).to_contain_text(log.uuid)
    screenshot(page, "audit-log")


def test_the_audit_log_pages_newest_first(monitor: str, page: Any) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(via="none", mutation=f"purgeQueue{n}", outcome=AuditEntry.FORBIDDEN, error="refused")
        for n in range(55)
    )
    page.goto(monitor + "audit")
    rows = page.get_by_test_id("audit-row")
    expect(rows).to_have_count(50)
    expect(rows.first).to_have_attribute("data-mutation", "purgeQueue54")
    expect(rows.first.get_by_test_id("audit-outcome")).to_have_text("Forbidden")
    page.get_by_role("button", name="Older").click()
    expect(page).to_have_url(re.compile("after="))
    expect(rows).to_have_count(5)
    expect(rows.last).to_have_attribute("data-mutation", "purgeQueue0")
    page.get_by_role("button", name="Newer").click()
    expect(rows).to_have_count(50)
