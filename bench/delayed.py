"""Delayed tasks: ``n`` tasks due in the same second, two services running, beside Celery.

A run (its own RabbitMQ vhost and database, ``bench/infra.py``; ``bench/systems/delayed_load.py``):

1. two services start: ours, two ``carrot`` services (consumers and relay); Celery, two workers
   (prefork, the default pool), set up as Celery's Django guide says (``DJANGO_SETTINGS_MODULE``, the
   Django fixup, django-celery-results);
2. ``n`` tasks are published, all due at one whole second far enough ahead for publishing to end
   before it: ours ``publish_many(TaskCall(..., eta=due))`` (stored ``DELAYED``, nothing sent), Celery
   ``apply_async(countdown=due - now)`` (sent at once; the workers hold the messages until due);
3. from the due second on: when every task is published (ours: the depth of a tap queue that the
   same fanout exchange fills and nobody consumes, polled every 50 ms) and when every task has run
   (each run notes its index and time in a file; :mod:`mark_task`);
4. afterwards, repeats: messages published for a task beyond the first (the tap's final depth - n),
   runs beyond the first per task, runs before the due second, tasks never run.

Ours' relay steps are timed inside each service (claim ``UPDATE``, publish, confirms) to show where
its time goes.
"""

from __future__ import annotations

import functools
import json
import math
import os
import statistics
import subprocess
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import infra, peers
from bench.peers import CELERY, OURS, Peer
from bench.runner import RESULTS_DIR, SYSTEMS_DIR
from bench.systems import common
from bench.tables import Row, interleaved, markdown

SCRIPT = "delayed_load.py"
SERVICES = 2
TARGET_SECONDS = 10.0
SETTLE = 3.0
"""Seconds the services keep running after the last run, so that a late repeat is still counted."""
READY_TIMEOUT = 120.0


@dataclass(frozen=True)
class Setup:
    label: str
    peer: Peer
    system: str
    n: int
    publish_rate: float
    """Tasks per second it surely publishes (Celery: and its workers take in) here: the due second is
    set this far ahead."""


