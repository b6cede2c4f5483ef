import { describe, expect, it } from "vitest";
import type { Stats } from "./columns";
import { filterChoices, formatSeconds, rangeFrom, rateColumns, runTimeColumns, summary } from "./columns";

const stats: Stats = {
  range: "HOUR",
  pointSeconds: 60,
  starts: ["2026-01-10T12:00:00+00:00", "2026-01-10T12:01:00+00:00", "2026-01-10T12:02:00+00:00"],
  completed: [0, 12, 1],
  failed: [0, 3, 0],
  retried: [0, 0, 1],
  throughput: [0, 15, 2],
  failures: [0, 3, 0],
  p50: [null, 0.375, 0.01],
  p95: [null, 0.4875, 0.05],
  series: [
    { queue: "default", task: "a.b" },
    { queue: "other", task: "a.c" },
    { queue: "other", task: "a.a" },
  ],
};

describe("dashboard columns", () => {
  it("puts each span's start in Unix seconds first, then one column per line", () => {
    const start = Date.UTC(2026, 0, 10, 12) / 1000;
    expect(rateColumns(stats)).toEqual([[start, start + 60, start + 120], [0, 15, 2], [0, 3, 0]]);
    expect(runTimeColumns(stats)[2]).toEqual([null, 0.4875, 0.05]);
  });

  it("sums what the chart holds in a sentence", () => {
    expect(summary(stats)).toBe("17 runs ended, 3 failed, in 2 of 3 points; highest p95 488 ms");
    expect(summary({ ...stats, completed: [0, 0, 0], failed: [0, 0, 0], retried: [0, 0, 0], p95: [null, null, null] })).toBe(
      "0 runs ended, 0 failed, in 0 of 3 points",
    );
  });

  it("reads the range from the URL and offers the tasks of the chosen queue", () => {
    expect(rangeFrom("WEEK")).toBe("WEEK");
    expect(rangeFrom("YEAR")).toBe("HOUR");
    expect(rangeFrom(null)).toBe("HOUR");
    expect(filterChoices(stats.series, "other")).toEqual({ queues: ["default", "other"], tasks: ["a.a", "a.c"] });
    expect(filterChoices(stats.series, "").tasks).toEqual(["a.a", "a.b", "a.c"]);
    expect([formatSeconds(0.0123), formatSeconds(2.5), formatSeconds(42)]).toEqual(["12 ms", "2.50 s", "42.0 s"]);
  });
});
