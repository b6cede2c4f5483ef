"""Targets 4 and 6 of issue 5: the monitor API and UI with 1,000,000 task logs on PostgreSQL.

One run: a fresh PostgreSQL database migrated by ours' venv, 1,000,000 logs loaded in SQL
(:mod:`bench.monitor.data`), a staff session, then Django's ``runserver`` serving ours at
``/carrot/`` and stock graphene-django at ``/stock/graphql`` (:mod:`bench.monitor.server`);
:mod:`bench.monitor.api` times GraphQL requests over HTTP, :mod:`bench.monitor.ui` the bundle and
the Failed tab in headless Chromium. The database is dropped at the end.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from typing import Any

from bench import infra, peers
from bench.monitor import api, data, report, server, ui
from bench.runner import RESULTS_DIR

REQUESTS = 100
"""Timed requests per API row (in 5 interleaved rounds)."""
BROWSER_RUNS = 15
"""Fresh page loads of the Failed tab."""
DEEP_PAGE_SPEEDUP = 10
UI_TARGET_MS = 1000


class LoadWatch:
    """The 1-minute load average sampled every few seconds: what else the machine was doing."""

    def __init__(self, every: float = 5.0) -> None:
        self.samples: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, args=(every,), daemon=True)

    def _sample(self, every: float) -> None:
        while not self._stop.wait(every):
            self.samples.append(os.getloadavg()[0])

    def __enter__(self) -> LoadWatch:
        self.samples.append(os.getloadavg()[0])
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()

    def restart(self) -> None:
        """Forget the samples so far (the data load is not what the next table measured)."""
        self.samples[:] = [os.getloadavg()[0]]

    def __str__(self) -> str:
        now = [*self.samples, os.getloadavg()[0]]
        return f"1-minute load average {min(now):.2f} to {max(now):.2f}, median {statistics.median(now):.2f}"


def api_rows(base_url: str, session: dict[str, Any], requests: int) -> list[report.Row]:
    """Every API request of :func:`api.requests` timed over HTTP, with its target's verdict."""
    port = int(base_url.rsplit(":", 1)[1])
    client = api.Client(port, session["sessionid"])
    try:
        plan = api.requests(session["cursors"], session["deep"])
        results = api.interleaved(client, plan, requests)
    finally:
        client.close()
    rows = []
    ours_median: dict[str, float] = {}
    for request, result in zip(plan, results, strict=True):
        target, met = "", None
        if request.target_ms is not None:
            ours_median[request.metric] = statistics.median(result.ms)
            target, met = f"p95 <= {request.target_ms:g} ms", report.p95(result.ms) <= request.target_ms
        elif request.metric == api.EMPTY_METRIC and request.system == "ours":
            ours_median[request.metric] = statistics.median(result.ms)
        elif request.metric.startswith("page ") and request.metric in ours_median:
            target, met = deep_page_verdict(statistics.median(result.ms), ours_median, request.metric)
        rows.append(report.Row(request.system, request.metric, result.ms, target, met))
        answered = api.rows_of(result.answer) or json.dumps(result.answer)
        print(f"[bench] {request.system}, {request.metric}: {answered}", file=sys.stderr)
    return rows


def deep_page_verdict(stock_ms: float, ours_median: dict[str, float], metric: str) -> tuple[str, bool]:
    """Stock's deep page against ours, and how fast ours would have to be beside its empty request.

    When stock's page takes less than ten empty requests (the failed tab's cheap ``OFFSET``), no
    answer through the same view could be 10x faster: the text says so with the numbers.
    """
    ratio = stock_ms / ours_median[metric]
    bound, empty = stock_ms / DEEP_PAGE_SPEEDUP, ours_median[api.EMPTY_METRIC]
    text = f"ours >= {DEEP_PAGE_SPEEDUP}x faster: {ratio:.1f}x"
    if ratio < DEEP_PAGE_SPEEDUP:
        text += f" ({DEEP_PAGE_SPEEDUP}x needs ours <= {bound:.1f} ms; ours' empty request {empty:.1f} ms)"
    return text, ratio >= DEEP_PAGE_SPEEDUP


def ui_rows(
    base_url: str, session: dict[str, Any], runs: int
) -> tuple[list[report.Row], list[dict[str, Any]]]:
    timings = ui.failed_tab(base_url, session["sessionid"], runs)
    first_row = [t["first_row_ms"] for t in timings]
    rows = [
        report.Row(
            "ours",
            "Failed tab: first row painted",
            first_row,
            f"p95 <= {UI_TARGET_MS} ms",
            report.p95(first_row) <= UI_TARGET_MS,
        ),
        report.Row("ours", "Failed tab: HTML received", [t["html_ms"] for t in timings]),
        report.Row(
            "ours", "Failed tab: monitor.js received", [t["script_ms"] for t in timings if t["script_ms"]]
        ),
        report.Row("ours", "Failed tab: DOMContentLoaded", [t["dom_content_loaded_ms"] for t in timings]),
    ]
    return rows, timings


def run(
    measure_api: bool,
    measure_ui: bool,
    requests: int | None = None,
    browser_runs: int | None = None,
    logs: int = data.ROWS,
) -> None:
    """Load the data once, serve it, measure what was asked, print the tables, drop the database."""
    python = peers.ensure(peers.OURS)
    saved: dict[str, Any] = {}
    with LoadWatch() as load, infra.database("postgres", "monitor") as database:
        server.site(python, "migrate", database)
        started = time.monotonic()
        per_status = data.load(database.removeprefix("postgres:"), logs)
        print(
            f"\n[bench] loaded {sum(per_status.values()):,} logs in {time.monotonic() - started:.0f}s:",
            per_status,
            flush=True,
        )
        session = server.site(python, "session", database)
        with server.running(python, database) as base_url:
            if measure_api:
                load.restart()
                rows = api_rows(base_url, session, requests or REQUESTS)
                print(f"\n## monitor API over HTTP (PostgreSQL, {logs:,} logs; {load})\n")
                print(report.table(rows), flush=True)
                saved["api"] = {f"{r.system}: {r.metric}": r.ms for r in rows}
                saved["api load average"] = load.samples[:]
            if measure_ui:
                load.restart()
                sizes = ui.bundle_sizes()
                print(f"\n## shipped bundle ({ui.STATIC_DIR})\n\n{ui.bundle_table(sizes)}", flush=True)
                rows, timings = ui_rows(base_url, session, browser_runs or BROWSER_RUNS)
                print(f"\n## Failed tab in headless Chromium ({ui.chromium_version()}; {load})\n")
                print(report.table(rows), flush=True)
                saved["ui"] = {"bundle_kb": sizes, "runs": timings, "load average": load.samples[:]}
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-monitor-postgres.json"
    path.write_text(json.dumps(saved, indent=1))
    print(f"\nraw results in {path}")
