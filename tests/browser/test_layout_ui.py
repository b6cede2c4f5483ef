"""The monitor's layout in headless Chromium, at 1400 px with a task open and at 390 px, in light and
dark system colours: nothing cut off (status badges whole, task paths wrapping at their dots, the time
column shown, code blocks scrolling inside their box, no sideways scrolling of the page), and the colour
toggle naming the switch it makes. Measured in the page, not judged from screenshots (which are saved
for the docs)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from carrot.models import MessageLog
from tests.browser.conftest import _new_page, screenshot

pytestmark = pytest.mark.browser

VIEWPORTS = {"wide": {"width": 1400, "height": 900}, "narrow": {"width": 390, "height": 844}}
SCHEMES = ("light", "dark")
LONG_PATH = "myproject.billing.invoices.reminders.tasks.send_overdue_invoice_reminders"
LONG_TRACEBACK = (
    "Traceback (most recent call last):\n"
    '  File "/srv/myproject/billing/invoices/reminders/tasks.py", line 42, '
    "in send_overdue_invoice_reminders\n"
    '    raise ValueError("the customer has no e-mail address on file, so no reminder could be sent")\n'
    "ValueError: the customer has no e-mail address on file, so no reminder could be sent"
)

MEASURE = """() => {
  const width = document.documentElement.clientWidth;
  const shown = (el) => el.getClientRects().length > 0;
  const inside = (el) => {
    const box = el.getBoundingClientRect();
    return box.left >= -0.5 && box.right <= width + 0.5;
  };
  const lines = (node) => {
    const range = document.createRange();
    range.selectNodeContents(node);
    return new Set([...range.getClientRects()].map((box) => Math.round(box.top))).size;
  };
  const textNodes = (el) => {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    return nodes;
  };
  const badges = [...document.querySelectorAll(".mantine-Badge-root")].filter(shown);
  const paths = [...document.querySelectorAll("[data-testid=task-path]")].filter(shown);
  const time = document.querySelector("[data-testid=task-row] [data-testid=row-time]");
  const code = document.querySelector("[data-testid=task-traceback]");
  return {
    pageOverflow: document.documentElement.scrollWidth - width,
    cutBadges: badges
      .filter((b) => { const label = b.querySelector(".mantine-Badge-label") ?? b;
                       return label.scrollWidth > label.clientWidth || !inside(b); })
      .map((b) => b.textContent),
    pathLines: paths.map((p) => lines(p)),
    brokenNames: paths.flatMap((p) => textNodes(p).filter((n) => lines(n) > 1).map((n) => n.textContent)),
    pathsOutside: paths.filter((p) => !inside(p)).length,
    time: time && shown(time) && inside(time) ? time.textContent : null,
    codeOverflow: getComputedStyle(code).overflowX,
    codeScrolls: code.scrollWidth > code.clientWidth,
    codeInside: inside(code),
  };
}"""


SIZES_AND_SCHEMES = [(size, scheme) for size in VIEWPORTS for scheme in SCHEMES]


@pytest.fixture(params=SIZES_AND_SCHEMES, ids=lambda p: "-".join(p))
def sized_page(chromium: Any, request: pytest.FixtureRequest) -> Iterator[tuple[Any, str, str]]:
    """A page at one of the two widths, with the system in light or dark colours."""
    size, scheme = request.param
    for page in _new_page(chromium, viewport=VIEWPORTS[size], color_scheme=scheme):
        yield page, size, scheme


def a_long_failure() -> MessageLog:
    now = timezone.now()
    return MessageLog.objects.create(
        uuid=str(uuid.uuid4()),
        task=LONG_PATH,
        status=MessageLog.FAILED,
        queue="default",
        routing_key="default",
        virtual_host="carrot-test",
        publish_time=now,
        start_time=now,
        failure_time=now,
        exception="ValueError: the customer has no e-mail address on file",
        traceback=LONG_TRACEBACK,
    )


def test_nothing_is_cut_off_and_the_colours_follow_the_system(
    live_server: Any, transactional_db: None, sized_page: tuple[Any, str, str]
) -> None:
    page, size, scheme = sized_page
    log = a_long_failure()
    page.goto(f"{live_server.url}/carrot/failed?selected={log.uuid}")
    html = page.locator("html")
    expect(html).to_have_attribute("data-mantine-color-scheme", scheme)
    expect(page.get_by_test_id("task-traceback")).to_be_visible()
    expect(page.get_by_test_id("task-row")).to_have_count(1)

    screenshot(page, f"layout-{size}-{scheme}")
    seen = page.evaluate(MEASURE)
    assert seen["pageOverflow"] <= 0, f"the page scrolls sideways by {seen['pageOverflow']}px"
    assert seen["cutBadges"] == [], f"badges cut off: {seen['cutBadges']}"
    assert seen["brokenNames"] == [], f"task paths broken inside a name: {seen['brokenNames']}"
    assert max(seen["pathLines"]) > 1, "the long task path did not need to wrap: the check proves nothing"
    assert seen["pathsOutside"] == 0
    assert seen["time"] and seen["time"] != "—", "the failed time is not shown within the screen"
    assert seen["codeOverflow"] == "auto" and seen["codeScrolls"] and seen["codeInside"], seen

    # The toggle names the switch it makes from what is shown, and its first click makes it.
    other = "dark" if scheme == "light" else "light"
    page.get_by_role("button", name=f"Use {other} colours").click()
    expect(html).to_have_attribute("data-mantine-color-scheme", other)
    expect(page.get_by_role("button", name=f"Use {scheme} colours")).to_be_visible()
