import { Group, Select, TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useState } from "react";
import type { CSSProperties } from "react";
import { useQuery } from "urql";
import type { ListParams } from "../../app/routes";
import layout from "../../components/layout.module.css";
import { queueLabel } from "../queued/pauses";
import { TaskFilterOptionsQuery } from "./queries";

/** Free-text search and queue/task filters; changes go into the URL (replacing, not pushing). */
export function TaskFilters({ params, onChange }: { params: ListParams; onChange: (change: Partial<ListParams>) => void }) {
  const [{ data }] = useQuery({ query: TaskFilterOptionsQuery });
  const [search, setSearch] = useState(params.search);
  // Back/forward (or a link) can change the search in the URL: show that, not the stale text.
  const [shownFor, setShownFor] = useState(params.search);
  if (params.search !== shownFor) {
    setShownFor(params.search);
    setSearch(params.search);
  }
  const commitSearch = useDebouncedCallback((value: string) => {
    setShownFor(value);
    onChange({ search: value, after: "", selected: "" });
  }, 300);
  const queues = data?.queues.map((queue) => queue.name) ?? [];
  const pausedQueues = new Set(data?.queues.filter((queue) => queue.paused).map((queue) => queue.name));
  const tasks = data?.registeredTasks.map((task) => task.path) ?? [];
  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="task, id, exception…"
        value={search}
        onChange={(event) => {
          setSearch(event.currentTarget.value);
          commitSearch(event.currentTarget.value);
        }}
        className={layout.filter}
        style={{ "--filter-width": "260px" } as CSSProperties}
        data-testid="filter-search"
      />
      <Select
        label="Queue"
        placeholder="All queues"
        data={withCurrent(queues, params.queue).map((name) => ({ value: name, label: queueLabel({ name, paused: pausedQueues.has(name) }) }))}
        value={params.queue || null}
        onChange={(value) => onChange({ queue: value ?? "", after: "", selected: "" })}
        clearable
        searchable
        className={layout.filter}
        style={{ "--filter-width": "180px" } as CSSProperties}
        data-testid="filter-queue"
      />
      <Select
        label="Task"
        placeholder="All tasks"
        data={withCurrent(tasks, params.task)}
        value={params.task || null}
        onChange={(value) => onChange({ task: value ?? "", after: "", selected: "" })}
        clearable
        searchable
        className={layout.filter}
        style={{ "--filter-width": "280px" } as CSSProperties}
        data-testid="filter-task"
      />
    </Group>
  );
}

/** Keeps a value from a deep link selectable even when the API no longer lists it. */
function withCurrent(options: readonly string[], current: string): string[] {
  return current && !options.includes(current) ? [...options, current] : [...options];
}
