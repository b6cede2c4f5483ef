import { Group, Select } from "@mantine/core";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { useRefetchOnTick } from "../../app/refresh";
import type { ListParams } from "../../app/routes";
import { plural, useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Confirmation } from "../../components/ConfirmDialog";
import { queueLabel } from "./pauses";
import { PauseQueueButton } from "./QueuePause";
import { PurgeQueueMutation, QueueStatesQuery, RequeuePendingMutation, TaskCountsQuery } from "../tasks/queries";

/** Purge a queue on the broker (with confirmation), pause or resume it, or publish again the tasks still
 * waiting in it (with confirmation). */
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

  const askPurge = () => {
    if (!queue) return;
    const count = messages ?? pending;
    setConfirmation({
      title: `Purge queue ${queue}`,
      message: `Remove ${plural(count, "message")} waiting in queue ${queue} from the broker? Their tasks will not run.`,
      confirmLabel: `Purge ${plural(count, "message")}`,
      danger: true,
      onConfirm: () =>
        void purge({ name: queue }).then((result) =>
          report(
            { error: result.error, errors: result.data?.purgeQueue?.errors },
            `Purged ${plural(result.data?.purgeQueue?.purgedCount ?? 0, "message")} from ${queue}.`,
          ),
        ),
    });
  };
  const askRequeue = () => {
    const where = queue ? ` in queue ${queue}` : "";
    setConfirmation({
      title: "Requeue pending tasks",
      message: `Publish again the ${plural(pending, "pending task")}${where}?`,
      confirmLabel: `Requeue ${plural(pending, "task")}`,
      onConfirm: () =>
        void requeue({ queue }).then((result) =>
          report(
            { error: result.error, errors: result.data?.requeuePendingTasks?.errors },
            `Requeued ${plural(result.data?.requeuePendingTasks?.count ?? 0, "pending task")}.`,
          ),
        ),
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
      <ActionButton action="REQUEUE_TASKS" size="xs" variant="default" disabled={busy || pending === 0} onClick={askRequeue} data-testid="requeue-pending">
        Requeue pending ({pending})
      </ActionButton>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Group>
  );
}
