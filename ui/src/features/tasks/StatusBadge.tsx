import { Badge } from "@mantine/core";
import layout from "../../components/layout.module.css";
import type { TaskStatus } from "../../gql/graphql";

const COLOURS: Record<TaskStatus, string> = {
  DELAYED: "grape",
  PUBLISHED: "blue",
  IN_PROGRESS: "yellow",
  RETRYING: "orange",
  FAILED: "red",
  COMPLETED: "green",
  CANCELLED: "gray",
};
const LABELS: Record<TaskStatus, string> = {
  DELAYED: "Delayed",
  PUBLISHED: "Published",
  IN_PROGRESS: "In progress",
  RETRYING: "Retrying",
  FAILED: "Failed",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
};

export function StatusBadge({ status }: { status: TaskStatus }) {
  return (
    <Badge color={COLOURS[status]} variant="light" className={layout.whole}>
      {LABELS[status]}
    </Badge>
  );
}
