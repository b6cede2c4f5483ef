"""The Queued tab's queue health: depth, consumers, rates, and a warning for a queue nothing consumes."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.metrics import rollups
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests.browser.conftest import screenshot
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def test_each_queue_shows_depth_consumers_and_rates_and_an_unconsumed_one_is_warned_of(
    monitor: str, page: Any
) -> None:
    rollups.buffer().take()  # counts of earlier tests, gathered in this process
    publish_message("tests.tasks.add", 1, 2, queue="idle")  # no service consumes "idle"
    ran = publish_message("tests.tasks.add", 2, 2)
    wait_for(lambda: MessageLog.objects.get(pk=ran.pk).status == MessageLog.COMPLETED, what="the task to run")
    rollups.buffer().flush()  # as the service's process does every few seconds

    page.goto(monitor + "queued")
    idle, default = page.get_by_test_id("queue-health-idle"), page.get_by_test_id("queue-health-default")
    expect(idle.locator("td")).to_have_text(["idle", "1", "0", "0.2", "0"])
    expect(default.locator("td").nth(2)).to_have_text("2")  # the service's two consumers
    expect(default.locator("td").nth(4)).to_have_text("0.2")  # one run ended in five minutes
    warning = page.get_by_test_id("queue-unconsumed")
    expect(warning).to_have_count(1)
    expect(warning).to_contain_text("Nothing consumes queue idle: 1 task waits")
    screenshot(page, "queue-health")
