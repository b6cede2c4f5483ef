"""Target 3 of issue 5: publish-to-start latency at low load, one task at a time, every system.

Each system's ``bench/systems/latency.py <system>`` publishes 1,000 tasks one after another (the next
once the previous one's body has started, plus a short gap so the consumer is idle again) and
reports the percentiles of publish-to-start. Repetitions are interleaved as in ``bench/runner.py``.
"""

from __future__ import annotations

import functools
import statistics
from typing import Any

from bench import runner
from bench.peers import CARROT15, CELERY, OURS
from bench.suites import Measurement, Suite
from bench.tables import Row, interleaved, markdown

OURS_LABEL = "ours (carrot service)"
METRICS = (("p50_ms", "p50 ms"), ("p95_ms", "p95 ms"), ("p99_ms", "p99 ms"), ("max_ms", "max ms"))
TARGET_P99_OVER_P50 = 3.0
GAP = 0.02
"""Seconds between a task's start and the next publish, so that each consumer is idle again (at
low load a task does not queue behind the previous one's result write and ack)."""


def measurements(n: int, gap: float) -> tuple[Measurement, ...]:
    """The systems side by side: the consumer each one's drain benchmark starts."""

    def latency(label: str, peer: Any, system: str, *args: str, database: bool = True) -> Measurement:
        return Measurement(
            label, peer, "latency.py", system, n, (*args, "--gap", str(gap)), uses_database=database
        )

    return (
        latency(OURS_LABEL, OURS, "ours"),
        latency("carrot 1.5 consumer", CARROT15, "carrot15"),
        latency("celery threads", CELERY, "celery", "--pool", "threads"),
        latency("celery prefork", CELERY, "celery", "--pool", "prefork"),
        latency("raw pika consume+ack (no DB)", OURS, "raw-pika", database=False),
    )


def run(n: int, gap: float, repetitions: int, engine: str) -> dict[str, list[dict[str, Any]]]:
    """Every system ``repetitions`` times, interleaved; progress on stderr."""
    return interleaved(
        "latency",
        repetitions,
        [(m.label, functools.partial(runner.run_once, m, engine)) for m in measurements(n, gap)],
        lambda result: f"p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms",
    )


def report(results: dict[str, list[dict[str, Any]]], engine: str) -> str:
    """The table (one row per system and percentile) and the target on ours' p99 / p50."""
    rows = []
    for label, runs in results.items():
        for key, name in METRICS:
            baseline = [r[key] for r in results[OURS_LABEL]]
            metric = f"publish-to-start {name} ({engine if 'no DB' not in label else 'no DB'})"
            rows.append(Row(label, metric, [r[key] for r in runs], baseline, digits=2))
    spread = [r["p99_over_p50"] for r in results[OURS_LABEL]]
    verdict = "met" if statistics.median(spread) <= TARGET_P99_OVER_P50 else "NOT met"
    return (
        markdown(rows, "this / ours (above 1: ours faster)")
        + "\n\nTargets of issue 5:\n"
        + f"- {OURS_LABEL} p99 / p50: median {statistics.median(spread):.2f} "
        + f"(runs {', '.join(f'{s:.2f}' for s in spread)}; target <= {TARGET_P99_OVER_P50:g}): {verdict}"
    )


def main(n: int, gap: float, repetitions: int, engine: str) -> None:
    results = run(n, gap, repetitions, engine)
    suite = Suite("latency", "publish-to-start, ms", OURS_LABEL, measurements(n, gap))
    samples = [runner.Samples(m, results[m.label]) for m in suite.measurements]
    path = runner.save(suite, samples, engine)
    print(f"\n## latency ({engine}, {repetitions} runs each, {n} tasks per run; raw results in {path})\n")
    print(report(results, engine), flush=True)
