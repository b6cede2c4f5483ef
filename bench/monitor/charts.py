"""The dashboard's ``taskStats`` with a week of rollups for 10 million task logs, on PostgreSQL.

The rollups the services would have written for a week at about 1,000 tasks a minute: 20 tasks on
2 queues (40 series), each with a row every minute of the week (403,200 minute rows), and the
quarter-hour and hourly rows summed from them in SQL as the flushes add them (per queue and task, and
the sums per queue, per task and of everything). The counts add up to
about 10 million runs. The task log table stays empty: ``taskStats`` never reads it, and the
rollups are what a week of 10 million logs leaves behind.

Each chart request of the monitor's dashboard is timed over HTTP, end to end through the GraphQL view,
with a staff session (:mod:`bench.monitor.api`), interleaved with the others and with the smallest
request (``{ __typename }``), which shows what any request costs on the machine at the time.
"""

from __future__ import annotations

import json
import sys
import time
from typing import Any

from bench import peers
from bench.infra import database as fresh_database
from bench.monitor import LoadWatch, api, data, report, server
from bench.runner import RESULTS_DIR

QUEUES = ("default", "bulk")
MINUTES = 7 * 24 * 60
TARGET_MS = 50
REQUESTS = 100
STATS = (
    "query TaskStats($range: StatsRange!, $queue: String, $task: String) {"
    " taskStats(range: $range, queue: $queue, task: $task) {"
    " range pointSeconds series { queue task }"
    " starts completed failed retried throughput failures p50 p95 } }"
)
HISTOGRAM = (
    "runs_le_10ms",
    "runs_le_50ms",
    "runs_le_100ms",
    "runs_le_250ms",
    "runs_le_500ms",
    "runs_le_1s",
    "runs_le_2500ms",
    "runs_le_5s",
    "runs_le_10s",
    "runs_le_30s",
    "runs_le_1m",
    "runs_le_5m",
    "runs_over_5m",
)
COUNTS = ("published", "started", "completed", "failed", "retried", "cancelled", *HISTOGRAM, "duration_sum")
_COLUMNS = ", ".join(COUNTS)

LOAD_SQL = f"""
SET synchronous_commit = off;
SELECT setseed(0.42);
INSERT INTO carrot_taskrollup (minute, queue, task, {_COLUMNS})
SELECT minute, queue, task, ended, ended, completed, failed, retried, 0,
       ended * 3 / 10, ended * 3 / 10, ended * 2 / 10, ended / 10,
       ended - ended * 3 / 10 - ended * 3 / 10 - ended * 2 / 10 - ended / 10 - slow, slow,
       0, 0, 0, 0, 0, 0, 0, ended * 0.08
FROM (
    SELECT minute, queue, task, completed, failed, retried, completed + failed + retried AS ended,
           (random() < 0.2)::int AS slow
    FROM (
        SELECT date_trunc('minute', now()) - m * interval '1 minute' AS minute, q AS queue, t AS task,
               21 + floor(random() * 7)::int AS completed, floor(random() * 2)::int AS failed,
               (random() < 0.1)::int AS retried
        FROM generate_series(0, {MINUTES - 1}) AS m,
             unnest({data._sql_array(QUEUES)}) AS q, unnest({data._sql_array(data.TASKS)}) AS t
    ) AS drawn
) AS rows;
INSERT INTO carrot_taskspanrollup (span, start, queue, task, {_COLUMNS})
SELECT span, start, coalesce(queue, ''), coalesce(task, ''), {", ".join(f"sum({name})" for name in COUNTS)}
FROM (
    SELECT span, to_timestamp(floor(extract(epoch FROM minute) / span) * span) AS start, queue, task,
           {_COLUMNS}
    FROM carrot_taskrollup, (VALUES (900), (3600)) AS spans (span)
) AS minutes
GROUP BY GROUPING SETS ((span, start, queue, task), (span, start, queue), (span, start, task), (span, start));
INSERT INTO carrot_tasktotal (queue, task, {_COLUMNS})
SELECT queue, task, {", ".join(f"sum({name})" for name in COUNTS)} FROM carrot_taskrollup GROUP BY 1, 2;
VACUUM ANALYZE carrot_taskrollup, carrot_taskspanrollup, carrot_tasktotal;
"""


