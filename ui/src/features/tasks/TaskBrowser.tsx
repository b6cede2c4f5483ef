import { Group, Paper, ScrollArea, Stack, Text } from "@mantine/core";
import { useCallback, useState } from "react";
import { useQuery } from "urql";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { TAB_LABELS, useListParams } from "../../app/routes";
import type { TaskTab } from "../../app/routes";
import { ApiError } from "../../components/ApiError";
import { Pager, usePageHistory } from "../../components/Pager";
import { SplitView } from "../../components/SplitView";
import { QueueHealth } from "../queued/QueueHealth";
import { QueuedActions } from "../queued/QueuedActions";
import { taskFilter } from "./filters";
import { TaskListQuery } from "./queries";
import { TAB_SPECS } from "./tabs";
import { BulkTaskActions } from "./TaskActions";
import { TaskDetail } from "./TaskDetail";
import { TaskFilters } from "./TaskFilters";
import { TaskTable } from "./TaskTable";

/**
 * One task tab: filters, a keyset-paged list refreshed every 5 seconds (kept on screen while it
 * refreshes, so scroll position, checked rows and the open detail survive) and the open task.
 */
export function TaskBrowser({ tab }: { tab: TaskTab }) {
  const { config } = useMonitor();
  const [params, setParams] = useListParams();
  const filter = taskFilter(tab, params);
  const [{ data, error }, reexecute] = useQuery({
    query: TaskListQuery,
    // The page size (50) is in the document itself, so that its cost is counted for 50 rows.
    variables: { filter, after: params.after || null },
  });
  useRefetchOnTick(reexecute);
  const pages = usePageHistory(params.after, (after) => setParams({ after }));
  const [checked, setChecked] = useState<ReadonlySet<string>>(new Set());
  const rows = data?.tasks.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.tasks.pageInfo;
  const spec = TAB_SPECS[tab];
  const selectable = spec.bulk.length > 0;

  const toggle = useCallback((uuid: string) => {
    setChecked((current) => {
      const next = new Set(current);
      if (next.has(uuid)) next.delete(uuid);
      else next.add(uuid);
      return next;
    });
  }, []);
  const setAll = useCallback((uuids: string[], on: boolean) => {
    setChecked((current) => {
      const next = new Set(current);
      for (const uuid of uuids) {
        if (on) next.add(uuid);
        else next.delete(uuid);
      }
      return next;
    });
  }, []);

  const open = (uuid: string) => setParams({ selected: uuid === params.selected ? "" : uuid });
  const close = () => setParams({ selected: "" });

  return (
    <Stack gap="sm">
      <TaskFilters
        params={params}
        onChange={(change) => {
          pages.reset();
          setChecked(new Set());
          setParams(change, { replace: true });
        }}
      />
      <BulkTaskActions tab={tab} params={params} checked={checked} onDone={() => setChecked(new Set())} />
      {tab === "queued" ? <QueuedActions params={params} /> : null}
      {tab === "queued" ? <QueueHealth /> : null}
      <ApiError error={error} loginUrl={config.loginUrl} />
      <SplitView
        ratio={[7, 5]}
        detail={
          params.selected ? (
            <TaskDetail uuid={params.selected} onClose={close} tab={tab} />
          ) : null
        }
      >
          <Paper withBorder radius="md">
            <ScrollArea.Autosize mah="calc(100vh - 260px)" type="auto" data-testid="task-list-scroll">
              {data && rows.length === 0 ? (
                <Text c="dimmed" p="md" data-testid="empty-list">
                  No {TAB_LABELS[tab].toLowerCase()} tasks{params.search || params.queue || params.task ? " match these filters" : ""}.
                </Text>
              ) : (
                <TaskTable
                  rows={rows}
                  open={params.selected}
                  onOpen={open}
                  selection={selectable ? { selected: checked, toggle, setAll } : undefined}
                  timeLabel={spec.timeLabel}
                  timeOf={spec.timeOf}
                />
              )}
            </ScrollArea.Autosize>
          </Paper>
          <Group justify="space-between" mt="xs">
            <Text size="sm" c="dimmed">
              {rows.length ? `${rows.length} shown` : ""}
              {selectable && checked.size ? `, ${checked.size} selected` : ""}
            </Text>
            <Pager
              hasNewer={Boolean(params.after)}
              hasOlder={Boolean(pageInfo?.hasNextPage)}
              onNewer={pages.newer}
              onOlder={() => pages.older(pageInfo?.endCursor ?? "")}
            />
          </Group>
      </SplitView>
    </Stack>
  );
}
