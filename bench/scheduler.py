"""Target 5 of issue 5: the scheduler with many scheduled tasks falling due together.

A run (its own RabbitMQ vhost and database, ``bench/infra.py``): ``scheduler_load.py prepare``
creates the tasks at one moment; a receiver consumes the queue and notes when each message arrives;
one or more scheduler processes (``scheduler_load.py service``) run side by side for ``intervals``
due times. Then:

- lag = arrival of a run's message - its due time (the first due time + k x interval); also from
  the log's ``publish_time``, which is written before the message is sent;
- duplicates = messages beyond the first for one task and one due time; missing = runs never seen;
- queries/s = SQL statements the scheduler processes sent (counted in-process) / their lifetime;
- CPU = utime + stime of the scheduler processes (``/proc/<pid>/stat``) over the run, % of a core.
"""

from __future__ import annotations

import functools
import json
import os
import signal
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import infra, peers
from bench.peers import CARROT15, OURS, Peer
from bench.runner import RESULTS_DIR, SYSTEMS_DIR
from bench.tables import Row, interleaved, markdown

SCRIPT = "scheduler_load.py"
TARGET_P99_LAG = 1.0
SETTLE = 20.0
"""Seconds after the last due time to wait for late runs (at most half an interval)."""
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class Setup:
    label: str
    peer: Peer
    system: str
    tasks: int
    services: int
    has_due_times: bool = True


def setups(n: int, old_n: int, services: int, engine: str) -> tuple[Setup, ...]:
    """Ours at ``n`` with ``services`` schedulers; ours and 1.5 at ``old_n`` with one each.

    1.5 is left out on PostgreSQL: its thread per task holds a database connection per task, so 1,000
    tasks need 1,000 connections, ten times PostgreSQL's default ``max_connections``; the threads
    beyond it die, and meanwhile nothing else on the server can connect.
    """
    ours = (
        Setup(f"ours, {n:,} tasks, {services} services", OURS, "ours", n, services),
        Setup(f"ours, {old_n:,} tasks, 1 service", OURS, "ours", old_n, 1),
    )
    if engine == "postgres":
        return ours
    old = Setup(
        f"carrot 1.5, {old_n:,} tasks, 1 service", CARROT15, "carrot15", old_n, 1, has_due_times=False
    )
    return (*ours, old)


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def _start(python: Path, *args: str, env: dict[str, str]) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        [str(python), SCRIPT, *args], cwd=SYSTEMS_DIR, env=env, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    line = process.stdout.readline().strip()
    if line != "ready":
        process.kill()
        raise RuntimeError(f"{SCRIPT} {' '.join(args)} did not start (exit {process.wait()}): {line!r}")
    return process


def _run(python: Path, *args: str, env: dict[str, str]) -> str:
    """``scheduler_load.py <args>`` to the end; its stdout, or an error with its stderr."""
    done = subprocess.run(
        [str(python), SCRIPT, *args], cwd=SYSTEMS_DIR, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{SCRIPT} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout.strip()


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGTERM)
    try:
        out, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        process.kill()
        out, _ = process.communicate()
    return out.strip().splitlines()[-1] if out.strip() else "{}"


def _lags(
    arrivals: list[list[float]], first_due: float, interval: int, offsets: list[float]
) -> dict[str, Any]:
    """Lag per run (seconds), duplicates and runs per due time, from ``[index, time]`` pairs.

    A run's due time is the first due time + k x interval + the task's spread (``offsets``); the lag
    from the nominal time (``next_run_at``, without the spread) is reported too.
    """
    runs: Counter[tuple[int, int]] = Counter()
    lags, nominal = [], []
    for index, at in arrivals:
        offset = offsets[int(index)] if offsets else 0.0
        slot = max(0, round((at - first_due - offset) / interval))
        runs[(int(index), slot)] += 1
        lags.append(at - (first_due + slot * interval + offset))
        nominal.append(at - (first_due + slot * interval))
    per_slot = Counter(slot for _, slot in runs)
    return {
        "p50": _quantile(lags, 0.5),
        "p99": _quantile(lags, 0.99),
        "max": max(lags, default=float("nan")),
        "nominal_p50": _quantile(nominal, 0.5),
        "nominal_p99": _quantile(nominal, 0.99),
        "duplicates": sum(count - 1 for count in runs.values()),
        "runs_per_due_time": [per_slot[slot] for slot in sorted(per_slot)],
    }


def _quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] if ordered else float("nan")


