"""Latency rows as a Markdown table: median, p95, min, max and how ours compares on the same metric."""

from __future__ import annotations

import statistics
from dataclasses import dataclass


def p95(values: list[float]) -> float:
    """The 95th percentile (inclusive method: never above the maximum, never below the minimum)."""
    return statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]


@dataclass(frozen=True)
class Row:
    """One measured metric of one system, in milliseconds."""

    system: str
    metric: str
    ms: list[float]
    target: str = ""
    """The bar this row must meet (e.g. ``p95 <= 50 ms``), shown with its verdict."""
    met: bool | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.ms)

    @property
    def p95(self) -> float:
        return p95(self.ms)


def table(rows: list[Row], ours: str = "ours") -> str:
    """``this / ours`` divides each row's median by ours' median for the same metric (above 1 is slower)."""
    ours_median = {row.metric: row.median for row in rows if row.system == ours}
    header = ["system", "metric", "median ms", "p95 ms", "min ms", "max ms", "this / ours", "n", "target"]
    lines = [header, ["---"] * len(header)]
    for row in rows:
        base = ours_median.get(row.metric)
        verdict = "" if row.met is None else (" met" if row.met else " NOT met")
        lines.append(
            [
                row.system,
                row.metric,
                f"{row.median:,.1f}",
                f"{row.p95:,.1f}",
                f"{min(row.ms):,.1f}",
                f"{max(row.ms):,.1f}",
                f"{row.median / base:,.1f}x" if base else "-",
                str(len(row.ms)),
                (row.target + verdict).strip() or "-",
            ]
        )
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)
