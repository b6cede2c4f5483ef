"""``python -m bench {publish,drain,scaleout,latency,scheduler,delayed,monitor,ui,tabs,charts,all}``:
benchmarks side by side."""

from __future__ import annotations

import argparse
import os
import platform

from bench import delayed, infra, latency, monitor, runner, scaleout, scheduler, tabs
from bench.monitor import charts
from bench.suites import Suite, drain_suite, publish_suite


def machine() -> str:
    """One line describing where the numbers were taken (cores, memory, load)."""
    with open("/proc/meminfo") as meminfo:
        total_kb = int(meminfo.readline().split()[1])
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{platform.python_implementation()} {platform.python_version()} on {platform.machine()}, "
        f"{os.cpu_count()} cores, {total_kb / 1024**2:.1f} GB RAM, load average {load}"
    )


PREFETCH = 10
"""The drain's prefetch for every system by default: ours' default ``prefetch_count``."""
MAX_PRIORITY = 10
"""The queue's priority levels for every system by default: ours' default ``x-max-priority``
(``--max-priority 255`` is django-carrot 1.x's default)."""


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    benchmarks = [
        "publish",
        "drain",
        "scaleout",
        "latency",
        "scheduler",
        "delayed",
        "monitor",
        "ui",
        "tabs",
        "charts",
        "all",
    ]
    parser.add_argument("benchmark", choices=benchmarks)
    parser.add_argument("--db", choices=infra.DB_ENGINES, default="sqlite", help="database engine for all")
    parser.add_argument(
        "--repetitions", type=int, default=None, help="runs per system (5 publish, 3 drain, scaleout)"
    )
    parser.add_argument(
        "--n",
        type=int,
        default=None,
        help="tasks queued before each drain (20,000; scaleout 4,000); delayed tasks (100,000)",
    )
    parser.add_argument(
        "--concurrency", type=int, default=1, help="consumers per system in a drain, per service in delayed"
    )
    parser.add_argument(
        "--processes",
        type=lambda text: tuple(int(k) for k in text.split(",")),
        default=scaleout.PROCESSES,
        help="scaleout: services (Celery: workers) side by side in each run, comma-separated (1,2,4)",
    )
    parser.add_argument(
        "--tasks", type=int, default=10_000, help="scheduled tasks (scheduler; 1.x gets 1/10)"
    )
    parser.add_argument("--interval", type=int, default=60, help="scheduler: seconds between runs of a task")
    parser.add_argument("--logs", type=int, default=1_000_000, help="monitor, ui: task logs loaded")
    parser.add_argument("--tabs", type=int, default=100, help="tabs: monitor tabs polling at once")
    parser.add_argument("--seconds", type=float, default=60.0, help="tabs: how long they poll")
    parser.add_argument("--intervals", type=int, default=2, help="scheduler: due times observed per run")
    parser.add_argument(
        "--prefetch", type=int, default=PREFETCH, help="unacked messages per consumer, for every system"
    )
    parser.add_argument(
        "--max-priority",
        type=int,
        default=MAX_PRIORITY,
        help="the queue's x-max-priority, for every system (0: no priorities)",
    )
    options = parser.parse_args()
    os.environ["BENCH_PREFETCH"] = str(options.prefetch)  # read by every system's script
    os.environ["BENCH_MAX_PRIORITY"] = str(options.max_priority)
    suites: list[tuple[Suite, int]] = []
    if options.benchmark in ("publish", "all"):
        suites.append((publish_suite(), options.repetitions or 5))
    if options.benchmark in ("drain", "all"):
        suites.append((drain_suite(options.n or 20_000, options.concurrency), options.repetitions or 3))
    print(f"machine: {machine()}", flush=True)
    for suite, repetitions in suites:
        samples = runner.run_suite(suite, repetitions, options.db)
        path = runner.save(suite, samples, options.db)
        print(f"\n## {suite.name} ({options.db}, {repetitions} runs each; raw results in {path})\n")
        print(runner.table(suite, samples, options.db))
        print("\nTargets of issue 5:\n" + runner.targets(suite, samples), flush=True)
    if options.benchmark in ("scaleout", "all"):  # PostgreSQL always: several services write at once
        scaleout.main(options.n or 4000, options.repetitions or 3, options.processes)
    if options.benchmark in ("monitor", "ui", "all"):  # PostgreSQL always
        api, ui = options.benchmark in ("monitor", "all"), options.benchmark in ("ui", "all")
        monitor.run(api, ui, options.repetitions, logs=options.logs)
    if options.benchmark in ("charts", "all"):  # PostgreSQL always: a week of rollups
        charts.run(options.repetitions)
    if options.benchmark in ("tabs", "all"):
        tabs.run(options.tabs, options.seconds)
    if options.benchmark in ("latency", "all"):
        latency.main(1000, latency.GAP, options.repetitions or 3, options.db)
    if options.benchmark in ("scheduler", "all"):
        scheduler.main(
            options.tasks,
            options.tasks // 10,
            2,
            options.interval,
            options.intervals,
            options.repetitions or 1,
            options.db,
        )
    if options.benchmark in ("delayed", "all"):
        delayed.main(options.n or 100_000, options.concurrency, options.repetitions or 1, options.db)
    print(f"\nmachine after: {machine()}")


if __name__ == "__main__":
    main()
