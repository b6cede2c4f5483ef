import { Loader, Text } from "@mantine/core";
import { useQuery } from "urql";
import { Redirect } from "wouter";
import { useMonitor } from "../../app/monitor";
import { ApiError } from "../../components/ApiError";
import { TaskWhereQuery } from "./queries";
import { TAB_OF_STATUS } from "./tabs";

/**
 * `/task/<uuid>`: looks the task up and opens it under the tab of its status now, so a link made when
 * it was published (run now, a worker's running task) still finds it after it completed or failed.
 */
export function TaskLocator({ uuid }: { uuid: string }) {
  const { config } = useMonitor();
  // Asked each time: a status remembered from an earlier answer may be out of date.
  const [{ data, error }] = useQuery({ query: TaskWhereQuery, variables: { uuid }, requestPolicy: "network-only" });
  if (data?.task) {
    return <Redirect to={`/${TAB_OF_STATUS[data.task.status]}?selected=${encodeURIComponent(uuid)}`} replace />;
  }
  if (error) return <ApiError error={error} loginUrl={config.loginUrl} />;
  if (data) {
    return (
      <Text c="dimmed" data-testid="task-not-found">
        There is no task {uuid}: it was deleted, or removed after the retention period.
      </Text>
    );
  }
  return <Loader size="sm" aria-label="Finding the task" />;
}
