import { Alert, Paper, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "urql";
import { useRefetchOnTick } from "../../app/refresh";
import { perMinute, queueNotices } from "./health";
import { QueueHealthQuery } from "./queries";

/**
 * Per queue: tasks waiting in the broker, consumers, and tasks per minute in and out; then a notice for
 * each paused queue and a warning for each queue whose tasks wait with nothing consuming them.
 */
export function QueueHealth() {
  const [{ data }, reexecute] = useQuery({ query: QueueHealthQuery });
  useRefetchOnTick(reexecute);
  if (!data) return null;
  const notices = queueNotices(data.queues);
  return (
    <Stack gap="xs">
      <Paper withBorder radius="md">
        <Table data-testid="queue-health" fz="sm" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Queue</Table.Th>
              <Table.Th ta="right">Waiting</Table.Th>
              <Table.Th ta="right">Consumers</Table.Th>
              <Table.Th ta="right" title="New tasks published per minute, last five minutes">In /min</Table.Th>
              <Table.Th ta="right" title="Runs ended per minute, last five minutes">Out /min</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.queues.map((queue) => (
              <Table.Tr key={queue.name} data-testid={`queue-health-${queue.name}`}>
                <Table.Td>{queue.paused ? `${queue.name} (paused)` : queue.name}</Table.Td>
                <Table.Td ta="right">{queue.state.reachable ? queue.state.messages : <Text span c="dimmed">unknown</Text>}</Table.Td>
                <Table.Td ta="right">{queue.state.reachable ? queue.state.consumers : <Text span c="dimmed">unknown</Text>}</Table.Td>
                <Table.Td ta="right">{perMinute(queue.rates.published)}</Table.Td>
                <Table.Td ta="right">{perMinute(queue.rates.finished)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Paper>
      {notices.map((notice) => (
        <Alert
          key={notice.queue}
          color={notice.kind === "paused" ? "yellow" : "red"}
          variant="light"
          py="xs"
          data-testid={notice.kind === "paused" ? "queue-paused" : "queue-unconsumed"}
        >
          {notice.text}
        </Alert>
      ))}
    </Stack>
  );
}
