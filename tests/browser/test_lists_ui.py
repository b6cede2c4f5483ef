"""The monitor's lists tell the truth, in headless Chromium against the live server, the real API, the
real RabbitMQ and a running carrot service: rows show the task's arguments, how long its run took and
how many attempts it had; a link to a task opens it under the tab of its status now; a notice stays
with the view whose action raised it."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.models import MessageLog
from carrot.utilities import publish_message
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
