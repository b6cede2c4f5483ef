import type { StatsRange, TaskStatsQuery } from "../../gql/graphql";

export type Stats = TaskStatsQuery["taskStats"];

export const RANGES: { value: StatsRange; label: string }[] = [
  { value: "HOUR", label: "Last hour" },
  { value: "DAY", label: "Last day" },
  { value: "WEEK", label: "Last week" },
];

export function rangeFrom(text: string | null): StatsRange {
  return RANGES.find((range) => range.value === text)?.value ?? "HOUR";
}

/** uPlot's columns: the x values (Unix seconds of each span's start) then one array per line. */
export type Columns = [number[], ...(number | null)[][]];

export function rateColumns(stats: Stats): Columns {
  return [seconds(stats), stats.throughput, stats.failures];
}

export function runTimeColumns(stats: Stats): Columns {
  return [seconds(stats), stats.p50, stats.p95];
}

function seconds(stats: Stats): number[] {
  return stats.starts.map((start) => Date.parse(start) / 1000);
}

/** One line that says what the chart holds, for people and for tests. */
export function summary(stats: Stats): string {
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const ended = sum(stats.completed) + sum(stats.failed) + sum(stats.retried);
  const spans = stats.completed.filter((completed, index) => completed + (stats.failed[index] ?? 0) + (stats.retried[index] ?? 0) > 0).length;
  const worst = Math.max(0, ...stats.p95.map((value) => value ?? 0));
  const runs = `${ended.toLocaleString("en")} run${ended === 1 ? "" : "s"} ended`;
  const failed = `${sum(stats.failed).toLocaleString("en")} failed`;
  const slowest = ended ? `; highest p95 ${formatSeconds(worst)}` : "";
  return `${runs}, ${failed}, in ${spans} of ${stats.starts.length} points${slowest}`;
}

export function formatSeconds(value: number): string {
  if (value < 1) return `${Math.round(value * 1000)} ms`;
  return `${value.toFixed(value < 10 ? 2 : 1)} s`;
}

/** The queues and the tasks (of the chosen queue, when one is) the filters offer. */
export function filterChoices(series: Stats["series"], queue: string): { queues: string[]; tasks: string[] } {
  const queues = [...new Set(series.map((item) => item.queue))];
  const tasks = [...new Set(series.filter((item) => !queue || item.queue === queue).map((item) => item.task))].sort();
  return { queues, tasks };
}
