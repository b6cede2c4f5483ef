import type { TaskTab } from "../../app/routes";
import type { TaskCountsQuery, TaskListStatus, TaskStatus } from "../../gql/graphql";
import type { TaskRow } from "./TaskTable";
import type { Verb } from "./verbs";

export type CountKey = Exclude<keyof TaskCountsQuery["taskCounts"], "__typename">;

/** A bulk action of a tab, and the count that says how many tasks "all matching" would touch. */
export interface BulkVerb {
  verb: Verb;
  count: CountKey;
}

interface TabSpec {
  status: TaskListStatus;
  /** The count shown on the tab. */
  count: CountKey;
  /** The list's time column. */
  timeLabel: string;
  timeOf: (row: TaskRow) => string | null | undefined;
  bulk: readonly BulkVerb[];
}

/** What each task tab lists, the time it shows, and what it can do to many tasks at once. */
export const TAB_SPECS: Record<TaskTab, TabSpec> = {
  queued: {
    status: "QUEUED",
    count: "queued",
    timeLabel: "Published",
    timeOf: (row) => row.publishTime,
    // Cancelling a running task asks it to stop.
    bulk: [{ verb: "cancel", count: "queued" }],
  },
  waiting: {
    status: "WAITING",
    count: "waiting",
    timeLabel: "Due (eta / next attempt)",
    timeOf: (row) => row.eta,
    bulk: [
      { verb: "runNow", count: "waiting" },
      { verb: "cancel", count: "waiting" },
    ],
  },
  failed: {
    status: "FAILED",
    count: "failed",
    timeLabel: "Failed",
    timeOf: (row) => row.failureTime,
    bulk: [
      { verb: "requeue", count: "failed" },
      { verb: "delete", count: "failed" },
    ],
  },
  completed: { status: "COMPLETED", count: "completed", timeLabel: "Completed", timeOf: (row) => row.completionTime, bulk: [] },
  cancelled: {
    status: "CANCELLED",
    count: "cancelled",
    timeLabel: "Cancelled",
    timeOf: (row) => row.cancelledTime,
    bulk: [
      { verb: "requeue", count: "cancelled" },
      { verb: "delete", count: "cancelled" },
    ],
  },
};

/** The tab that lists a task of each status. */
export const TAB_OF_STATUS: Record<TaskStatus, TaskTab> = {
  PUBLISHED: "queued",
  IN_PROGRESS: "queued",
  DELAYED: "waiting",
  RETRYING: "waiting",
  FAILED: "failed",
  COMPLETED: "completed",
  CANCELLED: "cancelled",
};
