import { Badge } from "@mantine/core";
import type { TaskStatus } from "../../gql/graphql";

const COLOURS: Record<TaskStatus, string> = { PUBLISHED: "blue", IN_PROGRESS: "yellow", FAILED: "red", COMPLETED: "green" };
const LABELS: Record<TaskStatus, string> = {
  PUBLISHED: "Published",
  IN_PROGRESS: "In progress",
  FAILED: "Failed",
  COMPLETED: "Completed",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge color={COLOURS[status]} variant="light">
      {LABELS[status]}
    </Badge>
  );
}
