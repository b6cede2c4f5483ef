import type { IntervalType } from "../../gql/graphql";

/** How a scheduled task is timed: every N units, or by a cron expression in a time zone. */
export type ScheduleKind = "interval" | "cron";

export interface ScheduledForm {
  taskName: string;
  task: string;
  queue: string;
  kind: ScheduleKind;
  intervalType: IntervalType;
  intervalCount: number | "";
  cron: string;
  timezone: string;
  args: string;
  kwargs: string;
  active: boolean;
}

export const EMPTY_FORM: ScheduledForm = {
  taskName: "",
  task: "",
  queue: "",
  kind: "interval",
  intervalType: "MINUTES",
  intervalCount: 1,
  cron: "",
  timezone: "UTC",
  args: "",
  kwargs: "",
  active: true,
};

export const INTERVAL_TYPES: { value: IntervalType; label: string }[] = [
  { value: "SECONDS", label: "seconds" },
  { value: "MINUTES", label: "minutes" },
  { value: "HOURS", label: "hours" },
  { value: "DAYS", label: "days" },
];

/** Code-like fields (arguments, cron expressions) in a monospace font. */
export const MONOSPACE = { input: { fontFamily: "var(--mantine-font-family-monospace)" } };

/** The longest interval the server accepts: a year, in seconds. */
const MAX_INTERVAL_SECONDS = 365 * 86400;
const SECONDS_PER: Record<IntervalType, number> = { SECONDS: 1, MINUTES: 60, HOURS: 3600, DAYS: 86400 };

/** The largest interval count for a unit: a year (31536000 seconds, 525600 minutes, 8760 hours, 365 days). */
export function maxIntervalCount(type: IntervalType): number {
  return MAX_INTERVAL_SECONDS / SECONDS_PER[type];
}

export type FormErrors = Partial<Record<keyof ScheduledForm | "form", string>>;

/** What the person must fill in before the form goes to the server (which validates the rest). */
export function requiredErrors(form: ScheduledForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.taskName.trim()) errors.taskName = "Give the scheduled task a name.";
  if (!form.task) errors.task = "Choose a registered task.";
  if (!form.queue.trim()) errors.queue = "Choose a queue.";
  const maximum = maxIntervalCount(form.intervalType);
  if (form.kind === "interval" && (form.intervalCount === "" || form.intervalCount < 1 || form.intervalCount > maximum)) {
    errors.intervalCount = `The interval must be from 1 to ${maximum} ${form.intervalType.toLowerCase()} (a year).`;
  }
  if (form.kind === "cron" && !form.cron.trim()) errors.cron = "Type a cron expression, e.g. 0 2 * * 1-5.";
  if (form.kind === "cron" && !form.timezone) errors.timezone = "Choose a time zone.";
  return errors;
}

/**
 * The schedule fields to send. A cron schedule keeps an interval (unused while the expression is set):
 * the one in the form, or the stored one when the count is empty.
 */
export function scheduleInput(form: ScheduledForm): { cron: string; timezone: string; intervalType: IntervalType; intervalCount?: number } {
  const count = form.intervalCount === "" ? {} : { intervalCount: form.intervalCount };
  return { cron: form.kind === "cron" ? form.cron.trim() : "", timezone: form.timezone, intervalType: form.intervalType, ...count };
}

/** Maps the server's field names (snake or camel case) onto the form's fields. */
export function fieldErrors(errors: readonly { field?: string | null; message: string }[]): FormErrors {
  const mapped: FormErrors = {};
  const names: Record<string, keyof ScheduledForm> = {
    task_name: "taskName",
    taskname: "taskName",
    task: "task",
    queue: "queue",
    interval_type: "intervalType",
    intervaltype: "intervalType",
    interval_count: "intervalCount",
    intervalcount: "intervalCount",
    args: "args",
    task_args: "args",
    taskargs: "args",
    kwargs: "kwargs",
    content: "kwargs",
    active: "active",
    cron: "cron",
    timezone: "timezone",
    time_zone: "timezone",
  };
  for (const error of errors) {
    const key = error.field ? names[error.field.replace(/^input\./, "").toLowerCase()] : undefined;
    const target = key ?? "form";
    mapped[target] = mapped[target] ? `${mapped[target]} ${error.message}` : error.message;
  }
  return mapped;
}
