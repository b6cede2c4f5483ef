import { useCallback, useEffect, useRef } from "react";
import { useSearchParams } from "wouter";

export const TASK_TABS = ["queued", "waiting", "failed", "completed", "cancelled"] as const;
export type TaskTab = (typeof TASK_TABS)[number];
export const TABS = [...TASK_TABS, "scheduled", "workers", "dashboard", "audit"] as const;
export type Tab = (typeof TABS)[number];

export const TAB_LABELS: Record<Tab, string> = {
  queued: "Queued",
  waiting: "Delayed / Retrying",
  failed: "Failed",
  completed: "Completed",
  cancelled: "Cancelled",
  scheduled: "Scheduled",
  workers: "Workers",
  dashboard: "Dashboard",
  audit: "Audit log",
};

/** The tab a path shows (its first segment); the queued tab for any other path. */
export function tabFromPath(path: string): Tab {
  const first = path.split("/").filter(Boolean)[0];
  return TABS.find((name) => name === first) ?? "queued";
}

/** A link to a task that opens it under the tab of its status when the link is followed. */
export function taskHref(uuid: string): string {
  return `/task/${encodeURIComponent(uuid)}`;
}

/** The list state kept in the URL so every view is deep-linkable and back/forward work. */
export interface ListParams {
  queue: string;
  task: string;
  search: string;
  /** The open task (uuid) or scheduled task (id); "new" opens the editor for a new scheduled task. */
  selected: string;
  /** Keyset cursor of the page shown; empty for the newest page. */
  after: string;
}

const KEYS: Record<keyof ListParams, string> = {
  queue: "queue",
  task: "task",
  search: "q",
  selected: "selected",
  after: "after",
};

export function paramsFrom(search: URLSearchParams): ListParams {
  return {
    queue: search.get(KEYS.queue) ?? "",
    task: search.get(KEYS.task) ?? "",
    search: search.get(KEYS.search) ?? "",
    selected: search.get(KEYS.selected) ?? "",
    after: search.get(KEYS.after) ?? "",
  };
}

export function searchFrom(params: Partial<ListParams>): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of Object.keys(KEYS) as (keyof ListParams)[]) {
    const value = params[key];
    if (value) search.set(KEYS[key], value);
  }
  return search;
}

/**
 * The current list params and a setter that merges changes into the URL. Opening a task or changing
 * page pushes a history entry (so Back closes it); typing in a filter replaces the current one. Once
 * the view is gone the setter does nothing: an action answered after the person moved to another tab
 * (closing the detail it was taken in) must not take them back.
 */
export function useListParams(): [ListParams, (change: Partial<ListParams>, options?: { replace?: boolean }) => void] {
  const [search, setSearch] = useSearchParams();
  const params = paramsFrom(search);
  const shown = useRef(true);
  useEffect(() => {
    shown.current = true;
    return () => {
      shown.current = false;
    };
  }, []);
  const update = useCallback(
    (change: Partial<ListParams>, options?: { replace?: boolean }) => {
      if (!shown.current) return;
      setSearch(
        (previous) => {
          const merged = { ...paramsFrom(previous), ...change };
          return searchFrom(merged);
        },
        { replace: options?.replace ?? false },
      );
    },
    [setSearch],
  );
  return [params, update];
}
