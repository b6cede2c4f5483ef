"""Pausing and resuming a queue from the Queued tab, in headless Chromium, with a carrot service running."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from carrot import broker
from carrot.conf import get_settings
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests.browser.test_monitor import choose
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def test_pause_and_resume_a_queue_from_the_queued_tab(monitor: str, page: Any) -> None:
    default = get_settings().queue("default")
    page.goto(monitor + "queued")
    choose(page, "action-queue", "default (0 waiting)")
    page.get_by_test_id("pause-queue").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Paused queue default")
    expect(page.get_by_test_id("queue-paused")).to_contain_text("Queue default is paused since")
    expect(page.get_by_test_id("action-queue")).to_have_value("default (paused, 0 waiting)")
    wait_for(lambda: broker.queue_state(default)[1] == 0, what="the service to stop consuming default")
    page.get_by_test_id("filter-queue").click()  # the queue filter marks it too
    expect(page.get_by_role("option", name="default (paused)", exact=True)).to_be_visible()
    page.keyboard.press("Escape")

    log = publish_message("tests.tasks.add", 1, 2)
    expect(page.get_by_test_id("task-row")).to_have_count(1)  # waits in the queue, listed as queued
    expect(page.get_by_test_id("action-queue")).to_have_value("default (paused, 1 waiting)")
    assert MessageLog.objects.get(pk=log.pk).status == MessageLog.PUBLISHED

    page.get_by_role("button", name="Resume queue").click()
    expect(page.get_by_test_id("notice-success")).to_contain_text("Resumed queue default")
    expect(page.get_by_test_id("queue-paused")).to_have_count(0)
    wait_for(lambda: MessageLog.objects.get(pk=log.pk).status == MessageLog.COMPLETED, what="the task to run")
