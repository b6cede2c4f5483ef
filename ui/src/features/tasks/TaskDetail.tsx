import { Anchor, Badge, CloseButton, Code, Divider, Group, Paper, Stack, Text, Title } from "@mantine/core";
import type { ReactNode } from "react";
import { useQuery } from "urql";
import { Link } from "wouter";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { TAB_LABELS, taskHref } from "../../app/routes";
import type { TaskTab } from "../../app/routes";
import { ApiError } from "../../components/ApiError";
import { LogView } from "../../components/LogView";
import { formatArgs, formatDuration, formatKwargs, formatRelative, formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import { TaskPath } from "../../components/TaskPath";
import type { TaskDetailQuery as TaskDetailData } from "../../gql/graphql";
import { AttemptHistory } from "./AttemptHistory";
import { TaskDetailActions } from "./TaskActions";
import { OrphanNotice } from "../workers/OrphanNotice";
import { TaskDetailQuery } from "./queries";
import { retriesText } from "./TaskTable";
import { StatusBadge } from "./StatusBadge";
import { TAB_OF_STATUS } from "./tabs";

type Task = NonNullable<TaskDetailData["task"]>;

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ wordBreak: "break-all" }}>
        {children || "—"}
      </Text>
    </div>
  );
}

function Block({ title, text, testId }: { title: string; text: string; testId: string }) {
  if (!text) return null;
  return (
    <Stack gap={4}>
      <Text fw={600}>{title}</Text>
      <Code block className={layout.code} data-testid={testId}>
        {text}
      </Code>
    </Stack>
  );
}

/** When a waiting task runs: a delayed task's requested time, or a retrying one's next attempt. */
function dueLabel(task: Task): string {
  return task.status === "RETRYING" ? "Next attempt" : "Runs at (eta)";
}

/** The retry policy and limits of a task: what a person needs to judge a failure. */
function LifecycleFields({ task }: { task: Task }) {
  return (
    <>
      {task.eta ? (
        <Field label={dueLabel(task)} testId="task-eta">
          {`${formatTime(task.eta)} (${formatRelative(task.eta)})`}
        </Field>
      ) : null}
      <Field label="Retries" testId="task-retries">
        {retriesText(task)}
      </Field>
      <Field label="Time limit" testId="task-time-limit">
        {task.timeLimit ? formatDuration(task.timeLimit) : "None"}
      </Field>
      {task.cancelledTime ? (
        <Field label={task.status === "CANCELLED" ? "Cancelled" : "Cancel requested"} testId="task-cancelled">
          {formatTime(task.cancelledTime)}
        </Field>
      ) : null}
    </>
  );
}

/** Everything known about one task; refreshes with the lists, so a running task's result appears. */
/** The detail of one task; `tab` is the list it was opened from, when it was. */
export function TaskDetail({ uuid, onClose, tab }: { uuid: string; onClose: () => void; tab?: TaskTab }) {
  const { config } = useMonitor();
  const [{ data, error, fetching }, reexecute] = useQuery({ query: TaskDetailQuery, variables: { uuid } });
  useRefetchOnTick(reexecute);
  const task = data?.task;
  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      data-testid="task-detail"
      aria-label="Task detail"
      component="section"
      onKeyDown={(event) => {
        // Escape closes the detail, unless it is closing an open drop-down inside it.
        const target = event.target as HTMLElement;
        if (event.key === "Escape" && target.getAttribute("aria-expanded") !== "true") onClose();
      }}
    >
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" data-testid="task-title">
            {task ? <TaskPath path={task.task} /> : fetching ? "Loading…" : error ? "Task not loaded" : "Task not found"}
          </Title>
          <CloseButton aria-label="Close detail" onClick={onClose} />
        </Group>
        <ApiError error={error} loginUrl={config.loginUrl} />
        {task ? (
          <>
            <Group gap="xs">
              <StatusBadge status={task.status} />
              {task.attempts > 1 ? <Badge variant="outline">{task.attempts} attempts</Badge> : null}
              <TaskDetailActions uuid={task.uuid} status={task.status} onDone={onClose} />
            </Group>
            {tab && TAB_OF_STATUS[task.status] !== tab ? (
              <Text size="sm" data-testid="task-moved">
                It has moved on since it was listed here:{" "}
                <Anchor component={Link} href={taskHref(task.uuid)}>
                  open it under {TAB_LABELS[TAB_OF_STATUS[task.status]]}
                </Anchor>
              </Text>
            ) : null}
            {task.orphan ? <OrphanNotice uuid={task.uuid} orphan={task.orphan} /> : null}
            <div className={layout.pairs}>
              <Field label="ID">{task.uuid}</Field>
              <Field label="Virtual host">{task.virtualHost}</Field>
              <Field label="Queue">{task.queue}</Field>
              <Field label="Exchange">{task.exchange || "(default)"}</Field>
              <Field label="Routing key">{task.routingKey}</Field>
              <Field label="Priority">{String(task.priority)}</Field>
              <Field label="Published">{formatTime(task.publishTime)}</Field>
              <Field label="Started">{formatTime(task.startTime)}</Field>
              {task.failureTime ? (
                <Field label="Failed">{formatTime(task.failureTime)}</Field>
              ) : (
                <Field label="Completed">{formatTime(task.completionTime)}</Field>
              )}
              <Field label="Duration">{formatDuration(task.durationSeconds)}</Field>
              {task.worker ? <Field label="Worker">{task.worker}</Field> : null}
              <LifecycleFields task={task} />
            </div>
            <Divider />
            <Block title="Positional arguments" text={formatArgs(task.args) || "(none)"} testId="task-args" />
            <Block title="Keyword arguments" text={formatKwargs(task.kwargs) || "(none)"} testId="task-kwargs" />
            <Block title="Output" text={task.output} testId="task-output" />
            <Block title="Exception" text={task.exception} testId="task-exception" />
            <Block title="Traceback" text={task.traceback} testId="task-traceback" />
            <AttemptHistory attempts={task.attemptHistory} />
            <LogView lines={task.log} />
          </>
        ) : null}
      </Stack>
    </Paper>
  );
}