def setups(n: int) -> tuple[Setup, ...]:
    """Ours with ``n`` tasks; ours and Celery with ``n // 10``.

    Celery's workers take in countdown messages at a few hundred a second at best here (each raises
    the channel's prefetch by one, and the worker parses and schedules it), so ``n`` of them would
    need many minutes of head start and hours on a loaded machine; a tenth keeps a run in minutes.
    """
    few = max(1, n // 10)
    return (
        Setup(f"ours, {n:,} tasks", OURS, "ours", n, 800.0),
        Setup(f"ours, {few:,} tasks", OURS, "ours", few, 800.0),
        Setup(f"celery countdown, {few:,} tasks", CELERY, "celery", few, 40.0),
    )


def lead(setup: Setup) -> float:
    """Seconds from now to the due second: publishing the tasks, and a margin for starting."""
    return 15.0 + setup.n / setup.publish_rate


def _run(python: Path, *args: str, env: dict[str, str]) -> dict[str, Any]:
    """``delayed_load.py <args>`` to the end; its JSON result, or an error with its stderr."""
    done = subprocess.run(
        [str(python), SCRIPT, *args], cwd=SYSTEMS_DIR, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        raise RuntimeError(f"{SCRIPT} {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines else {}


def _tail(path: Path) -> str:
    return path.read_text(errors="replace")[-3000:] if path.exists() else ""


def _start(python: Path, args: list[str], env: dict[str, str], folder: Path) -> subprocess.Popen[bytes]:
    """Start a service with its output in ``folder``; returns once it printed ``ready``."""
    out, err = folder / "stdout.txt", folder / "stderr.txt"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [str(python), SCRIPT, *args], cwd=SYSTEMS_DIR, env=env, stdout=stdout, stderr=stderr
        )
    deadline = time.monotonic() + READY_TIMEOUT
    while b"ready" not in out.read_bytes():
        if process.poll() is not None or time.monotonic() > deadline:
            common.stop(process, timeout=60)
            raise RuntimeError(f"{SCRIPT} {' '.join(args)} did not start:\n{_tail(err)}")
        time.sleep(0.1)
    return process


def _runs(folder: Path, due: float) -> dict[str, Any]:
    """From the runs noted: repeats, early runs, missing tasks, and when each task first ran."""
    first: dict[int, float] = {}
    counts: Counter[int] = Counter()
    for path in folder.glob("runs-*.txt"):
        for line in path.read_text().splitlines():
            index, at = line.split()
            counts[int(index)] += 1
            first[int(index)] = min(first.get(int(index), math.inf), float(at))
    lags = sorted(at - due for at in first.values())
    return {
        "ran": len(counts),
        "ran_twice": sum(count - 1 for count in counts.values()),
        "ran_early": sum(lag < 0 for lag in lags),
        "first_ran": lags[0] if lags else None,
        "all_ran": lags[-1] if lags else None,
        "run_lag_p50": _quantile(lags, 0.5),
        "run_lag_p99": _quantile(lags, 0.99),
    }


def _quantile(ordered: list[float], q: float) -> float | None:
    return ordered[min(len(ordered) - 1, max(0, round(q * len(ordered)) - 1))] if ordered else None


def _relay(folder: Path, due: float) -> dict[str, Any]:
    """Ours' relay steps over both services: seconds summed, and when the last publish was confirmed."""
    summaries = [json.loads(path.read_text()) for path in sorted(folder.glob("service-*/relay.json"))]
    total: dict[str, Any] = {"services": len(summaries)}
    for key in ("seconds", "calls", "items"):
        total[key] = dict(sum((Counter(s[key]) for s in summaries), Counter()))
    confirmed = [s["last"]["relay"] for s in summaries if "relay" in s["last"]]
    claimed = [s["first"]["claim"] for s in summaries if "claim" in s["first"]]
    total["first_claim"] = min(claimed) - due if claimed else None
    total["all_confirmed"] = max(confirmed) - due if confirmed else None
    total["claimed_per_service"] = [s["items"].get("claim", 0) for s in summaries]
    return total


def run_once(setup: Setup, concurrency: int, engine: str) -> dict[str, Any]:
    """One run of ``setup`` in a fresh vhost and database; see the module's docstring."""
    python, watcher = peers.ensure(setup.peer), peers.ensure(OURS)
    prefix = f"delayed{setup.system}"
    with (
        infra.vhost(prefix) as vhost,
        infra.database(engine, prefix) as db,
        tempfile.TemporaryDirectory() as tmp,
    ):
        folder, runs = Path(tmp), Path(tmp, "runs")
        runs.mkdir()
        env = {
            **os.environ,
            "BENCH_VHOST": vhost,
            "BENCH_DB": db,
            "BENCH_RUNS_DIR": str(runs),
            "PYTHONDONTWRITEBYTECODE": "1",
        }
        system = ("--system", setup.system)
        _run(python, "migrate", *system, env=env)
        services: list[subprocess.Popen[bytes]] = []
        try:
            for index in range(SERVICES):
                service_dir = folder / f"service-{index}"
                service_dir.mkdir()
                args = ["service", *system, "--concurrency", str(concurrency)]
                args += ["--out", str(service_dir / "relay.json")]
                services.append(_start(python, args, env, service_dir))
            due = math.ceil(time.time() + lead(setup))
            plan = ("--n", str(setup.n), "--due", str(due))
            prepared = _run(python, "prepare", *system, *plan, env=env)
            if prepared["finished"] > due - 1:
                raise RuntimeError(
                    f"{setup.label}: publishing ended {prepared['finished'] - due:+.1f}s from the due "
                    f"second; lower its publish_rate ({setup.publish_rate:g}/s) in bench/delayed.py"
                )
            tap = ("--tap",) if setup.system == "ours" else ()
            watched = _run(watcher, "watch", *plan, *tap, env=env)
            time.sleep(SETTLE)
            dead = [index for index, service in enumerate(services) if service.poll() is not None]
            if dead:
                said = _tail(folder / f"service-{dead[0]}" / "stderr.txt")
                raise RuntimeError(f"{setup.label}: service(s) {dead} exited during the run:\n{said}")
        finally:
            for process in services:
                common.stop(process, timeout=60)
        result: dict[str, Any] = {
            "n": setup.n,
            "due": due,
            "prepared_before_due": due - prepared["finished"],
            **watched,
            **_runs(runs, due),
        }
        if result["ran"] < setup.n:  # for the raw results: what the services said
            result["service_stderr"] = [_tail(path) for path in sorted(folder.glob("service-*/stderr.txt"))]
        if setup.system == "ours":
            result["published_twice"] = _run(watcher, "depth", env=env)["depth"] - setup.n
            result["relay"] = _relay(folder, due)
            result["logs"] = _run(python, "report", *system, env=env)
        return result


def run(n: int, concurrency: int, repetitions: int, engine: str) -> dict[str, list[dict[str, Any]]]:
    """Every setup ``repetitions`` times, interleaved; progress on stderr."""

    def summary(result: dict[str, Any]) -> str:
        published, ran = result.get("all_published"), result["all_ran"]
        return (
            (f"all published {published:.2f}s after due, " if published is not None else "")
            + (f"last run {ran:.2f}s after due, " if ran is not None else "")
            + f"{result['ran']:,} of {result['n']:,} ran"
        )

    runs = [(s.label, functools.partial(run_once, s, concurrency, engine)) for s in setups(n)]
    return interleaved("delayed", repetitions, runs, summary)


METRICS = (
    # key, metric, digits (0: a count, no ratio), lower is better
    ("all_claimed", "due -> last claim (the logs' publish_time), s", 2, True),
    ("all_published", "due -> all published (in the queues), s", 2, True),
    ("all_confirmed", "due -> all published and confirmed (relay), s", 2, True),
    ("first_ran", "due -> first run, s", 2, True),
    ("run_lag_p50", "due -> run, p50 of tasks, s", 2, True),
    ("run_lag_p99", "due -> run, p99 of tasks, s", 2, True),
    ("all_ran", "due -> all run, s", 2, True),
    ("run_rate", "tasks run per second, due -> all run", 0, False),
    ("queued_at_due", "messages still in the queue at the due second", 0, True),
    ("published_twice", "messages published twice", 0, True),
    ("ran_twice", "runs beyond the first", 0, True),
    ("ran_early", "runs before the due second", 0, True),
    ("missing", "tasks never run", 0, True),
)
RATIOS = ("run_lag_p50", "run_lag_p99", "all_ran", "run_rate")
"""The metrics both systems have: ours with as many tasks against Celery."""


def _values(runs: list[dict[str, Any]], key: str) -> list[float]:
    found = []
    for result in runs:
        if key == "all_confirmed":
            value = result.get("relay", {}).get("all_confirmed")
        elif key == "all_claimed":
            last = result.get("logs", {}).get("last_publish_time")
            value = last - result["due"] if last else None
        elif key == "missing":
            value = result["n"] - result["ran"]
        elif key == "run_rate":
            value = result["n"] / result["all_ran"] if result.get("all_ran") else None
        else:
            value = result.get(key)
        if value is not None:
            found.append(value)
    return found


def report(results: dict[str, list[dict[str, Any]]], n: int, engine: str) -> str:
    """The table (ratios against ours with as many tasks), the targets, and where ours' relay spent
    its time."""
    ours_with = {setup.n: setup.label for setup in setups(n) if setup.system == "ours"}
    rows = []
    for setup in setups(n):
        runs, baseline = results[setup.label], results[ours_with[setup.n]]
        compare = setup.label != ours_with[setup.n]
        for key, metric, digits, lower in METRICS:
            against = _values(baseline, key) if compare and key in RATIOS else None
            rows.append(Row(setup.label, f"{metric} ({engine})", _values(runs, key), against, lower, digits))
    main = setups(n)[0]
    ours = results[main.label]
    published = statistics.median(r.get("all_published", math.inf) for r in ours)
    repeats = sum(r["published_twice"] + r["ran_twice"] for r in ours)
    lines = [
        markdown(rows, "this / ours with as many tasks (above 1: ours faster)"),
        "",
        "Targets:",
        f"- {main.label}: all published {published:.2f}s after the due second (target <= "
        f"{TARGET_SECONDS:g}s): " + ("met" if published <= TARGET_SECONDS else "NOT met"),
        f"- {main.label}: published or run twice {repeats} (target 0): "
        + ("met" if not repeats else "NOT met"),
        "",
        "Where ours' relay spent its time (each service's steps summed; the two services side by side):",
    ]
    for setup in setups(n):
        if setup.system == "ours":
            lines += [f"- {setup.label}: {_relay_line(r['relay'])}" for r in results[setup.label]]
    return "\n".join(lines)


def _relay_line(relay: dict[str, Any]) -> str:
    seconds, calls = relay["seconds"], relay["calls"]
    steps = ", ".join(
        f"{step} {seconds.get(step, 0.0):.2f}s in {calls.get(step, 0)} calls"
        for step in ("relay", "claim", "publish", "confirms", "forget_consumed")
    )
    first = relay["first_claim"]
    after = f"first claim {first:.2f}s after due" if first is not None else "nothing claimed"
    claimed = relay["claimed_per_service"]
    return f"claimed {claimed} by service; {after}; {steps}"


def main(n: int, concurrency: int, repetitions: int, engine: str) -> None:
    results = run(n, concurrency, repetitions, engine)
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-delayed-{engine}.json"
    path.write_text(json.dumps({"suite": "delayed", "engine": engine, "results": results}, indent=1))
    print(
        f"\n## delayed ({engine}, {n:,} tasks due in one second, {SERVICES} services, concurrency "
        f"{concurrency} each, {repetitions} run(s) each; raw results in {path})\n"
    )
    print(report(results, n, engine), flush=True)
