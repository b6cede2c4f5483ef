import { plural } from "../../app/useAction";
import type { TaskTab } from "../../app/routes";
import type { MonitorAction, TaskStatus } from "../../gql/graphql";

/** What a person can do to tasks from the lists and the task detail. */
export type Verb = "requeue" | "delete" | "cancel" | "runNow";

interface VerbSpec {
  /** The button in a task's detail. */
  label: string;
  /** The bulk buttons, before their count. */
  selected: string;
  matching: string;
  action: MonitorAction;
  danger: boolean;
  /** The confirmation's title, about `tasks` ("failed tasks", "task"). */
  title: (tasks: string) => string;
  /** The confirmation's question about `what` ("the 2 selected failed tasks"). */
  ask: (what: string) => string;
  /** The confirm button, for `tasks` ("2 tasks"). */
  confirm: (tasks: string) => string;
  /** What happened, for `tasks`. */
  done: (tasks: string) => string;
  /** The confirmation's button that backs out (its default "Cancel" would read as this verb). */
  dismiss?: string;
  testId: string;
}

export const VERBS: Record<Verb, VerbSpec> = {
  requeue: {
    label: "Requeue",
    title: (tasks) => `Requeue ${tasks}`,
    selected: "Requeue selected",
    matching: "Requeue all matching",
    action: "REQUEUE_TASKS",
    danger: false,
    ask: (what) => `Requeue ${what}?`,
    confirm: (tasks) => `Requeue ${tasks}`,
    done: (tasks) => `Requeued ${tasks}.`,
    testId: "requeue-one",
  },
  delete: {
    label: "Delete",
    title: (tasks) => `Delete ${tasks}`,
    selected: "Delete selected",
    matching: "Delete all matching",
    action: "DELETE_TASKS",
    danger: true,
    ask: (what) => `Delete ${what}? This cannot be undone.`,
    confirm: (tasks) => `Delete ${tasks}`,
    done: (tasks) => `Deleted ${tasks}.`,
    testId: "delete-one",
  },
  cancel: {
    label: "Cancel",
    title: (tasks) => `Cancel ${tasks}`,
    selected: "Cancel selected",
    matching: "Cancel all matching",
    action: "REQUEUE_TASKS",
    danger: true,
    ask: (what) => `Cancel ${what}? A task not started yet will not run; a running one is asked to stop (best effort).`,
    confirm: (tasks) => `Cancel ${tasks}`,
    done: (tasks) => `Cancelled ${tasks}.`,
    dismiss: "Don't cancel",
    testId: "cancel-one",
  },
  runNow: {
    label: "Run now",
    title: (tasks) => `Run ${tasks} now`,
    selected: "Run selected now",
    matching: "Run all matching now",
    action: "REQUEUE_TASKS",
    danger: false,
    ask: (what) => `Run ${what} now, instead of waiting?`,
    confirm: (tasks) => `Run ${tasks} now`,
    done: (tasks) => `Running ${tasks} now (published within a second or two).`,
    testId: "run-now-one",
  },
};

/** The verbs a task's detail offers, by its status. */
export const VERBS_OF_STATUS: Record<TaskStatus, readonly Verb[]> = {
  DELAYED: ["runNow", "cancel"],
  PUBLISHED: ["cancel"],
  IN_PROGRESS: ["cancel"],
  RETRYING: ["runNow", "cancel"],
  FAILED: ["requeue", "delete"],
  COMPLETED: [],
  CANCELLED: ["requeue", "delete"],
};

/** How a task of a status is named in a confirmation ("failed task"). */
export const NOUN_OF_STATUS: Record<TaskStatus, string> = {
  DELAYED: "delayed task",
  PUBLISHED: "queued task",
  IN_PROGRESS: "running task",
  RETRYING: "retrying task",
  FAILED: "failed task",
  COMPLETED: "completed task",
  CANCELLED: "cancelled task",
};

/** How a tab names its tasks in confirmations. */
export const NOUN_OF_TAB: Record<TaskTab, string> = {
  queued: "queued task",
  waiting: "delayed or retrying task",
  failed: "failed task",
  completed: "completed task",
  cancelled: "cancelled task",
};

export type Scope = "one" | "selected" | "matching";

export interface Question {
  title: string;
  message: string;
  confirmLabel: string;
  danger: boolean;
  dismissLabel?: string;
}

/**
 * The confirmation before `verb` acts on `count` tasks called `noun`: `scope` says which ones,
 * `filter` describes the list's filters (for "all matching").
 */
export function question(verb: Verb, noun: string, count: number, scope: Scope, filter = ""): Question {
  const spec = VERBS[verb];
  const what =
    scope === "one"
      ? `1 ${noun}`
      : scope === "selected"
        ? `the ${plural(count, `selected ${noun}`)}`
        : `all ${plural(count, noun)}${filter}`;
  return {
    title: spec.title(scope === "one" ? "task" : `${noun}s`),
    message: spec.ask(what),
    confirmLabel: spec.confirm(plural(count, "task")),
    danger: spec.danger,
    ...(spec.dismiss ? { dismissLabel: spec.dismiss } : {}),
  };
}