def plan() -> list[api.Request]:
    """The dashboard's requests: each range for everything, and narrowed to a queue or a task."""
    path, one_task = "/carrot/graphql", {"queue": "default", "task": data.COMMON_TASK}
    rows = []
    for range_ in ("HOUR", "DAY", "WEEK"):
        rows.append(api.Request("ours", f"{range_.lower()}, every task", path, STATS, {"range": range_}))
    for range_ in ("DAY", "WEEK"):
        narrowed = {"range": range_, **one_task}
        rows.append(api.Request("ours", f"{range_.lower()}, one queue and task", path, STATS, narrowed))
    rows.append(api.Request("ours", "week, one queue", path, STATS, {"range": "WEEK", "queue": "bulk"}))
    timed = [api.Request(r.system, r.metric, r.path, r.query, r.variables, TARGET_MS) for r in rows]
    return [api.Request("ours", api.EMPTY_METRIC, path, api.EMPTY), *timed]


def check(answer: dict[str, Any], runs: int) -> str:
    """What one answer holds, checked against the rows loaded: every span, the runs of the range."""
    if "taskStats" not in answer:
        return json.dumps(answer)
    stats = answer["taskStats"]
    points = len(stats["starts"])
    expected = {"HOUR": 60, "DAY": 96, "WEEK": 168}[stats["range"]]
    if points != expected:
        raise AssertionError(f"{stats['range']}: {points} points, expected {expected}")
    ended = sum(stats["completed"]) + sum(stats["failed"]) + sum(stats["retried"])
    if not 0 < ended <= runs:
        raise AssertionError(f"{stats['range']}: {ended} runs of {runs}")
    return f"{points} points, {ended:,} runs, {len(stats['series'])} series"


def run(requests: int | None = None) -> None:
    """Load a week of rollups into a fresh database, serve it, time the dashboard's requests."""
    python = peers.ensure(peers.OURS)
    saved: dict[str, Any] = {}
    with LoadWatch() as load, fresh_database("postgres", "charts") as database:
        server.site(python, "migrate", database)
        name = database.removeprefix("postgres:")
        started = time.monotonic()
        data.psql(name, LOAD_SQL)
        runs = int(data.psql(name, "SELECT sum(completed + failed + retried) FROM carrot_tasktotal;"))
        tables = data.psql(
            name,
            "SELECT relname, n_live_tup FROM pg_stat_user_tables"
            " WHERE relname IN ('carrot_taskrollup', 'carrot_taskspanrollup') ORDER BY 1;",
        )
        print(
            f"\n[bench] loaded a week of rollups for {runs:,} runs in {time.monotonic() - started:.0f}s:"
            f" {' '.join(tables.split())}",
            flush=True,
        )
        session = server.site(python, "session", database)
        with server.running(python, database) as base_url:
            load.restart()
            client = api.Client(int(base_url.rsplit(":", 1)[1]), session["sessionid"])
            try:
                requests_plan = plan()
                results = api.interleaved(client, requests_plan, requests or REQUESTS)
            finally:
                client.close()
            rows = []
            for request, result in zip(requests_plan, results, strict=True):
                print(f"[bench] {request.metric}: {check(result.answer, runs)}", file=sys.stderr)
                if request.target_ms is None:  # the baseline: what any request costs
                    rows.append(report.Row("ours", request.metric, result.ms))
                    continue
                met = report.p95(result.ms) <= TARGET_MS
                rows.append(report.Row("ours", request.metric, result.ms, f"p95 <= {TARGET_MS} ms", met))
            heading = f"taskStats over HTTP (PostgreSQL, a week of rollups for {runs:,} runs; {load})"
            print(f"\n## {heading}\n\n{report.table(rows)}", flush=True)
            saved = {"runs": runs, "ms": {r.metric: r.ms for r in rows}, "load average": load.samples[:]}
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-charts-postgres.json"
    path.write_text(json.dumps(saved, indent=1))
    print(f"\nraw results in {path}")
