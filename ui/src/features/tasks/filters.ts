import type { ListParams, TaskTab } from "../../app/routes";
import { TAB_SPECS } from "./tabs";

/** The API filter for a tab and the filters in its URL. */
export function taskFilter(tab: TaskTab, params: ListParams) {
  return {
    status: TAB_SPECS[tab].status,
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
