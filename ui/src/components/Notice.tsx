import { Alert } from "@mantine/core";

export interface NoticeMessage {
  kind: "success" | "error";
  text: string;
  /** The view (tab) whose action raised it: it is shown there only, and dropped when the person leaves. */
  view?: string;
}

/** The outcome of the last action (what it did, or why it failed), shown until dismissed. */
export function Notice({ notice, onClose }: { notice: NoticeMessage | null; onClose: () => void }) {
  if (!notice) return null;
  return (
    <Alert
      color={notice.kind === "success" ? "green" : "red"}
      withCloseButton
      onClose={onClose}
      role={notice.kind === "error" ? "alert" : "status"}
      data-testid={notice.kind === "success" ? "notice-success" : "notice-error"}
      closeButtonLabel="Dismiss"
    >
      {notice.text}
    </Alert>
  );
}
