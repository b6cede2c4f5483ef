import { Group } from "@mantine/core";
import { useState } from "react";
import { useMutation, useQuery } from "urql";
import { plural, useActionReport } from "../../app/useAction";
import { useRefetchOnTick } from "../../app/refresh";
import type { ListParams } from "../../app/routes";
import { ActionButton } from "../../components/ActionButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Confirmation } from "../../components/ConfirmDialog";
import { describeFilter, taskFilter } from "../tasks/filters";
import { DeleteTasksMutation, RequeueTasksMutation, TaskCountsQuery } from "../tasks/queries";

type Verb = "requeue" | "delete";

function useFailedMutations() {
  const [requeueState, requeue] = useMutation(RequeueTasksMutation);
  const [deleteState, remove] = useMutation(DeleteTasksMutation);
  const report = useActionReport();
  const busy = requeueState.fetching || deleteState.fetching;
  const run = async (verb: Verb, variables: Parameters<typeof requeue>[0]) => {
    if (verb === "requeue") {
      const result = await requeue(variables);
      const payload = result.data?.requeueTasks;
      return report({ error: result.error, errors: payload?.errors }, `Requeued ${plural(payload?.count ?? 0, "task")}.`);
    }
    const result = await remove(variables);
    const payload = result.data?.deleteTasks;
    return report({ error: result.error, errors: payload?.errors }, `Deleted ${plural(payload?.count ?? 0, "task")}.`);
  };
  return { run, busy };
}

/** Requeue or delete the checked failed tasks, or all failed tasks matching the filter. */
export function FailedBulkActions({ params, checked, onDone }: { params: ListParams; checked: ReadonlySet<string>; onDone: () => void }) {
  const { run, busy } = useFailedMutations();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [counts, reexecute] = useQuery({
    query: TaskCountsQuery,
    variables: { queue: params.queue || null, task: params.task || null, search: params.search || null },
  });
  useRefetchOnTick(reexecute);
  const matching = counts.data?.taskCounts.failed ?? 0;
  const uuids = [...checked];

  const ask = (verb: Verb, scope: "selected" | "matching") => {
    const count = scope === "selected" ? uuids.length : matching;
    const what = scope === "selected" ? `the ${plural(count, "selected failed task")}` : `all ${plural(count, "failed task")}${describeFilter(params)}`;
    setConfirmation({
      title: verb === "requeue" ? "Requeue failed tasks" : "Delete failed tasks",
      message: `${verb === "requeue" ? "Requeue" : "Delete"} ${what}?${verb === "delete" ? " This cannot be undone." : ""}`,
      confirmLabel: `${verb === "requeue" ? "Requeue" : "Delete"} ${plural(count, "task")}`,
      danger: verb === "delete",
      onConfirm: () => {
        const variables = scope === "selected" ? { ids: uuids } : { filter: taskFilter("failed", params) };
        void run(verb, variables).then((ok) => ok && onDone());
      },
    });
  };

  return (
    <Group gap="xs" wrap="wrap">
      <ActionButton action="REQUEUE_TASKS" size="xs" disabled={busy || uuids.length === 0} onClick={() => ask("requeue", "selected")}>
        Requeue selected ({uuids.length})
      </ActionButton>
      <ActionButton action="DELETE_TASKS" size="xs" color="red" variant="light" disabled={busy || uuids.length === 0} onClick={() => ask("delete", "selected")}>
        Delete selected ({uuids.length})
      </ActionButton>
      <ActionButton action="REQUEUE_TASKS" size="xs" variant="default" disabled={busy || matching === 0} onClick={() => ask("requeue", "matching")}>
        Requeue all matching ({matching})
      </ActionButton>
      <ActionButton action="DELETE_TASKS" size="xs" variant="default" c="red" disabled={busy || matching === 0} onClick={() => ask("delete", "matching")}>
        Delete all matching ({matching})
      </ActionButton>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Group>
  );
}

/** Requeue or delete the open failed task. */
export function FailedTaskActions({ uuid, onDone }: { uuid: string; onDone: () => void }) {
  const { run, busy } = useFailedMutations();
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const ask = (verb: Verb) =>
    setConfirmation({
      title: verb === "requeue" ? "Requeue task" : "Delete task",
      message: verb === "requeue" ? "Requeue 1 failed task?" : "Delete 1 failed task? This cannot be undone.",
      confirmLabel: verb === "requeue" ? "Requeue 1 task" : "Delete 1 task",
      danger: verb === "delete",
      onConfirm: () => void run(verb, { ids: [uuid] }).then((ok) => ok && onDone()),
    });
  return (
    <>
      <ActionButton action="REQUEUE_TASKS" size="compact-sm" disabled={busy} onClick={() => ask("requeue")} data-testid="requeue-one">
        Requeue
      </ActionButton>
      <ActionButton action="DELETE_TASKS" size="compact-sm" color="red" variant="light" disabled={busy} onClick={() => ask("delete")} data-testid="delete-one">
        Delete
      </ActionButton>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </>
  );
}
