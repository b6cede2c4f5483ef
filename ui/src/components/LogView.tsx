import { Code, Group, Select, Stack, Table, Text } from "@mantine/core";
import { useState } from "react";

export interface LogLine {
  time?: string | null;
  level: string;
  levelno: number;
  logger: string;
  message: string;
}

export const LOG_LEVELS = [
  { value: "10", label: "DEBUG and above" },
  { value: "20", label: "INFO and above" },
  { value: "30", label: "WARNING and above" },
  { value: "40", label: "ERROR and above" },
  { value: "50", label: "CRITICAL only" },
];

const LEVEL_COLOURS: Record<string, string> = { DEBUG: "dimmed", WARNING: "yellow", ERROR: "red", CRITICAL: "red" };

export function visibleLines(lines: readonly LogLine[], minimum: number): LogLine[] {
  return lines.filter((line) => line.levelno >= minimum);
}

/** A task's captured log with a level drop-down (INFO and above unless DEBUG is asked for). */
export function LogView({ lines }: { lines: readonly LogLine[] }) {
  const [level, setLevel] = useState("20");
  const shown = visibleLines(lines, Number(level));
  return (
    <Stack gap="xs">
      <Group justify="space-between">
        <Text fw={600}>Log</Text>
        <Select
          aria-label="Log level"
          data={LOG_LEVELS}
          value={level}
          onChange={(value) => setLevel(value ?? "20")}
          allowDeselect={false}
          size="xs"
          w={190}
        />
      </Group>
      {lines.length === 0 ? (
        <Text c="dimmed" size="sm">
          No log yet: a task's log is written when it completes or fails.
        </Text>
      ) : shown.length === 0 ? (
        <Text c="dimmed" size="sm">
          No lines at this level ({lines.length} below it).
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={400} maxHeight={320}>
          <Table fz="xs" verticalSpacing={2} data-testid="task-log">
            <Table.Tbody>
              {shown.map((line, index) => (
                <Table.Tr key={index}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text span size="xs" c={LEVEL_COLOURS[line.level]}>
                      {line.level}
                    </Text>
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Text span size="xs" c="dimmed">
                      {line.logger}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code style={{ whiteSpace: "pre-wrap", background: "transparent" }}>{line.message}</Code>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
