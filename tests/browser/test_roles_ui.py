"""The monitor shows what the person may do: with the read-only role every action is disabled and
says why, while the lists and details still work; an operator has every action; the audit tab is only
there for someone who may read the audit log."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.test import Client
from playwright.sync_api import expect

from carrot.models import ScheduledTask
from tests.browser.conftest import screenshot
from tests.browser.test_behaviour import failed_logs

pytestmark = pytest.mark.browser

VIEWER_REFUSAL = "(anonymous users have the 'viewer' role; sign in as a user who has it)"


@pytest.fixture
def anonymous_viewer(settings: Any) -> None:
    settings.CARROT = {**settings.CARROT, "anonymous_role": "viewer"}


def assert_denied(page: Any, test_id: str, permission: str) -> None:
    """The action is disabled, and hovering it says which permission it needs and why it is missing."""
    button = page.get_by_test_id(test_id)
    expect(button).to_be_disabled()
    holder = page.locator("[data-denied]", has=button)
    expect(holder).to_have_attribute("data-reason", re.compile(re.escape(permission)))
    holder.hover()
    tooltip = page.get_by_role("tooltip").filter(has_text=f"needs the permission {permission}")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_contain_text(VIEWER_REFUSAL)
    page.mouse.move(0, 0)


def test_a_viewer_sees_everything_and_every_action_is_disabled_with_the_reason(
    anonymous_viewer: None, monitor: str, page: Any
) -> None:
    (log,) = failed_logs(1)
    scheduled = ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", queue="default")
    page.goto(monitor + "failed")
    expect(page.get_by_test_id("viewer")).to_have_text("Anonymous")
    expect(page.get_by_test_id("count-failed")).to_have_text("1")
    page.locator(f'[data-uuid="{log.uuid}"]').click()
    expect(page.get_by_test_id("task-detail")).to_contain_text("number 0")
    assert_denied(page, "requeue-one", "carrot.change_messagelog")
    assert_denied(page, "delete-one", "carrot.delete_messagelog")
    for name in ("Requeue all matching (1)", "Delete all matching (1)"):
        expect(page.get_by_role("button", name=name)).to_be_disabled()
    screenshot(page, "roles-viewer")

    page.get_by_role("tab", name=re.compile("Queued")).click()
    assert_denied(page, "purge-queue", "carrot.purge_queue")
    assert_denied(page, "pause-queue", "carrot.change_queuepause")
    expect(page.get_by_test_id("requeue-pending")).to_be_disabled()

    page.get_by_role("tab", name=re.compile("Scheduled")).click()
    assert_denied(page, "create-scheduled", "carrot.add_scheduledtask")
    page.get_by_test_id("scheduled-row").click()
    editor = page.get_by_test_id("scheduled-editor")
    expect(editor.get_by_test_id("editor-read-only")).to_contain_text("carrot.change_scheduledtask")
    expect(editor.get_by_test_id("field-name")).to_be_disabled()
    assert_denied(page, "save-scheduled", "carrot.change_scheduledtask")
    assert_denied(page, "run-now", "carrot.add_messagelog")
    assert_denied(page, "delete-scheduled", "carrot.delete_scheduledtask")
    scheduled.refresh_from_db()
    assert scheduled.task_name == "nightly" and scheduled.active
    # The audit log names people and their addresses: not for the anonymous read-only role.
    expect(page.get_by_test_id("tab-audit")).to_have_count(0)


def test_an_operator_has_every_action(monitor: str, page: Any) -> None:
    (log,) = failed_logs(1)
    ScheduledTask.objects.create(task="tests.tasks.noop", task_name="nightly", queue="default")
    page.goto(monitor + "failed")
    page.locator(f'[data-uuid="{log.uuid}"]').click()
    expect(page.get_by_test_id("requeue-one")).to_be_enabled()
    expect(page.get_by_test_id("delete-one")).to_be_enabled()
    expect(page.get_by_role("button", name="Requeue all matching (1)")).to_be_enabled()
    page.get_by_role("tab", name=re.compile("Scheduled")).click()
    expect(page.get_by_test_id("create-scheduled")).to_be_enabled()
    page.get_by_test_id("scheduled-row").click()
    for test_id in ("save-scheduled", "run-now", "delete-scheduled", "field-name"):
        expect(page.get_by_test_id(test_id)).to_be_enabled()
    expect(page.locator("[data-denied]")).to_have_count(0)
    expect(page.get_by_test_id("tab-audit")).to_be_visible()


def test_without_the_audit_permission_there_is_no_audit_tab(
    monitor: str, live_server: Any, page: Any
) -> None:
    user = get_user_model().objects.create_user("reader", password="secret-enough")
    user.user_permissions.add(
        *Permission.objects.filter(
            content_type__app_label="carrot", codename__in=["view_messagelog", "view_scheduledtask"]
        )
    )
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(monitor + "queued")
    expect(page.get_by_test_id("viewer")).to_have_text("reader")
    expect(page.get_by_test_id("tab-scheduled")).to_be_visible()
    expect(page.get_by_test_id("tab-audit")).to_have_count(0)
    # A deep link to the audit log leads back to the task lists.
    page.goto(monitor + "audit")
    expect(page).to_have_url(re.compile("/queued$"))
    # Their own permissions decide the rest: they may not purge, and are told it is their account.
    holder = page.locator("[data-denied]", has=page.get_by_test_id("purge-queue"))
    expect(holder).to_have_attribute("data-reason", re.compile("'reader' does not have it"))
