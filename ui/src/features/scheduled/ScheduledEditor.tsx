import { Alert, Anchor, CloseButton, Group, Paper, Select, Stack, Switch, Text, TextInput, Textarea, Title } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { useRef, useState } from "react";
import { useMutation, useQuery } from "urql";
import { Link } from "wouter";
import { useMonitor } from "../../app/monitor";
import { taskHref } from "../../app/routes";
import { plural, useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { ApiError } from "../../components/ApiError";
import { ConfirmDialog } from "../../components/ConfirmDialog";
import type { Confirmation } from "../../components/ConfirmDialog";
import { formatTime } from "../../components/format";
import layout from "../../components/layout.module.css";
import type { ScheduledTaskQuery as ScheduledTaskData } from "../../gql/graphql";
import { EMPTY_FORM, MONOSPACE, fieldErrors, requiredErrors, scheduleInput } from "./form";
import type { FormErrors, ScheduledForm } from "./form";
import {
  CreateScheduledTaskMutation,
  DeleteScheduledTaskMutation,
  EditorOptionsQuery,
  RunScheduledTaskMutation,
  ScheduledTaskQuery,
  UpdateScheduledTaskMutation,
  ValidateArgumentsMutation,
} from "./queries";
import { ScheduleFields } from "./ScheduleFields";
import { defaultTimeZone } from "./timezones";


interface Published {
  uuid: string;
  task: string;
  queue: string;
  publishTime?: string | null;
}

interface EditorProps {
  id: string | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}

/** Create or edit a scheduled task: loads the one being edited, then shows the form. */
export function ScheduledEditor(props: EditorProps) {
  const { config } = useMonitor();
  const [existing] = useQuery({ query: ScheduledTaskQuery, variables: { id: props.id ?? "" }, pause: props.id === null });
  const record = existing.data?.scheduledTask;
  if (props.id !== null && !record) {
    return (
      <Paper withBorder p="md" radius="md" component="section" aria-label="Scheduled task editor">
        <Group justify="space-between">
          <Text>{existing.fetching ? "Loading…" : "This scheduled task does not exist (any more)."}</Text>
          <CloseButton aria-label="Close editor" onClick={props.onClose} />
        </Group>
        <ApiError error={existing.error} loginUrl={config.loginUrl} />
      </Paper>
    );
  }
  const initial: ScheduledForm = record
    ? {
        taskName: record.taskName,
        task: record.task,
        queue: record.queue,
        kind: record.cron ? "cron" : "interval",
        intervalType: record.intervalType,
        intervalCount: record.intervalCount,
        cron: record.cron,
        timezone: record.timezone,
        args: record.argsText,
        kwargs: record.kwargsText,
        active: record.active,
      }
    : { ...EMPTY_FORM, timezone: defaultTimeZone() };
  return <EditorForm {...props} initial={initial} record={record ?? null} />;
}

type ScheduledRecord = NonNullable<ScheduledTaskData["scheduledTask"]>;

/** The form itself; argument fields are checked by the server as they are typed. */
function EditorForm({ id, onClose, onCreated, initial, record }: EditorProps & { initial: ScheduledForm; record: ScheduledRecord | null }) {
  const { config, permission } = useMonitor();
  const report = useActionReport();
  const [options] = useQuery({ query: EditorOptionsQuery });
  // Filled once; later refreshes of the record must not overwrite what is being typed.
  const [form, setForm] = useState<ScheduledForm>(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [published, setPublished] = useState<Published | null>(null);
  const [confirmation, setConfirmation] = useState<Confirmation | null>(null);
  const [, validate] = useMutation(ValidateArgumentsMutation);
  const [createState, create] = useMutation(CreateScheduledTaskMutation);
  const [updateState, update] = useMutation(UpdateScheduledTaskMutation);
  const [deleteState, remove] = useMutation(DeleteScheduledTaskMutation);
  const [runState, run] = useMutation(RunScheduledTaskMutation);
  const busy = createState.fetching || updateState.fetching || deleteState.fetching || runState.fetching;
  // Bumped by each save: a check answered after it must not clear the errors the save reported.
  const saves = useRef(0);
  const checkArguments = useDebouncedCallback(async (args: string, kwargs: string) => {
    const asked = saves.current;
    const result = await validate({ args, kwargs });
    if (asked !== saves.current) return;
    const found = fieldErrors(result.data?.validateArguments?.errors ?? []);
    setErrors((current) => ({ ...current, args: found.args, kwargs: found.kwargs }));
  }, 400);

  const change = <K extends keyof ScheduledForm>(key: K, value: ScheduledForm[K]) => {
    const next = { ...form, [key]: value };
    setForm(next);
    setErrors((current) => ({ ...current, [key]: undefined, form: undefined }));
    if (key === "args" || key === "kwargs") void checkArguments(next.args, next.kwargs);
  };

  const save = async () => {
    checkArguments.cancel(); // the save checks the arguments, against the task's signature too
    saves.current += 1;
    const missing = requiredErrors(form);
    if (Object.keys(missing).length > 0) {
      setErrors((current) => ({ ...current, ...missing }));
      return;
    }
    const input = {
      taskName: form.taskName.trim(),
      task: form.task,
      queue: form.queue.trim(),
      ...scheduleInput(form),
      args: form.args,
      kwargs: form.kwargs,
      active: form.active,
    };
    if (id === null) {
      const result = await create({ input });
      const payload = result.data?.createScheduledTask;
      setErrors(fieldErrors(payload?.errors ?? []));
      const created = payload?.scheduledTask?.id;
      if (report({ error: result.error, errors: payload?.errors }, `Created scheduled task ${input.taskName}.`) && created) {
        onCreated(created);
      }
    } else {
      const result = await update({ id, input });
      const payload = result.data?.updateScheduledTask;
      setErrors(fieldErrors(payload?.errors ?? []));
      report({ error: result.error, errors: payload?.errors }, `Saved scheduled task ${input.taskName}.`);
    }
  };

  const askDelete = () => {
    if (id === null) return;
    setConfirmation({
      title: "Delete scheduled task",
      message: `Delete the scheduled task ${form.taskName}? It will not run again. Tasks it already published stay.`,
      confirmLabel: "Delete",
      danger: true,
      onConfirm: () =>
        void remove({ id }).then((result) => {
          if (report({ error: result.error, errors: result.data?.deleteScheduledTask?.errors }, `Deleted scheduled task ${form.taskName}.`)) onClose();
        }),
    });
  };

  const runNow = async () => {
    if (id === null) return;
    const result = await run({ id });
    const payload = result.data?.runScheduledTask;
    if (report({ error: result.error, errors: payload?.errors }, `Published ${plural(1, "task")} now.`) && payload?.task) {
      setPublished(payload.task);
    }
  };

  const saveAction = id === null ? "ADD_SCHEDULED" : "CHANGE_SCHEDULED";
  const saving = permission(saveAction);
  const queues = options.data?.queues.map((queue) => queue.name) ?? [];
  const tasks = options.data?.registeredTasks.map((task) => task.path) ?? [];

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label="Scheduled task editor" data-testid="scheduled-editor">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <Stack gap="sm">
          <Group justify="space-between" wrap="nowrap">
            <Title order={2} size="h4">
              {id === null ? "New scheduled task" : `Edit ${record?.taskName ?? "scheduled task"}`}
            </Title>
            <CloseButton aria-label="Close editor" onClick={onClose} />
          </Group>
          <ApiError error={options.error} loginUrl={config.loginUrl} />
          {errors.form ? (
            <Alert color="red" role="alert" data-testid="form-error">
              {errors.form}
            </Alert>
          ) : null}
          {saving.allowed ? null : (
            <Text size="sm" c="dimmed" data-testid="editor-read-only">
              {saving.reason}
            </Text>
          )}
          <fieldset className={layout.fields} disabled={!saving.allowed}>
            <Stack gap="sm">
              <TextInput label="Name" required value={form.taskName} error={errors.taskName} onChange={(e) => change("taskName", e.currentTarget.value)} data-testid="field-name" />
              <Select
                label="Task"
                required
                searchable
                placeholder={tasks.length ? "Choose a registered task" : "No registered tasks: add CARROT['task_modules']"}
                data={form.task && !tasks.includes(form.task) ? [...tasks, form.task] : tasks}
                value={form.task || null}
                error={errors.task}
                onChange={(value) => change("task", value ?? "")}
                data-testid="field-task"
              />
              <Select
                label="Queue"
                required
                searchable
                data={form.queue && !queues.includes(form.queue) ? [...queues, form.queue] : queues}
                value={form.queue || null}
                error={errors.queue}
                onChange={(value) => change("queue", value ?? "")}
                data-testid="field-queue"
              />
              <ScheduleFields form={form} errors={errors} change={change} />
              <Textarea
                label="Positional arguments"
                description="Python literals separated by commas, e.g. True, 1, 'test', {'foo': 'bar'}"
                autosize
                minRows={2}
                styles={MONOSPACE}
                value={form.args}
                error={errors.args}
                onChange={(e) => change("args", e.currentTarget.value)}
                data-testid="field-args"
              />
              <Textarea
                label="Keyword arguments"
                description='A JSON object, e.g. {"parameter_1": true} (JSON, not a Python dict)'
                autosize
                minRows={3}
                styles={MONOSPACE}
                value={form.kwargs}
                error={errors.kwargs}
                onChange={(e) => change("kwargs", e.currentTarget.value)}
                data-testid="field-kwargs"
              />
              <Switch label="Active" checked={form.active} onChange={(e) => change("active", e.currentTarget.checked)} data-testid="field-active" />
            </Stack>
          </fieldset>
          {record ? (
            <Text size="xs" c="dimmed">
              Last run {formatTime(record.lastRunAt)} · next run {record.active ? formatTime(record.nextRunAt) : "— (paused)"}
            </Text>
          ) : null}
          {published ? (
            <Alert color="green" title="Published" data-testid="run-now-result">
              <Text size="sm">
                {published.task} was published to queue {published.queue} at {formatTime(published.publishTime)}.
              </Text>
              <Anchor component={Link} href={taskHref(published.uuid)} size="sm">
                Open the published task {published.uuid}
              </Anchor>
            </Alert>
          ) : null}
          <Group justify="space-between">
            <Group gap="xs">
              <ActionButton action={saveAction} type="submit" loading={createState.fetching || updateState.fetching} disabled={busy} data-testid="save-scheduled">
                {id === null ? "Create" : "Save"}
              </ActionButton>
              {id !== null ? (
                <ActionButton action="PUBLISH_TASKS" variant="default" onClick={() => void runNow()} loading={runState.fetching} disabled={busy} data-testid="run-now">
                  Run now
                </ActionButton>
              ) : null}
            </Group>
            {id !== null ? (
              <ActionButton action="DELETE_SCHEDULED" color="red" variant="light" onClick={askDelete} disabled={busy} data-testid="delete-scheduled">
                Delete
              </ActionButton>
            ) : null}
          </Group>
        </Stack>
      </form>
      <ConfirmDialog confirmation={confirmation} onClose={() => setConfirmation(null)} />
    </Paper>
  );
}
