"""The monitor in a real headless Chromium (Debian's, driven by Playwright) against Django's live server.

The live server runs the real API on the test database; the ``service`` fixture (tests/conftest.py)
runs real consumers on the real RabbitMQ, so tasks published here really run, fail and complete.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
HOW_TO_INSTALL_CHROMIUM = (
    f"{CHROMIUM} is missing: the browser tests drive Debian's Chromium. Install it with "
    "`apt-get update && apt-get install -y chromium` (scripts/ui.sh does this), then rerun the tests."
)
HOW_TO_INSTALL_PLAYWRIGHT = (
    "The Python package playwright is missing: pip install -r requirements/test.txt "
    "(its driver ships in the wheel; no `playwright install` is needed, the tests use Debian's Chromium)."
)
ROOT = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOTS = ROOT / "docs" / "_static" / "screenshots"
ARTIFACT_SCREENSHOTS = ROOT / ".artifacts" / "screenshots"
SCREENSHOTS = DOCS_SCREENSHOTS if os.environ.get("CARROT_UPDATE_SCREENSHOTS") else ARTIFACT_SCREENSHOTS
"""Every run takes the screenshots; CARROT_UPDATE_SCREENSHOTS=1 writes them over the docs' copies
(they change with every run: times, ids), otherwise they go to .artifacts/ (not committed)."""
PREFIXES = ("/carrot/", "/ops/monitor/")
"""Where tests/urls.py mounts carrot.urls: the monitor must work under any prefix."""


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, for one test module.

    Playwright's sync API keeps an asyncio loop marked running in this thread while it is started, so
    Django would take the tests' own (synchronous) ORM calls for calls from async code: allow them
    while the browser runs, and stop it at the end of the module so the rest of the suite is untouched.
    """
    if not Path(CHROMIUM).exists():
        pytest.fail(HOW_TO_INSTALL_CHROMIUM, pytrace=False)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail(HOW_TO_INSTALL_PLAYWRIGHT, pytrace=False)
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _new_page(chromium: Any, **options: Any) -> Iterator[Any]:
    context = chromium.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    context.set_default_timeout(15_000)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert not errors, f"the page raised JavaScript errors: {errors}"


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh browser context and page at 1280x900, light colours."""
    yield from _new_page(chromium, color_scheme="light")


@pytest.fixture
def narrow_dark_page(chromium: Any) -> Iterator[Any]:
    """A phone-sized page in dark mode."""
    yield from _new_page(
        chromium, viewport={"width": 390, "height": 844}, color_scheme="dark", is_mobile=True, has_touch=True
    )


@pytest.fixture
def monitor(live_server: Any, service: Any) -> str:
    """The monitor's URL (under /carrot/) with the carrot service running."""
    return f"{live_server.url}/carrot/"


@pytest.fixture
def login_required(settings: Any) -> None:
    """The monitor and its API need a signed-in user."""
    settings.CARROT = {
        **settings.CARROT,
        "monitor_authentication": ["django.contrib.auth.decorators.login_required"],
    }


def screenshot(page: Any, name: str) -> None:
    """Save a screenshot (for the docs: docs/monitor.rst shows them)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(300)  # let transitions (modals, drawers) settle
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"))


def url_re(text: str) -> re.Pattern[str]:
    return re.compile(".*" + re.escape(text) + ".*")
