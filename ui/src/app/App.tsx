import { ActionIcon, Anchor, Badge, Container, Group, Stack, Tabs, Text, Title, Tooltip, useComputedColorScheme, useMantineColorScheme } from "@mantine/core";
import { useCallback, useMemo, useState } from "react";
import { useQuery } from "urql";
import { Redirect, Route, Switch, useLocation } from "wouter";
import { ApiError, ConnectionBanner } from "../components/ApiError";
import layout from "../components/layout.module.css";
import { Notice } from "../components/Notice";
import type { NoticeMessage } from "../components/Notice";
import type { MonitorConfig } from "../config";
import { AuditTab } from "../features/audit/AuditTab";
import { Dashboard } from "../features/dashboard/Dashboard";
import { ScheduledTab } from "../features/scheduled/ScheduledTab";
import { TaskBrowser } from "../features/tasks/TaskBrowser";
import { TaskLocator } from "../features/tasks/TaskLocator";
import { WorkersTab } from "../features/workers/WorkersTab";
import { TaskCountsQuery } from "../features/tasks/queries";
import { MonitorContext } from "./monitor";
import { ViewerQuery, permissionsFrom } from "./permissions";
import { useRefetchOnTick } from "./refresh";
import { TABS, TAB_LABELS, TASK_TABS, tabFromPath } from "./routes";
import type { Tab } from "./routes";

function ColourSchemeToggle() {
  // keepTransitions: switching without it injects a <style> element, refused under style-src 'self'.
  const { setColorScheme } = useMantineColorScheme({ keepTransitions: true });
  // The scheme shown, not the one chosen: "auto" (the default) shows the system's.
  const dark = useComputedColorScheme("light") === "dark";
  const label = dark ? "Use light colours" : "Use dark colours";
  return (
    <Tooltip label={label}>
      <ActionIcon variant="default" size="lg" aria-label={label} onClick={() => setColorScheme(dark ? "light" : "dark")}>
        <span aria-hidden>{dark ? "☀" : "☾"}</span>
      </ActionIcon>
    </Tooltip>
  );
}

type CountedTab = Exclude<Tab, "audit" | "workers" | "dashboard">;

function CountBadge({ tab, counts }: { tab: CountedTab; counts: Record<CountedTab, number> | undefined }) {
  return (
    <Badge size="sm" variant="light" color={tab === "failed" && (counts?.failed ?? 0) > 0 ? "red" : "gray"} data-testid={`count-${tab}`}>
      {counts ? counts[tab] : "…"}
    </Badge>
  );
}

export function App({ config }: { config: MonitorConfig }) {
  const [location, navigate] = useLocation();
  const [notice, setNotice] = useState<NoticeMessage | null>(null);
  const notify = useCallback((message: NoticeMessage) => setNotice(message), []);
  const [viewer] = useQuery({ query: ViewerQuery });
  const permission = useMemo(() => permissionsFrom(viewer.data, viewer.error), [viewer.data, viewer.error]);
  const monitor = useMemo(() => ({ config, notify, permission }), [config, notify, permission]);
  const auditAllowed = permission("VIEW_AUDIT_LOG").allowed;
  const [counts, reexecuteCounts] = useQuery({ query: TaskCountsQuery, variables: {} });
  useRefetchOnTick(reexecuteCounts);
  const tab = tabFromPath(location);
  const countOf = counts.data?.taskCounts;
  // A notice belongs to the view whose action raised it: leaving that view drops it.
  const [noticeTab, setNoticeTab] = useState(tab);
  if (noticeTab !== tab) {
    setNoticeTab(tab);
    if (notice?.view !== undefined && notice.view !== tab) setNotice(null);
  }
  const shownNotice = notice?.view === undefined || notice.view === tab ? notice : null;

  return (
    <MonitorContext.Provider value={monitor}>
      <header className={layout.header}>
          <Group h="100%" px="md" justify="space-between" wrap="nowrap">
            <Title order={1} size="h3">
              Carrot monitor
            </Title>
            <Group gap="sm" wrap="nowrap">
              {viewer.data ? (
                <Text size="sm" c="dimmed" data-testid="viewer">
                  {viewer.data.viewer.username ?? "Anonymous"}
                </Text>
              ) : null}
              <Anchor href={config.graphqlUrl} size="sm" title="The GraphQL API, explorable in GraphiQL">
                API
              </Anchor>
              <ColourSchemeToggle />
            </Group>
          </Group>
      </header>
      <main className={layout.main}>
          <Container size="xl" px={0}>
            <Stack gap="sm">
              <Tabs value={tab} onChange={(value) => value && value !== tab && navigate(`/${value}`)} keepMounted={false}>
                <Tabs.List>
                  {TABS.filter((name) => name !== "audit" || auditAllowed).map((name) => (
                    <Tabs.Tab key={name} value={name} data-testid={`tab-${name}`} rightSection={name === "audit" || name === "workers" || name === "dashboard" ? null : <CountBadge tab={name} counts={countOf} />}>
                      {TAB_LABELS[name]}
                    </Tabs.Tab>
                  ))}
                </Tabs.List>
              </Tabs>
              <ConnectionBanner loginUrl={config.loginUrl} />
              <ApiError error={counts.error} loginUrl={config.loginUrl} />
              <Notice notice={shownNotice} onClose={() => setNotice(null)} />
              <Switch>
                {TASK_TABS.map((name) => (
                  <Route key={name} path={`/${name}`}>
                    <TaskBrowser key={name} tab={name} />
                  </Route>
                ))}
                <Route path="/task/:uuid">{(params) => <TaskLocator uuid={params.uuid} />}</Route>
                <Route path="/scheduled">
                  <ScheduledTab />
                </Route>
                <Route path="/workers">
                  <WorkersTab />
                </Route>
                <Route path="/dashboard">
                  <Dashboard />
                </Route>
                <Route path="/audit">
                  {/* A deep link waits for the viewer query before sending someone without access away. */}
                  {auditAllowed ? <AuditTab /> : viewer.data || viewer.error ? <Redirect to="/queued" replace /> : null}
                </Route>
                <Route>
                  <Redirect to="/queued" replace />
                </Route>
              </Switch>
            </Stack>
          </Container>
      </main>
    </MonitorContext.Provider>
  );
}
