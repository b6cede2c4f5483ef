import { Badge, Code, Paper, ScrollArea, Stack, Table, Text, UnstyledButton } from "@mantine/core";
import { Fragment, useState } from "react";
import { useQuery } from "urql";
import { useMonitor } from "../../app/monitor";
import { useRefetchOnTick } from "../../app/refresh";
import { useListParams } from "../../app/routes";
import { ApiError } from "../../components/ApiError";
import { formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import { Pager, usePageHistory } from "../../components/Pager";
import type { AuditLogQuery as AuditLogResult, AuditOutcome } from "../../gql/graphql";
import { AuditLogQuery } from "./queries";

const PAGE_SIZE = 50;
const OUTCOME: Record<AuditOutcome, { label: string; colour: string }> = {
  SUCCESS: { label: "Success", colour: "green" },
  ERROR: { label: "Error", colour: "red" },
  FORBIDDEN: { label: "Forbidden", colour: "orange" },
};

type Entry = AuditLogResult["auditLog"]["edges"][number]["node"];

function EntryRow({ entry, open, onToggle }: { entry: Entry; open: boolean; onToggle: () => void }) {
  return (
    <Fragment>
      <Table.Tr data-testid="audit-row" data-mutation={entry.mutation} aria-expanded={open}>
        <Table.Td style={{ whiteSpace: "nowrap" }}>{formatTime(entry.time)}</Table.Td>
        <Table.Td>{entry.username ?? <Text span c="dimmed" size="sm">anonymous</Text>}</Table.Td>
        <Table.Td className={layout.fromSm}>{entry.via}</Table.Td>
        <Table.Td className={layout.fromSm}>{entry.address ?? "—"}</Table.Td>
        <Table.Td>
          <UnstyledButton onClick={onToggle} aria-label={`${open ? "Hide" : "Show"} the arguments of ${entry.mutation}`} data-testid="audit-toggle">
            <Text size="sm" fw={500} ff="monospace">
              {open ? "▾" : "▸"} {entry.mutation}
            </Text>
          </UnstyledButton>
        </Table.Td>
        <Table.Td>
          <Badge variant="light" color={OUTCOME[entry.outcome].colour} data-testid="audit-outcome">
            {OUTCOME[entry.outcome].label}
          </Badge>
        </Table.Td>
        <Table.Td style={{ whiteSpace: "nowrap" }} title="Rows changed / messages published or purged">
          {entry.rows} / {entry.messages}
        </Table.Td>
        <Table.Td>
          <Text size="sm" c="red">
            {entry.error ?? ""}
          </Text>
        </Table.Td>
      </Table.Tr>
      {open ? (
        <Table.Tr>
          <Table.Td colSpan={8}>
            <Code block data-testid="audit-arguments">
              {JSON.stringify(entry.arguments, null, 2)}
            </Code>
          </Table.Td>
        </Table.Tr>
      ) : null}
    </Fragment>
  );
}

/** The audit log: who did what, when, from where and how it ended; newest first, 50 a page. */
export function AuditTab() {
  const { config } = useMonitor();
  const [params, setParams] = useListParams();
  const [{ data, error }, reexecute] = useQuery({ query: AuditLogQuery, variables: { first: PAGE_SIZE, after: params.after || null } });
  useRefetchOnTick(reexecute);
  const pages = usePageHistory(params.after, (after) => setParams({ after }));
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const entries = data?.auditLog.edges.map((edge) => edge.node) ?? [];
  const pageInfo = data?.auditLog.pageInfo;
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <Stack gap="sm">
      <ApiError error={error} loginUrl={config.loginUrl} />
      <Paper withBorder radius="md">
        <ScrollArea.Autosize mah="calc(100vh - 220px)" type="auto">
          {data && entries.length === 0 ? (
            <Text c="dimmed" p="md" data-testid="empty-list">
              Nothing recorded yet: every requeue, delete, purge, publish and scheduled-task change appears here.
            </Text>
          ) : (
            <Table data-testid="audit-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Time</Table.Th>
                  <Table.Th>User</Table.Th>
                  <Table.Th className={layout.fromSm}>Via</Table.Th>
                  <Table.Th className={layout.fromSm}>Address</Table.Th>
                  <Table.Th>Mutation</Table.Th>
                  <Table.Th>Outcome</Table.Th>
                  <Table.Th>Rows / messages</Table.Th>
                  <Table.Th>Error</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {entries.map((entry) => (
                  <EntryRow key={entry.id} entry={entry} open={open.has(entry.id)} onToggle={() => toggle(entry.id)} />
                ))}
              </Table.Tbody>
            </Table>
          )}
        </ScrollArea.Autosize>
      </Paper>
      <Pager
        hasNewer={Boolean(params.after)}
        hasOlder={Boolean(pageInfo?.hasNextPage)}
        onNewer={pages.newer}
        onOlder={() => pages.older(pageInfo?.endCursor ?? "")}
      />
    </Stack>
  );
}
