"""Running a suite: each measurement repeated in its own vhost and database, then a table of medians.

Repetitions are interleaved (every system once, then every system again, ...) so that a burst of
load on a shared machine spreads over all systems instead of landing on one.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import infra, peers
from bench.suites import Measurement, Suite

SYSTEMS_DIR = Path(__file__).resolve().parent / "systems"
RESULTS_DIR = Path(__file__).resolve().parent / ".results"


@dataclass
class Samples:
    """Every repetition's result of one measurement."""

    measurement: Measurement
    results: list[dict[str, Any]]

    def values(self, key: str = "rate") -> list[float]:
        return [r[key] for r in self.results if key in r]

    @property
    def median(self) -> float:
        return statistics.median(self.values())


def _script(measurement: Measurement, action: str, env: dict[str, str]) -> dict[str, Any]:
    python = peers.ensure(measurement.peer)
    command = [str(python), measurement.script, action, "--n", str(measurement.n), *measurement.args]
    done = subprocess.run(command, cwd=SYSTEMS_DIR, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"{measurement.label}: {' '.join(command)} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


VhostFactory = Callable[[str], AbstractContextManager[str]]


def run_once(
    measurement: Measurement,
    engine: str,
    vhost_of: VhostFactory = infra.vhost,
) -> dict[str, Any]:
    """One repetition in a fresh vhost (``vhost_of(prefix)``) and database (filled first for a drain),
    with the measurement's own environment variables beside them."""
    prefix = measurement.script.removesuffix(".py").replace("_", "")
    with vhost_of(prefix) as vhost, infra.database(engine, prefix) as db:
        env = {**os.environ, **dict(measurement.env), "BENCH_VHOST": vhost, "BENCH_DB": db}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        if measurement.needs_fill:
            _script(measurement, "fill", env)
        return _script(measurement, measurement.action, env)


def run_suite(
    suite: Suite,
    repetitions: int,
    engine: str,
    vhost_of: VhostFactory = infra.vhost,
) -> list[Samples]:
    """Every measurement ``repetitions`` times, interleaved (:func:`run_once`); progress on stderr."""
    samples = [Samples(m, []) for m in suite.measurements]
    for repetition in range(1, repetitions + 1):
        for sample in samples:
            started = time.monotonic()
            result = run_once(sample.measurement, engine, vhost_of)
            sample.results.append(result)
            print(
                f"[bench] {suite.name} {repetition}/{repetitions} {sample.measurement.label}: "
                f"{result['rate']:,.0f} tasks/s ({time.monotonic() - started:.0f}s)",
                file=sys.stderr,
                flush=True,
            )
    return samples


def table(suite: Suite, samples: list[Samples], engine: str) -> str:
    """The results as a Markdown table; ratio = ours (the suite's baseline) / this system."""
    baseline = next(s.median for s in samples if s.measurement.label == suite.baseline)
    with_rss = any(s.values("peak_rss_mb") for s in samples)
    header = ["system", "metric", "median", "min", "max", f"{suite.baseline} / this", "N", "runs"]
    header += ["peak RSS MB (median)"] if with_rss else []
    rows = [header, ["---"] * len(header)]
    for sample in samples:
        rates = sample.values()
        row = [
            sample.measurement.label,
            f"{suite.metric} ({engine})" if sample.measurement.uses_database else suite.metric + " (no DB)",
            f"{sample.median:,.0f}",
            f"{min(rates):,.0f}",
            f"{max(rates):,.0f}",
            f"{baseline / sample.median:.2f}x",
            f"{sample.measurement.n:,}",
            str(len(rates)),
        ]
        if with_rss:
            rss = sample.values("peak_rss_mb")
            row.append(f"{statistics.median(rss):.0f}" if rss else "-")
        rows.append(row)
    return "\n".join("| " + " | ".join(row) + " |" for row in rows)


def targets(suite: Suite, samples: list[Samples]) -> str:
    """One line per target of issue 5: the measured ratio of medians against the bar."""
    medians = {s.measurement.label: s.median for s in samples}
    lines = []
    for target in suite.targets:
        ratio = medians[target.ours] / medians[target.other]
        verdict = "met" if ratio >= target.ratio else "NOT met"
        lines.append(
            f"- {target.ours} / {target.other}: {ratio:.2f}x (target >= {target.ratio:g}x): {verdict}"
        )
    return "\n".join(lines)


def save(suite: Suite, samples: list[Samples], engine: str) -> Path:
    """Write every raw result to ``bench/.results/`` (gitignored) for later reading."""
    RESULTS_DIR.mkdir(exist_ok=True)
    path = RESULTS_DIR / f"{time.strftime('%Y%m%d-%H%M%S')}-{suite.name}-{engine}.json"
    data = {s.measurement.label: s.results for s in samples}
    path.write_text(json.dumps({"suite": suite.name, "engine": engine, "results": data}, indent=1))
    return path
