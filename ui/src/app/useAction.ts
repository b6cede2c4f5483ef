import { useCallback } from "react";
import type { CombinedError } from "urql";
import { useLocation } from "wouter";
import { describeError } from "../components/errors";
import { useMonitor } from "./monitor";
import { useRefresh } from "./refresh";
import { tabFromPath } from "./routes";

interface FieldErrorLike {
  field?: string | null;
  message: string;
}

interface Outcome {
  error?: CombinedError | undefined;
  errors?: readonly FieldErrorLike[] | undefined;
}

/**
 * Reports a mutation's outcome to the person (success text, typed field errors, or why the request
 * failed) and refreshes every list afterwards. Returns whether it succeeded. The notice belongs to the
 * view the action was taken in: an answer that arrives after the person moved on is not shown elsewhere.
 */
export function useActionReport(): (outcome: Outcome, success: string) => boolean {
  const { notify } = useMonitor();
  const { refresh } = useRefresh();
  const [location] = useLocation();
  const view = tabFromPath(location);
  return useCallback(
    (outcome: Outcome, success: string) => {
      refresh();
      if (outcome.error) {
        notify({ kind: "error", text: describeError(outcome.error).message, view });
        return false;
      }
      if (outcome.errors && outcome.errors.length > 0) {
        notify({ kind: "error", text: outcome.errors.map((e) => e.message).join(" "), view });
        return false;
      }
      notify({ kind: "success", text: success, view });
      return true;
    },
    [notify, refresh, view],
  );
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? "" : "s"}`;
}
