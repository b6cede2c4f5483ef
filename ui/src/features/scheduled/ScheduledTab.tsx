import { Badge, Group, Paper, ScrollArea, Stack, Table, Text } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { useQuery } from "urql";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { useListParams } from "../../app/routes";
import { ActionButton } from "../../components/ActionButton";
import { ApiError } from "../../components/ApiError";
import { formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import { SplitView } from "../../components/SplitView";
import { ScheduledEditor } from "./ScheduledEditor";
import { ScheduledTasksQuery } from "./queries";

function intervalText(count: number, type: string): string {
  const unit = type.toLowerCase();
  return count === 1 ? `every ${unit.replace(/s$/, "")}` : `every ${count} ${unit}`;
}

/** A scheduled task's schedule in a few words: its cron expression and zone, or its interval. */
export function scheduleText(row: { cron: string; timezone: string; intervalCount: number; intervalType: string }): string {
  return row.cron ? `cron ${row.cron} (${row.timezone})` : intervalText(row.intervalCount, row.intervalType);
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
                        <Table.Td style={{ wordBreak: "break-all" }}>{row.task}</Table.Td>
                        <Table.Td>{scheduleText(row)}</Table.Td>
                        <Table.Td className={layout.fromSm}>{row.active ? formatTime(row.nextRunAt) : "—"}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={row.active ? "green" : "gray"}>
                            {row.active ? "Active" : "Paused"}
                          </Badge>
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