def run_once(setup: Setup, interval: int, intervals: int, engine: str) -> dict[str, Any]:
    """One run of ``setup`` in a fresh vhost and database; see the module's docstring."""
    python, receiver_python = peers.ensure(setup.peer), peers.ensure(OURS)
    prefix = f"sched{setup.system}"
    with (
        infra.vhost(prefix) as vhost,
        infra.database(engine, prefix) as db,
        tempfile.TemporaryDirectory() as tmp,
    ):
        env = {**os.environ, "BENCH_VHOST": vhost, "BENCH_DB": db, "PYTHONDONTWRITEBYTECODE": "1"}
        arrivals_path, logs_path = Path(tmp, "arrivals.json"), Path(tmp, "logs.json")
        given = ("--system", setup.system, "--interval", str(interval))
        receiver = _start(receiver_python, "receive", "--out", str(arrivals_path), env=env)
        services: list[subprocess.Popen[str]] = []
        try:
            prepared = _run(python, "prepare", *given, "--n", str(setup.tasks), env=env)
            plan = json.loads(prepared.splitlines()[-1])
            first_due, offsets = plan["first_due"], plan.get("offsets", [])
            services = [_start(python, "service", *given, env=env) for _ in range(setup.services)]
            started, cpu_before = time.time(), [_cpu_seconds(s.pid) for s in services]
            if not setup.has_due_times:
                first_due = started + interval
            settle = min(SETTLE, interval / 2)
            time.sleep(max(0.0, first_due + (intervals - 1) * interval + settle - time.time()))
            cpu = sum(_cpu_seconds(s.pid) for s in services) - sum(cpu_before)
            wall = time.time() - started
            counts = [json.loads(_stop(s)) for s in services]
            if not all("queries" in count for count in counts):
                raise RuntimeError(
                    f"{setup.label}: a scheduler did not stop within 60 s and report its queries"
                )
        finally:
            for process in services:
                if process.poll() is None:
                    _stop(process)
            _stop(receiver)
        arrivals = json.loads(arrivals_path.read_text())
        result: dict[str, Any] = {
            "tasks": setup.tasks,
            "services": setup.services,
            "wall_seconds": wall,
            "published": len(arrivals),
            "queries_per_second": sum(c["queries"] for c in counts) / wall,
            "cpu_percent": 100 * cpu / wall,
            "cpu_seconds": cpu,
        }
        if setup.has_due_times:
            result["lag_arrival"] = _lags(arrivals, first_due, interval, offsets)
            result["expected_runs"] = setup.tasks * intervals
            if setup.system == "ours":
                _run(python, "logs", *given, "--out", str(logs_path), env=env)
                result["lag_log"] = _lags(json.loads(logs_path.read_text()), first_due, interval, offsets)
        return result


def run(
    n: int, old_n: int, services: int, interval: int, intervals: int, repetitions: int, engine: str
) -> dict[str, list[dict[str, Any]]]:
    """Every setup ``repetitions`` times, interleaved; progress on stderr."""

    def summary(result: dict[str, Any]) -> str:
        p99 = result.get("lag_arrival", {}).get("p99", float("nan"))
        return (
            f"{result['published']:,} runs, p99 lag {p99:.2f}s, "
            f"{result['queries_per_second']:,.0f} queries/s, CPU {result['cpu_percent']:.1f}%"
        )

    runs = [
        (setup.label, functools.partial(run_once, setup, interval, intervals, engine))
        for setup in setups(n, old_n, services, engine)
    ]
    return interleaved("scheduler", repetitions, runs, summary)


def report(results: dict[str, list[dict[str, Any]]], engine: str) -> str:
    """The table and the targets: p99 lag, duplicates, and 1.5's queries/s against ours."""
    labels = list(results)
    main_label, ours_label = labels[0], labels[1]
    rows: list[Row] = []
    for label, runs in results.items():
        baseline = results[ours_label] if label != main_label else None
        for key, metric in (("lag_arrival", "arrival"), ("lag_log", "log publish_time")):
            if key in runs[0]:
                for q in ("p50", "p99", "max"):
                    rows.append(Row(label, f"lag {q} s, {metric}", [r[key][q] for r in runs], digits=2))
                for q in ("p50", "p99"):
                    values = [r[key][f"nominal_{q}"] for r in runs]
                    rows.append(
                        Row(label, f"lag {q} s from next_run_at (no spread), {metric}", values, digits=2)
                    )
        if "lag_arrival" in runs[0]:
            rows.append(
                Row(label, "duplicate runs", [r["lag_arrival"]["duplicates"] for r in runs], digits=0)
            )
            rows.append(
                Row(
                    label,
                    "runs published / expected",
                    [r["published"] / r["expected_runs"] for r in runs],
                    digits=3,
                )
            )
        rows.append(
            Row(
                label,
                f"queries/s ({engine})",
                [r["queries_per_second"] for r in runs],
                [r["queries_per_second"] for r in baseline] if baseline else None,
            )
        )
        rows.append(
            Row(
                label,
                "scheduler CPU, % of a core",
                [r["cpu_percent"] for r in runs],
                [r["cpu_percent"] for r in baseline] if baseline else None,
            )
        )
    main_runs = results[main_label]
    p99 = statistics.median(r["lag_arrival"]["p99"] for r in main_runs)
    duplicates = sum(r["lag_arrival"]["duplicates"] for r in main_runs)
    lines = [
        markdown(rows, f"this / {ours_label} (above 1: ours lighter)"),
        "",
        "Targets of issue 5:",
        f"- {main_label}: p99 lag (arrival) {p99:.2f}s (target <= {TARGET_P99_LAG:g}s): "
        + ("met" if p99 <= TARGET_P99_LAG else "NOT met"),
        f"- {main_label}: duplicate publishes {duplicates} (target 0): "
        + ("met" if not duplicates else "NOT met"),
    ]
    if len(labels) > 2:
        for key, what in (("queries_per_second", "queries/s"), ("cpu_percent", "CPU")):
            old = statistics.median(r[key] for r in results[labels[2]])
            for label in (ours_label, main_label):
                ours = statistics.median(r[key] for r in results[label])
                lines.append(f"- {what}, {labels[2]} / {label}: {old / ours:.1f}x")
    else:
        lines.append(
            "- carrot 1.5 is not run on PostgreSQL (a connection per scheduled task): see --db sqlite"
        )
    return "\n".join(lines)


def main(
    n: int, old_n: int, services: int, interval: int, intervals: int, repetitions: int, engine: str
) -> None:
    results = run(n, old_n, services, interval, intervals, repetitions, engine)
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-scheduler-{engine}.json"
    path.write_text(json.dumps({"suite": "scheduler", "engine": engine, "results": results}, indent=1))
    print(
        f"\n## scheduler ({engine}, every {interval}s for {intervals} due times, {repetitions} run(s) each; "
        f"raw results in {path})\n"
    )
    print(report(results, engine), flush=True)
