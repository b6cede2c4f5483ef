import { Checkbox, Table, Text } from "@mantine/core";
import type { KeyboardEvent } from "react";
import { formatDuration, formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import { TaskPath } from "../../components/TaskPath";
import type { TaskListQuery } from "../../gql/graphql";
import { StatusBadge } from "./StatusBadge";

export type TaskRow = TaskListQuery["tasks"]["edges"][number]["node"];

interface Props {
  rows: readonly TaskRow[];
  open: string;
  onOpen: (uuid: string) => void;
  /** With a selection, rows get checkboxes (the failed tab's bulk actions). */
  selection?: { selected: ReadonlySet<string>; toggle: (uuid: string) => void; setAll: (uuids: string[], on: boolean) => void };
  timeLabel: string;
  timeOf: (row: TaskRow) => string | null | undefined;
}

/** How many retries a task has had, of how many it may have. */
export function retriesText(task: Pick<TaskRow, "retries" | "maxRetries">): string {
  return `${task.retries} of ${task.maxRetries} ${task.maxRetries === 1 ? "retry" : "retries"}`;
}

/** How many times a consumer started a task ("" before its first start). */
export function attemptsText(attempts: number): string {
  return attempts > 0 ? `${attempts} ${attempts === 1 ? "attempt" : "attempts"}` : "";
}

/** How long a task's last run took, or how long it has been running; "—" otherwise. */
export function durationText(task: Pick<TaskRow, "status" | "durationSeconds" | "startTime">, now: number = Date.now()): string {
  if (task.status === "IN_PROGRESS" && task.startTime) {
    const seconds = (now - new Date(task.startTime).getTime()) / 1000;
    return Number.isNaN(seconds) ? "—" : `running ${formatDuration(Math.max(seconds, 0))}`;
  }
  return formatDuration(task.durationSeconds);
}

/** The rows of a task list; Enter or Space on a focused row opens it, like a click. */
export function TaskTable({ rows, open, onOpen, selection, timeLabel, timeOf }: Props) {
  const onKey = (event: KeyboardEvent, uuid: string) => {
    if (event.target !== event.currentTarget) return;
    if (event.key === "Enter" || event.key === " ") {
      event.preventDefault();
      onOpen(uuid);
    }
  };
  const allChecked = selection !== undefined && rows.length > 0 && rows.every((row) => selection.selected.has(row.uuid));
  return (
    <Table highlightOnHover stickyHeader data-testid="task-table">
      <Table.Thead>
        <Table.Tr>
          {selection ? (
            <Table.Th w={36}>
              <Checkbox
                aria-label="Select all on this page"
                checked={allChecked}
                onChange={(event) => selection.setAll(rows.map((row) => row.uuid), event.currentTarget.checked)}
              />
            </Table.Th>
          ) : null}
          <Table.Th>Task</Table.Th>
          <Table.Th className={layout.fromSm}>Queue</Table.Th>
          <Table.Th className={layout.fromSm}>Status</Table.Th>
          <Table.Th className={layout.fromSm}>Duration</Table.Th>
          <Table.Th>{timeLabel}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((row) => (
          <Table.Tr
            key={row.uuid}
            tabIndex={0}
            aria-selected={row.uuid === open}
            data-testid="task-row"
            data-uuid={row.uuid}
            onClick={() => onOpen(row.uuid)}
            onKeyDown={(event) => onKey(event, row.uuid)}
            style={{ cursor: "pointer" }}
            bg={row.uuid === open ? "var(--mantine-primary-color-light)" : undefined}
          >
            {selection ? (
              <Table.Td onClick={(event) => event.stopPropagation()}>
                <Checkbox
                  aria-label={`Select ${row.task} ${row.uuid}`}
                  checked={selection.selected.has(row.uuid)}
                  onChange={() => selection.toggle(row.uuid)}
                />
              </Table.Td>
            ) : null}
            <Table.Td>
              <Text size="sm" fw={500}>
                <TaskPath path={row.task} />
              </Text>
              <Text size="xs" c="dimmed" ff="monospace" lineClamp={2} className={layout.args} data-testid="row-args" title={row.argumentsSummary}>
                {row.argumentsSummary || <i>no arguments</i>}
              </Text>
              {row.exception ? (
                <Text size="xs" c="red" lineClamp={1}>
                  {row.exception}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td className={layout.fromSm}>{row.queue}</Table.Td>
            <Table.Td className={layout.fromSm}>
              <StatusBadge status={row.status} />
              {row.attempts > 0 ? (
                <Text size="xs" c="dimmed" data-testid="row-attempts">
                  {attemptsText(row.attempts)}
                </Text>
              ) : null}
              {row.retries > 0 ? (
                <Text size="xs" c="dimmed" data-testid="row-retries">
                  {retriesText(row)}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td className={`${layout.fromSm} ${layout.time}`} data-testid="row-duration">
              {durationText(row)}
            </Table.Td>
            <Table.Td className={layout.time} data-testid="row-time">
              {formatTime(timeOf(row))}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
