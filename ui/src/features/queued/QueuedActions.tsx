import { Group, Select, Text } from "@mantine/core";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useRefetchOnTick } from "../../app/refresh";
import type { ListParams } from "../../app/routes";
import { plural, useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Confirmation } from "../../components/ConfirmDialog";
import { queueLabel } from "./pauses";
import { HELD_BY_CONSUMERS, purgedText } from "./purge";
import { PauseQueueButton } from "./QueuePause";
import { PurgeQueueMutation, QueueStatesQuery, RequeuePendingMutation, TaskCountsQuery } from "../tasks/queries";

/**
 * Purge a queue on the broker, pause or resume it, or publish again its pending tasks whose messages are gone (with
 * confirmation). While the broker holds messages of the queue it says so and offers no requeue; the
 * server checks the broker again and leaves the tasks whose messages may still be held.
 */
export function QueuedActions({ params }: { params: ListParams }) {
  const [chosen, setChosen] = useState<string | null>(null);
  const queue = chosen ?? (params.queue || null);
  const [options, reexecuteOptions] = useQuery({ query: QueueStatesQuery });
  useRefetchOnTick(reexecuteOptions);
  const [counts, reexecuteCounts] = useQuery({ query: TaskCountsQuery, variables: { queue } });
  useRefetchOnTick(reexecuteCounts);
  const [purgeState, purge] = useMutation(PurgeQueueMutation);
  const [requeueState, requeue] = useMutation(RequeuePendingMutation);
  const report = useActionReport();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const queues = options.data?.queues ?? [];
  const chosenQueue = queues.find((item) => item.name === queue);
  const messages = chosenQueue?.state.messages;
  const paused = chosenQueue?.paused ?? false;
  const pending = counts.data?.taskCounts.queued ?? 0;
  const busy = purgeState.fetching || requeueState.fetching;
  const held = queue && messages ? `The broker still holds ${plural(messages, "message")} of queue ${queue}: they run when a consumer takes them, so none is published again.` : "";

  const askPurge = () => {
    if (!queue) return;
    const ready = typeof messages === "number" ? `the ${plural(messages, "message")} ready` : "the messages ready";
    setConfirmation({
      title: `Purge queue ${queue}`,
      message: `Remove ${ready} in queue ${queue} from the broker? Their tasks will not run (they stay published: Requeue pending can send them again). ${HELD_BY_CONSUMERS}`,
      confirmLabel: "Purge queue",
      danger: true,
      onConfirm: () =>
        void purge({ name: queue }).then((result) => {
          const payload = result.data?.purgeQueue;
          report({ error: result.error, errors: payload?.errors }, purgedText(queue, payload?.purgedCount ?? 0, payload?.heldCount ?? 0));
        }),
    });
  };
  const askRequeue = () => {
    const where = queue ? ` of queue ${queue}` : "";
    setConfirmation({
      title: "Requeue pending tasks",
      message: `Publish again the pending tasks${where} whose messages are gone from the broker? Tasks whose message the broker or a consumer may still hold are left alone.`,
      confirmLabel: "Requeue pending tasks",
      onConfirm: () =>
        void requeue({ queue }).then((result) => {
          const payload = result.data?.requeuePendingTasks;
          const kept = (payload?.kept ?? []).map((left) => ` Left ${plural(left.count, "task")} of ${left.queue}: ${left.explanation}`);
          report({ error: result.error, errors: payload?.errors }, `Requeued ${plural(payload?.count ?? 0, "pending task")}.${kept.join("")}`);
        }),
    });
  };

  return (
    <Group gap="xs" align="flex-end" wrap="wrap">
      <Select
        label="Queue to act on"
        placeholder="Choose a queue"
        data={queues.map((item) => ({ value: item.name, label: queueLabel(item, typeof item.state.messages === "number" ? `${item.state.messages} waiting` : undefined) }))}
        value={queue}
        onChange={setChosen}
        size="xs"
        w={200}
        data-testid="action-queue"
      />
      <ActionButton action="PURGE_QUEUES" size="xs" color="red" variant="light" disabled={busy || !queue} onClick={askPurge} data-testid="purge-queue">
        Purge queue
      </ActionButton>
      <PauseQueueButton queue={queue} paused={paused} disabled={busy} />
      <ActionButton action="REQUEUE_TASKS" size="xs" variant="default" disabled={busy || pending === 0 || Boolean(held)} onClick={askRequeue} data-testid="requeue-pending">
        Requeue pending ({pending})
      </ActionButton>
      {held ? (
        <Text size="xs" c="dimmed" maw={420} data-testid="broker-holds">
          {held}
        </Text>
      ) : null}
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Group>
  );
}
