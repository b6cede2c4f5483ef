import type { IntervalType } from "../../gql/graphql";

export interface ScheduledForm {
  taskName: string;
  task: string;
  queue: string;
  intervalType: IntervalType;
  intervalCount: number | "";
  args: string;
  kwargs: string;
  active: boolean;
}

export const EMPTY_FORM: ScheduledForm = {
  taskName: "",
  task: "",
  queue: "",
  intervalType: "MINUTES",
  intervalCount: 1,
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

export type FormErrors = Partial<Record<keyof ScheduledForm | "form", string>>;

/** What the person must fill in before the form goes to the server (which validates the rest). */
export function requiredErrors(form: ScheduledForm): FormErrors {
  const errors: FormErrors = {};
  if (!form.taskName.trim()) errors.taskName = "Give the scheduled task a name.";
  if (!form.task) errors.task = "Choose a registered task.";
  if (!form.queue.trim()) errors.queue = "Choose a queue.";
  if (form.intervalCount === "" || form.intervalCount < 1) errors.intervalCount = "The interval count must be 1 or more.";
  return errors;
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
  };
  for (const error of errors) {
    const key = error.field ? names[error.field.replace(/^input\./, "").toLowerCase()] : undefined;
    const target = key ?? "form";
    mapped[target] = mapped[target] ? `${mapped[target]} ${error.message}` : error.message;
  }
  return mapped;
}
