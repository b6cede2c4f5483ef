import { Code, Group, Paper, Stack, Text } from "@mantine/core";
import { formatDuration, formatRelative, formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import type { TaskDetailQuery } from "../../gql/graphql";

export type Attempt = NonNullable<TaskDetailQuery["task"]>["attemptHistory"][number];

function secondsBetween(start: string | null | undefined, end: string | null | undefined): number | null {
  if (!start || !end) return null;
  return (new Date(end).getTime() - new Date(start).getTime()) / 1000;
}

/** What the retry policy made of a failed attempt: when the next one was due, or none. */
function nextAttempt(attempt: Attempt): string {
  if (!attempt.retryAt) return "Not retried.";
  return `Next attempt ${formatTime(attempt.retryAt)} (${formatRelative(attempt.retryAt)})`;
}

/**
 * Every failed attempt of a task, oldest first: when it ran and for how long, where, what it raised
 * (the traceback folded away) and when the next attempt was due.
 */
export function AttemptHistory({ attempts }: { attempts: readonly Attempt[] }) {
  if (attempts.length === 0) return null;
  return (
    <Stack gap={6} data-testid="attempt-history">
      <Text fw={600}>Failed attempts</Text>
      {attempts.map((attempt) => (
        <Paper withBorder p="xs" radius="sm" key={attempt.attempt} data-testid="attempt" data-attempt={attempt.attempt}>
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text size="sm" fw={600}>
                Attempt {attempt.attempt}
              </Text>
              <Text size="xs" c="dimmed">
                {formatTime(attempt.started)} · ran {formatDuration(secondsBetween(attempt.started, attempt.ended))}
                {attempt.worker ? ` · ${attempt.worker}` : ""}
              </Text>
            </Group>
            <Text size="sm" c="red" style={{ wordBreak: "break-word" }} data-testid="attempt-exception">
              {attempt.exception}
            </Text>
            <Text size="xs" data-testid="attempt-next">
              {nextAttempt(attempt)}
            </Text>
            {attempt.traceback ? (
              <details data-testid="attempt-traceback">
                <Text component="summary" size="xs" c="dimmed" style={{ cursor: "pointer" }}>
                  Traceback
                </Text>
                <Code block className={layout.code} data-testid="attempt-traceback-text">
                  {attempt.traceback}
                </Code>
              </details>
            ) : null}
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
