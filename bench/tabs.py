"""``python -m bench tabs``: 100 monitor tabs polling a public monitor for a minute; what the broker sees.

The site (``bench/systems/monitor_tabs_site.py``, in ours' venv) is a public monitor with three
queues, served by Django's development server as ``runserver --noreload`` runs it (a thread per
request), on a fresh SQLite database. Its broker is reached through the test suite's counting TCP
proxy (``tests/faults/proxy.py``), which counts every connection the server opens to RabbitMQ and the
bytes it sends. Each simulated tab sends what the monitor's Queued tab sends on every refresh
(``REFRESH_INTERVAL_MS`` in ``ui/src/app/refresh.tsx``): the header's task counts, the queues with
their state, the tab's counts and its first page of tasks, one after the other; the tabs' refreshes
are spread evenly over the interval, as tabs opened at different moments are. Only the standard
library is used on the client side.
"""

from __future__ import annotations

import http.client
import json
import re
import statistics
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import infra, peers
from bench.monitor import server
from bench.runner import RESULTS_DIR

SITE = "monitor_tabs_site.py"
UI_QUERIES = Path(__file__).resolve().parents[1] / "ui" / "src" / "features" / "tasks" / "queries.ts"
REFRESH_SECONDS = 5.0
"""The UI's refresh interval (``REFRESH_INTERVAL_MS = 5000``)."""
PAGE_SIZE = 50
RABBITMQ_PORT = 5672


def ui_document(name: str) -> str:
    """The UI's GraphQL document of operation ``name``, from its source."""
    for text in re.findall(r"graphql\(`(.*?)`\)", UI_QUERIES.read_text(), re.DOTALL):
        if re.search(rf"\b(query|mutation)\s+{name}\b", text):
            return str(text)
    raise LookupError(f"no document {name} in {UI_QUERIES}")


def refresh_bodies() -> list[bytes]:
    """The requests of one refresh of the Queued tab, as JSON bodies."""
    counts, states, page = ui_document("TaskCounts"), ui_document("QueueStates"), ui_document("TaskList")
    requests = [
        (counts, {}),  # the header's badges
        (states, {}),  # the queue menu of the tab's actions
        (counts, {"queue": None}),  # the tab's own counts
        (page, {"filter": {"status": "QUEUED"}, "first": PAGE_SIZE, "after": None}),
    ]
    return [json.dumps({"query": query, "variables": variables}).encode() for query, variables in requests]


@dataclass
class Tally:
    """What the tabs saw, filled by every tab's thread."""

    waiting: dict[str, int]
    lock: threading.Lock = field(default_factory=threading.Lock)
    served: int = 0
    failures: list[str] = field(default_factory=list)
    wrong_states: int = 0
    ms: list[float] = field(default_factory=list)

    def record(self, ms: float, body: dict[str, Any] | None, failure: str | None) -> None:
        with self.lock:
            if failure is not None:
                self.failures.append(failure)
                return
            self.served += 1
            self.ms.append(ms)
            queues = ((body or {}).get("data") or {}).get("queues")
            if queues is not None and {q["name"]: q["state"]["messages"] for q in queues} != self.waiting:
                self.wrong_states += 1


def post(port: int, body: bytes) -> tuple[float, dict[str, Any] | None, str | None]:
    """One GraphQL request on a new connection (as a browser's would be after 5 s idle)."""
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("POST", "/carrot/graphql", body, {"Content-Type": "application/json"})
        response = connection.getresponse()
        text = response.read()
    except OSError as exc:
        return 0.0, None, f"{type(exc).__name__}: {exc}"
    finally:
        connection.close()
    ms = (time.perf_counter() - started) * 1000
    answer = json.loads(text) if text.startswith(b"{") else None
    if response.status != 200 or answer is None or answer.get("errors"):
        return ms, None, f"{response.status}: {text[:300]!r}"
    return ms, answer, None


def tab(port: int, bodies: list[bytes], first: float, end: float, tally: Tally) -> None:
    """One monitor tab: a refresh at ``first``, then every :data:`REFRESH_SECONDS` until ``end``."""
    due = first
    while due < end:
        time.sleep(max(0.0, due - time.monotonic()))
        for body in bodies:
            tally.record(*post(port, body))
        due += REFRESH_SECONDS


def poll(port: int, tabs: int, seconds: float, waiting: dict[str, int]) -> Tally:
    """``tabs`` tabs refreshing for ``seconds``, their phases spread over the refresh interval."""
    tally = Tally(waiting)
    bodies = refresh_bodies()
    start = time.monotonic() + 1.0
    threads = [
        threading.Thread(
            target=tab, args=(port, bodies, start + n * REFRESH_SECONDS / tabs, start + seconds, tally)
        )
        for n in range(tabs)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally


def run(tabs: int = 100, seconds: float = 60.0) -> dict[str, Any]:
    """The whole benchmark; prints its table and returns (and saves) its figures."""
    import os

    from tests.faults.proxy import Proxy

    python = peers.ensure(peers.OURS)
    with (
        infra.vhost("tabs") as vhost,
        infra.database("sqlite", "tabs") as database,
        Proxy(RABBITMQ_PORT, name="rabbitmq", lifetime=seconds + 600) as proxy,
    ):
        os.environ["BENCH_VHOST"] = vhost
        os.environ["BENCH_BROKER"] = f"amqp://guest:guest@127.0.0.1:{proxy.port}/{vhost}"
        waiting = server.site(python, "prepare", database, script=SITE)["waiting"]
        with server.running(python, database, script=SITE) as base_url:
            started = time.monotonic()
            tally = poll(int(base_url.rsplit(":", 1)[1]), tabs, seconds, waiting)
            elapsed = time.monotonic() - started
            result = {
                "tabs": tabs,
                "seconds": round(elapsed, 1),
                "requests_served": tally.served,
                "failed_requests": len(tally.failures),
                "first_failures": tally.failures[:5],
                "queue_state_answers_wrong": tally.wrong_states,
                "broker_connections_opened": proxy.accepted,
                "broker_connections_open_at_end": proxy.live,
                "bytes_sent_to_broker": proxy.bytes_up,
                "median_ms": round(statistics.median(tally.ms), 1) if tally.ms else None,
                "p95_ms": round(statistics.quantiles(tally.ms, n=20)[-1], 1) if len(tally.ms) > 1 else None,
            }
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-tabs.json"
    path.write_text(json.dumps(result, indent=2))
    print(f"\n## {tabs} monitor tabs for {seconds:g} s (raw results in {path})\n")
    print("| metric | value |\n| --- | --- |")
    for key, value in result.items():
        if key != "first_failures":
            print(f"| {key.replace('_', ' ')} | {value} |")
    if tally.failures:
        print("\nfirst failures:", *tally.failures[:5], sep="\n  ")
    return result
