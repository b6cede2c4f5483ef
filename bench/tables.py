"""Benchmarks that report several metrics per system: interleaved repetitions, then a table of
median, min and max over the repetitions with a ratio against ours."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Result = dict[str, Any]


def interleaved(
    benchmark: str,
    repetitions: int,
    runs: Sequence[tuple[str, Callable[[], Result]]],
    summary: Callable[[Result], str],
) -> dict[str, list[Result]]:
    """Every ``(label, run)`` once, then every one again, ``repetitions`` times (as ``bench/runner.py``
    does, so that a burst of load on a shared machine spreads over all systems); progress on stderr."""
    results: dict[str, list[Result]] = {}
    for repetition in range(1, repetitions + 1):
        for label, run in runs:
            started = time.monotonic()
            result = run()
            results.setdefault(label, []).append(result)
            print(
                f"[bench] {benchmark} {repetition}/{repetitions} {label}: {summary(result)} "
                f"({time.monotonic() - started:.0f}s)",
                file=sys.stderr,
                flush=True,
            )
    return results


@dataclass(frozen=True)
class Row:
    """One system's values of one metric, one per repetition (or per interval)."""

    system: str
    metric: str
    values: Sequence[float]
    baseline: Sequence[float] | None = None
    """Ours' values of the same metric; ``None`` leaves the ratio out."""
    lower_is_better: bool = True
    digits: int = 1


def _number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def ratio(row: Row) -> str:
    """How many times better ours is (above 1: ours is better), from the medians."""
    if row.baseline is None or not row.values or not row.baseline:
        return "-"
    ours, this = statistics.median(row.baseline), statistics.median(row.values)
    if min(ours, this) <= 0:
        return "-"
    return f"{(this / ours if row.lower_is_better else ours / this):.2f}x"


def markdown(rows: Sequence[Row], ratio_header: str = "ratio vs ours (above 1: ours better)") -> str:
    """``system | metric | median | min | max | ratio | runs`` as a Markdown table."""
    lines = [
        f"| system | metric | median | min | max | {ratio_header} | runs |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for row in rows:
        if not row.values:
            lines.append(f"| {row.system} | {row.metric} | - | - | - | - | 0 |")
            continue
        cells = [statistics.median(row.values), min(row.values), max(row.values)]
        numbers = " | ".join(_number(cell, row.digits) for cell in cells)
        lines.append(f"| {row.system} | {row.metric} | {numbers} | {ratio(row)} | {len(row.values)} |")
    return "\n".join(lines)
