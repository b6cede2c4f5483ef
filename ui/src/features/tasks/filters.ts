import type { TaskListStatus } from "../../gql/graphql";
import type { ListParams, TaskTab } from "../../app/routes";

export const STATUS_OF_TAB: Record<TaskTab, TaskListStatus> = {
  queued: "QUEUED",
  failed: "FAILED",
  completed: "COMPLETED",
};

/** The API filter for a tab and the filters in its URL. */
export function taskFilter(tab: TaskTab, params: ListParams) {
  return {
    status: STATUS_OF_TAB[tab],
    queue: params.queue || null,
    task: params.task || null,
    search: params.search || null,
  };
}

export function describeFilter(params: ListParams): string {
  const parts = [
    params.queue && `queue ${params.queue}`,
    params.task && `task ${params.task}`,
    params.search && `matching “${params.search}”`,
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}
