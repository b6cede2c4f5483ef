"""Open the monitor's Failed tab in Debian's headless Chromium (Playwright) and time its first page.

Run in ``bench/.venvs/browser`` as ``python monitor_browser.py --url URL --sessionid S --runs N``.
Every run is a fresh browser context (no cache, no cookies but the session) and a fresh page. An
init script watches the DOM from the first byte; the time reported is ``performance.now()`` (so
measured from the navigation's start, the page's time origin) at the first animation frame after the
first task row is in the document, that is when the browser paints it. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
from urllib.parse import urlsplit

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
ROW = '[data-testid="task-row"]'
WATCH_FIRST_ROW = f"""
(() => {{
  const found = () => {{
    if (window.__firstRowMs !== undefined || !document.querySelector('{ROW}')) return false;
    window.__firstRowMs = null;
    requestAnimationFrame(() => {{ window.__firstRowMs = performance.now(); }});
    return true;
  }};
  new MutationObserver((_, observer) => {{ if (found()) observer.disconnect(); }})
    .observe(document, {{ childList: true, subtree: true }});
}})();
"""


def one_run(browser: object, url: str, sessionid: str) -> dict[str, float]:
    host = urlsplit(url).hostname
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    context.add_cookies([{"name": "sessionid", "value": sessionid, "domain": host, "path": "/"}])
    context.add_init_script(WATCH_FIRST_ROW)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto(url, wait_until="commit")
        page.wait_for_function("typeof window.__firstRowMs === 'number'", timeout=30_000)
        timing = page.evaluate(
            """() => {
              const nav = performance.getEntriesByType('navigation')[0];
              const script = performance.getEntriesByType('resource').find((r) => r.name.endsWith('.js'));
              return {
                first_row_ms: window.__firstRowMs,
                html_ms: nav.responseEnd,
                dom_content_loaded_ms: nav.domContentLoadedEventEnd,
                script_ms: script ? script.responseEnd : null,
                rows: document.querySelectorAll('[data-testid="task-row"]').length,
              };
            }"""
        )
    finally:
        context.close()
    if errors:
        raise SystemExit(f"the page raised JavaScript errors: {errors}")
    return timing


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--sessionid", required=True)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    options = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        for _ in range(options.warmup):
            one_run(browser, options.url, options.sessionid)
        runs = [one_run(browser, options.url, options.sessionid) for _ in range(options.runs)]
        browser.close()
    print(json.dumps({"runs": runs}), flush=True)


if __name__ == "__main__":
    main()
