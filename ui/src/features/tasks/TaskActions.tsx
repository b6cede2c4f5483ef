import { Group } from "@mantine/core";
import { useState } from "react";
import type { CombinedError } from "urql";
import { useMutation, useQuery } from "urql";
import { useRefetchOnTick } from "../../app/refresh";
import type { ListParams, TaskTab } from "../../app/routes";
import { plural, useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Confirmation } from "../../components/ConfirmDialog";
import type { TaskFilter, TaskStatus } from "../../gql/graphql";
import { describeFilter, taskFilter } from "./filters";
import { CancelTasksMutation, DeleteTasksMutation, RequeueTasksMutation, RunWaitingNowMutation, TaskCountsQuery } from "./queries";
import { TAB_SPECS } from "./tabs";
import { NOUN_OF_STATUS, NOUN_OF_TAB, VERBS, VERBS_OF_STATUS, question } from "./verbs";
import type { Verb } from "./verbs";

/** The tasks a bulk mutation acts on: these ids, or every task matching a filter. */
type Target = { ids: string[] } | { filter: TaskFilter };

interface Payload {
  count: number;
  errors: readonly { field?: string | null; message: string }[];
}

/** Runs a verb's mutation on a target and reports the outcome; `run` resolves to whether it worked. */
function useTaskVerbs() {
  const [requeueState, requeue] = useMutation(RequeueTasksMutation);
  const [deleteState, remove] = useMutation(DeleteTasksMutation);
  const [cancelState, cancel] = useMutation(CancelTasksMutation);
  const [runState, runNow] = useMutation(RunWaitingNowMutation);
  const report = useActionReport();
  const busy = requeueState.fetching || deleteState.fetching || cancelState.fetching || runState.fetching;

  const send = async (verb: Verb, target: Target): Promise<{ error?: CombinedError | undefined; payload?: Payload | null | undefined }> => {
    switch (verb) {
      case "requeue": {
        const result = await requeue(target);
        return { error: result.error, payload: result.data?.requeueTasks };
      }
      case "delete": {
        const result = await remove(target);
        return { error: result.error, payload: result.data?.deleteTasks };
      }
      case "cancel": {
        const result = await cancel(target);
        return { error: result.error, payload: result.data?.cancelTasks };
      }
      case "runNow": {
        const result = await runNow(target);
        return { error: result.error, payload: result.data?.runWaitingNow };
      }
    }
  };
  const run = async (verb: Verb, target: Target) => {
    const { error, payload } = await send(verb, target);
    return report({ error, errors: payload?.errors }, VERBS[verb].done(plural(payload?.count ?? 0, "task")));
  };
  return { run, busy };
}

/** A tab's bulk actions: on the checked tasks, or on every task of the tab matching the filters. */
export function BulkTaskActions({ tab, params, checked, onDone }: { tab: TaskTab; params: ListParams; checked: ReadonlySet<string>; onDone: () => void }) {
  const { run, busy } = useTaskVerbs();
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const [counts, reexecute] = useQuery({
    query: TaskCountsQuery,
    variables: { queue: params.queue || null, task: params.task || null, search: params.search || null },
  });
  useRefetchOnTick(reexecute);
  const bulk = TAB_SPECS[tab].bulk;
  if (bulk.length === 0) return null;
  const uuids = [...checked];
  const noun = NOUN_OF_TAB[tab];

  const ask = (verb: Verb, count: number, scope: "selected" | "matching") => {
    const target: Target = scope === "selected" ? { ids: uuids } : { filter: taskFilter(tab, params) };
    setAsking({
      ...question(verb, noun, count, scope, describeFilter(params)),
      onConfirm: () => void run(verb, target).then((ok) => ok && onDone()),
    });
  };

  return (
    <Group gap="xs" wrap="wrap" data-testid="bulk-actions">
      {bulk.map(({ verb }) => (
        <ActionButton
          key={`${verb}-selected`}
          action={VERBS[verb].action}
          size="xs"
          {...(VERBS[verb].danger ? { color: "red", variant: "light" } : {})}
          disabled={busy || uuids.length === 0}
          onClick={() => ask(verb, uuids.length, "selected")}
        >
          {VERBS[verb].selected} ({uuids.length})
        </ActionButton>
      ))}
      {bulk.map(({ verb, count }) => {
        const matching = counts.data?.taskCounts[count] ?? 0;
        return (
          <ActionButton
            key={`${verb}-matching`}
            action={VERBS[verb].action}
            size="xs"
            variant="default"
            c={VERBS[verb].danger ? "red" : undefined}
            disabled={busy || matching === 0}
            onClick={() => ask(verb, matching, "matching")}
          >
            {VERBS[verb].matching} ({matching})
          </ActionButton>
        );
      })}
      <ConfirmDialog confirmation={asking} onClose={() => setAsking(null)} />
    </Group>
  );
}

/** What can be done to the open task, by its status (each asks first). */
export function TaskDetailActions({ uuid, status, onDone }: { uuid: string; status: TaskStatus; onDone: () => void }) {
  const { run, busy } = useTaskVerbs();
  const [asking, setAsking] = useState<Confirmation | null>(null);
  const verbs = VERBS_OF_STATUS[status];
  if (verbs.length === 0) return null;
  const ask = (verb: Verb) =>
    setAsking({
      ...question(verb, NOUN_OF_STATUS[status], 1, "one"),
      onConfirm: () => void run(verb, { ids: [uuid] }).then((ok) => ok && onDone()),
    });
  return (
    <>
      {verbs.map((verb) => (
        <ActionButton
          key={verb}
          action={VERBS[verb].action}
          size="compact-sm"
          {...(VERBS[verb].danger ? { color: "red", variant: "light" } : {})}
          disabled={busy}
          onClick={() => ask(verb)}
          data-testid={VERBS[verb].testId}
        >
          {VERBS[verb].label}
        </ActionButton>
      ))}
      <ConfirmDialog confirmation={asking} onClose={() => setAsking(null)} />
    </>
  );
}
