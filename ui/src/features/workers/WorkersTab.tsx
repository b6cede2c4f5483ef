import { Anchor, Badge, Paper, ScrollArea, Stack, Table, Text } from "@mantine/core";
import { useMutation, useQuery } from "urql";
import { Link } from "wouter";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { taskHref } from "../../app/routes";
import { useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ApiError } from "../../components/ApiError";
import { TaskPath } from "../../components/TaskPath";
import { formatRelative, formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import type { WorkerState, WorkersQuery as WorkersResult } from "../../gql/graphql";
import { OrphanNotice } from "./OrphanNotice";
import { SetWorkerQuietMutation, WorkersQuery } from "./queries";

type Worker = WorkersResult["workers"][number];

const STATE: Record<WorkerState, { label: string; colour: string; why: string }> = {
  ALIVE: { label: "Alive", colour: "green", why: "Its heartbeats arrive." },
  QUIET: { label: "Quiet", colour: "yellow", why: "Told to take no new tasks: it finishes those it runs." },
  LOST: { label: "Lost", colour: "red", why: "Silent for three heartbeats: it died or cannot reach the database." },
  STOPPED: { label: "Stopped", colour: "gray", why: "It stopped cleanly." },
};

/** Tell a live service to take no new tasks (it finishes those it runs), or to take them again. */
function QuietButton({ worker }: { worker: Worker }) {
  const [state, setQuiet] = useMutation(SetWorkerQuietMutation);
  const report = useActionReport();
  if (worker.state !== "ALIVE" && worker.state !== "QUIET") return null;
  const where = `${worker.host}:${worker.pid}`;
  const toggle = async () => {
    const result = await setQuiet({ id: worker.id, quiet: !worker.quiet });
    const done = worker.quiet
      ? `Told ${where} to take tasks again; it does within a heartbeat.`
      : `Told ${where} to take no new tasks; it finishes those it runs, within a heartbeat.`;
    report({ error: result.error, errors: result.data?.setWorkerQuiet?.errors }, done);
  };
  return (
    <ActionButton action="QUIET_WORKERS" size="compact-xs" variant="light" color={worker.quiet ? "green" : "yellow"} disabled={state.fetching} onClick={() => void toggle()} data-testid="worker-quiet">
      {worker.quiet ? "Take tasks" : "Quiet"}
    </ActionButton>
  );
}

function StateBadge({ state }: { state: WorkerState }) {
  return (
    <Badge color={STATE[state].colour} variant="light" title={STATE[state].why} data-testid="worker-state">
      {STATE[state].label}
    </Badge>
  );
}

/** What a service runs now, each task opening its detail; an orphan says where its message is. */
function Running({ worker }: { worker: Worker }) {
  if (worker.running.length === 0) return <Text size="sm" c="dimmed">idle</Text>;
  return (
    <Stack gap={4}>
      {worker.running.map((task) => (
        <Stack key={task.id} gap={2} data-testid="worker-task">
          <Text size="sm">
            <Text span c="dimmed" size="xs" ff="monospace">
              {task.consumer}
            </Text>{" "}
            <Anchor component={Link} href={taskHref(task.uuid)} size="sm" data-testid="worker-task-link">
              <TaskPath path={task.task} />
            </Anchor>{" "}
            <Text span c="dimmed" size="xs">
              since {formatRelative(task.startTime)}
            </Text>
          </Text>
          {task.orphan ? <OrphanNotice uuid={task.uuid} orphan={task.orphan} /> : null}
        </Stack>
      ))}
    </Stack>
  );
}

function WorkerRow({ worker }: { worker: Worker }) {
  const orphans = worker.running.filter((task) => task.orphan).length;
  return (
    <Table.Tr data-testid="worker-row" data-state={worker.state} data-pid={worker.pid}>
      <Table.Td>
        <Text size="sm" fw={500} ff="monospace" style={{ whiteSpace: "nowrap" }}>
          {worker.host}:{worker.pid}
        </Text>
        <Text size="xs" c="dimmed">
          version {worker.version}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <StateBadge state={worker.state} />
          <QuietButton worker={worker} />
          {orphans ? (
            <Text size="xs" fw={600} c="orange" style={{ whiteSpace: "nowrap" }} data-testid="orphan-count">
              {orphans} orphaned
            </Text>
          ) : null}
        </Stack>
      </Table.Td>
      <Table.Td data-testid="worker-queues">
        {worker.queues.length === 0 ? "—" : null}
        {worker.queues.map((queue) => (
          <Text key={queue.name} size="sm" style={{ whiteSpace: "nowrap" }} data-testid="worker-queue">
            {queue.name} ×{queue.concurrency}
          </Text>
        ))}
      </Table.Td>
      <Table.Td className={layout.fromSm} style={{ whiteSpace: "nowrap" }}>
        {formatTime(worker.started)}
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }} title={formatTime(worker.lastHeartbeat)} data-testid="worker-heartbeat">
        {worker.stopped ? `stopped ${formatRelative(worker.stopped)}` : formatRelative(worker.lastHeartbeat)}
        <Text size="xs" c="dimmed">
          every {worker.heartbeatSeconds} s
        </Text>
      </Table.Td>
      <Table.Td>
        <Running worker={worker} />
      </Table.Td>
    </Table.Tr>
  );
}

/** Every carrot service that registered: its state, what it consumes and what it runs now. */
export function WorkersTab() {
  const { config } = useMonitor();
  const [{ data, error }, reexecute] = useQuery({ query: WorkersQuery });
  useRefetchOnTick(reexecute);
  const workers = data?.workers ?? [];
  return (
    <Stack gap="sm">
      <ApiError error={error} loginUrl={config.loginUrl} />
      <Paper withBorder radius="md">
        <ScrollArea.Autosize mah="calc(100vh - 220px)" type="auto">
          {data && workers.length === 0 ? (
            <Text c="dimmed" p="md" data-testid="empty-list">
              No carrot service has registered: start one with manage.py carrot. Nothing consumes the queues meanwhile.
            </Text>
          ) : (
            <Table data-testid="workers-table" verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Service</Table.Th>
                  <Table.Th>State</Table.Th>
                  <Table.Th>Queues × concurrency</Table.Th>
                  <Table.Th className={layout.fromSm}>Started</Table.Th>
                  <Table.Th>Last heartbeat</Table.Th>
                  <Table.Th>Running now</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {workers.map((worker) => (
                  <WorkerRow key={worker.id} worker={worker} />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea.Autosize>
      </Paper>
    </Stack>
  );
}
