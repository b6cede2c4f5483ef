import { Group, Paper, ScrollArea, Stack, Switch, Table, Text, Tooltip } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { useMutation, useQuery } from "urql";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { useListParams } from "../../app/routes";
import { useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ApiError } from "../../components/ApiError";
import { formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import { SplitView } from "../../components/SplitView";
import { TaskPath } from "../../components/TaskPath";
import type { ScheduledTasksQuery as ScheduledTasksData } from "../../gql/graphql";
import { StatusBadge } from "../tasks/StatusBadge";
import { ScheduledEditor } from "./ScheduledEditor";
import { ScheduledTasksQuery, SetScheduledTaskActiveMutation } from "./queries";

type Row = ScheduledTasksData["scheduledTasks"][number];

function intervalText(count: number, type: string): string {
  const unit = type.toLowerCase();
  return count === 1 ? `every ${unit.replace(/s$/, "")}` : `every ${count} ${unit}`;
}

/** A scheduled task's schedule in a few words: its cron expression and zone, or its interval. */
export function scheduleText(row: { cron: string; timezone: string; intervalCount: number; intervalType: string }): string {
  return row.cron ? `cron ${row.cron} (${row.timezone})` : intervalText(row.intervalCount, row.intervalType);
}

/** The last run: the status of the task it published and when; "never" before the first run. */
function LastRun({ row }: { row: Row }) {
  if (!row.lastRunAt) return <Text size="sm" c="dimmed">never</Text>;
  return (
    <Group gap={4} data-testid="last-run">
      {row.lastRunStatus ? <StatusBadge status={row.lastRunStatus} /> : null}
      <Text size="sm">{formatTime(row.lastRunAt)}</Text>
    </Group>
  );
}

/** Pauses or resumes one scheduled task from the list; disabled, saying why, without the permission. */
function PauseToggle({ row }: { row: Row }) {
  const { permission } = useMonitor();
  const report = useActionReport();
  const [state, setActive] = useMutation(SetScheduledTaskActiveMutation);
  const { allowed, reason } = permission("CHANGE_SCHEDULED");
  const toggle = async (active: boolean) => {
    const result = await setActive({ id: row.id, active });
    const errors = result.data?.setScheduledTaskActive?.errors;
    report({ error: result.error, errors }, `${active ? "Resumed" : "Paused"} scheduled task ${row.taskName}.`);
  };
  const toggleSwitch = (
    <Switch
      checked={row.active}
      label={row.active ? "Active" : "Paused"}
      aria-label={`${row.active ? "Pause" : "Resume"} ${row.taskName}`}
      disabled={!allowed || state.fetching}
      onChange={(event) => void toggle(event.currentTarget.checked)}
      data-testid="pause-toggle"
    />
  );
  // The row opens the editor on click and Enter/Space; the switch must not.
  return (
    <div onClick={(event) => event.stopPropagation()} onKeyDown={(event) => event.stopPropagation()}>
      {allowed ? (
        toggleSwitch
      ) : (
        <Tooltip label={reason} multiline maw={320} withArrow>
          <span className={layout.denied} tabIndex={0} aria-label={reason} data-denied="CHANGE_SCHEDULED" data-reason={reason}>
            {toggleSwitch}
          </span>
        </Tooltip>
      )}
    </div>
  );
}

/** Scheduled tasks: the list, and the editor for the one open (or a new one). */
export function ScheduledTab() {
  const { config } = useMonitor();
  const [params, setParams] = useListParams();
  const [{ data, error }, reexecute] = useQuery({ query: ScheduledTasksQuery });
  useRefetchOnTick(reexecute);
  const rows = data?.scheduledTasks ?? [];
  const open = (id: string) => setParams({ selected: id });
  const onKey = (event: KeyboardEvent, id: string) => {
    if (event.target === event.currentTarget && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      open(id);
    }
  };
  return (
    <Stack gap="sm">
      <Group>
        <ActionButton action="ADD_SCHEDULED" onClick={() => setParams({ selected: "new" })} data-testid="create-scheduled">
          Create new scheduled task
        </ActionButton>
      </Group>
      <ApiError error={error} loginUrl={config.loginUrl} />
      <SplitView
        ratio={[1, 1]}
        detail={
          params.selected ? (
            <ScheduledEditor key={params.selected} id={params.selected === "new" ? null : params.selected} onClose={() => setParams({ selected: "" })} onCreated={open} />
          ) : null
        }
      >
          <Paper withBorder radius="md">
            <ScrollArea.Autosize mah="calc(100vh - 220px)" type="auto">
              {data && rows.length === 0 ? (
                <Text c="dimmed" p="md">
                  No scheduled tasks yet.
                </Text>
              ) : (
                <Table highlightOnHover data-testid="scheduled-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Task</Table.Th>
                      <Table.Th>Schedule</Table.Th>
                      <Table.Th className={layout.fromSm}>Last run</Table.Th>
                      <Table.Th className={layout.fromSm}>Next run</Table.Th>
                      <Table.Th>Active</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.map((row) => (
                      <Table.Tr
                        key={row.id}
                        tabIndex={0}
                        aria-selected={row.id === params.selected}
                        data-testid="scheduled-row"
                        onClick={() => open(row.id)}
                        onKeyDown={(event) => onKey(event, row.id)}
                        style={{ cursor: "pointer" }}
                        bg={row.id === params.selected ? "var(--mantine-primary-color-light)" : undefined}
                      >
                        <Table.Td fw={500}>{row.taskName}</Table.Td>
                        <Table.Td>
                          <TaskPath path={row.task} />
                        </Table.Td>
                        <Table.Td>{scheduleText(row)}</Table.Td>
                        <Table.Td className={layout.fromSm}>
                          <LastRun row={row} />
                        </Table.Td>
                        <Table.Td className={layout.fromSm}>{row.active ? formatTime(row.nextRunAt) : "—"}</Table.Td>
                        <Table.Td>
                          <PauseToggle row={row} />
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </ScrollArea.Autosize>
          </Paper>
      </SplitView>
    </Stack>
  );
}
