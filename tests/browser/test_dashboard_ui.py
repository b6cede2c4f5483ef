"""The dashboard: tasks run by the real service are charted, and the range and filters live in the URL."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

from carrot.metrics import rollups
from carrot.models import MessageLog
from carrot.utilities import publish_message
from tests.browser.conftest import screenshot, url_re
from tests.conftest import wait_for

pytestmark = pytest.mark.browser


def drawn(page: Any, test_id: str, colour: tuple[int, int, int]) -> int:
    """How many pixels of a chart's canvas are of a line's ``colour`` (uPlot draws the axes and grid
    on the same canvas, in other colours)."""
    return (
        page.get_by_test_id(test_id)
        .locator("canvas")
        .evaluate(
            """(canvas, [r, g, b]) => {
            const { data } = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) {
                const off = Math.abs(data[i] - r) + Math.abs(data[i + 1] - g);
                const near = off + Math.abs(data[i + 2] - b) < 30;
                if (near && data[i + 3] > 200) inked += 1;
            }
            return inked;
        }""",
            list(colour),
        )
    )


RUNS_ENDED = (34, 139, 230)  # "#228be6" in ui/src/features/dashboard/Dashboard.tsx
P95 = (253, 126, 20)  # "#fd7e14"


def test_the_dashboard_charts_the_runs_of_the_last_hour_and_narrows_to_a_task(
    monitor: str, page: Any
) -> None:
    rollups.buffer().take()  # counts of earlier tests, gathered in this process
    logs = [publish_message("tests.tasks.add", n, 1) for n in range(5)]
    logs += [publish_message("tests.tasks.fail") for _ in range(2)]
    wait_for(
        lambda: all(
            MessageLog.objects.get(pk=log.pk).status in (MessageLog.COMPLETED, MessageLog.FAILED)
            for log in logs
        ),
        what="the tasks to run",
    )
    rollups.buffer().flush()  # as the service's process does every few seconds

    page.goto(monitor + "queued")
    page.get_by_test_id("tab-dashboard").click()
    expect(page).to_have_url(url_re("/carrot/dashboard"))
    summary = page.get_by_test_id("dashboard-summary")
    expect(summary).to_contain_text(re.compile(r"7 runs ended, 2 failed, in [12] of 60 points"))
    expect(page.get_by_test_id("chart-rates")).to_have_attribute("data-points", "60")
    expect(page.get_by_test_id("chart-rates").locator("canvas")).to_have_count(1)
    # the lines are drawn once the answer is in; a line without runs (or with a single point) draws nothing
    wait_for(lambda: drawn(page, "chart-rates", RUNS_ENDED) > 50, what="the runs-ended line")
    wait_for(lambda: drawn(page, "chart-run-time", P95) > 0, what="the p95 point")
    screenshot(page, "dashboard")

    page.get_by_test_id("dashboard-range").get_by_text("Last week").click()
    expect(page).to_have_url(url_re("range=WEEK"))
    expect(summary).to_contain_text(re.compile(r"7 runs ended, 2 failed, in [12] of 168 points"))

    page.get_by_test_id("dashboard-task").click()
    page.get_by_role("option", name="tests.tasks.fail").click()
    expect(page).to_have_url(url_re("task=tests.tasks.fail"))
    expect(summary).to_contain_text(re.compile(r"2 runs ended, 2 failed, in [12] of 168 points"))
