import { Group, Paper, SegmentedControl, Select, Stack, Text, Title } from "@mantine/core";
import { useMemo } from "react";
import { useQuery } from "urql";
import { useSearchParams } from "wouter";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { ApiError } from "../../components/ApiError";
import type { StatsRange } from "../../gql/graphql";
import { RANGES, filterChoices, formatSeconds, rangeFrom, rateColumns, runTimeColumns, summary } from "./columns";
import { TaskStatsQuery } from "./queries";
import { TimeChart } from "./TimeChart";
import type { Line } from "./TimeChart";

const perMinute = (value: number) => `${Number(value.toFixed(value < 10 ? 2 : 0)).toLocaleString("en")}/min`;
const RATE_LINES: Line[] = [
  { label: "Runs ended", colour: "#228be6", format: perMinute },
  { label: "Failed", colour: "#fa5252", format: perMinute },
];
const RUN_TIME_LINES: Line[] = [
  { label: "p50", colour: "#40c057", format: formatSeconds, dots: true },
  { label: "p95", colour: "#fd7e14", format: formatSeconds, dots: true },
];
const POINT = { HOUR: "a point a minute", DAY: "a point every 15 minutes", WEEK: "a point an hour" } as const;

/** Throughput, failures and run-time percentiles over the last hour, day or week, filtered in the URL. */
export function Dashboard() {
  const { config } = useMonitor();
  const [search, setSearch] = useSearchParams();
  const range = rangeFrom(search.get("range"));
  const queue = search.get("queue") ?? "";
  const task = search.get("task") ?? "";
  const choose = (change: Record<string, string>) =>
    setSearch((previous) => {
      const next = new URLSearchParams(previous);
      for (const [key, value] of Object.entries(change)) {
        if (value) next.set(key, value);
        else next.delete(key);
      }
      return next;
    });
  const variables = useMemo(() => ({ range, queue: queue || null, task: task || null }), [range, queue, task]);
  const [result, reexecute] = useQuery({ query: TaskStatsQuery, variables });
  useRefetchOnTick(reexecute);
  const stats = result.data?.taskStats;
  const rates = useMemo(() => (stats ? rateColumns(stats) : null), [stats]);
  const runTimes = useMemo(() => (stats ? runTimeColumns(stats) : null), [stats]);
  const choices = filterChoices(stats?.series ?? [], queue);

  return (
    <Stack gap="sm" data-testid="dashboard">
      <Group gap="sm" wrap="wrap">
        <SegmentedControl
          value={range}
          onChange={(value) => choose({ range: value === "HOUR" ? "" : value })}
          data={RANGES}
          data-testid="dashboard-range"
        />
        <Select
          placeholder="Every queue"
          aria-label="Queue"
          data={choices.queues}
          value={queue || null}
          onChange={(value) => choose({ queue: value ?? "", task: "" })}
          clearable
          searchable
          data-testid="dashboard-queue"
        />
        <Select
          placeholder="Every task"
          aria-label="Task"
          data={choices.tasks}
          value={task || null}
          onChange={(value) => choose({ task: value ?? "" })}
          clearable
          searchable
          w={320}
          data-testid="dashboard-task"
        />
      </Group>
      <ApiError error={result.error} loginUrl={config.loginUrl} />
      {stats && rates && runTimes ? (
        <>
          <Text size="sm" c="dimmed" data-testid="dashboard-summary">
            {summary(stats)} ({POINT[stats.range as StatsRange]}; counted as tasks finish, a few seconds behind).
          </Text>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Runs ended and failed, per minute
            </Title>
            <TimeChart columns={rates} lines={RATE_LINES} testId="chart-rates" />
          </Paper>
          <Paper withBorder p="sm">
            <Title order={2} size="h5" mb="xs">
              Run time, p50 and p95
            </Title>
            <TimeChart columns={runTimes} lines={RUN_TIME_LINES} testId="chart-run-time" />
          </Paper>
        </>
      ) : result.fetching ? (
        <Text size="sm" c="dimmed">
          Loading…
        </Text>
      ) : null}
    </Stack>
  );
}
