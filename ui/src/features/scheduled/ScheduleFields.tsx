import { Group, List, NumberInput, Radio, Select, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useMemo } from "react";
import { useQuery } from "urql";
import type { IntervalType } from "../../gql/graphql";
import { INTERVAL_TYPES, MONOSPACE, maxIntervalCount } from "./form";
import type { FormErrors, ScheduleKind, ScheduledForm } from "./form";
import { CronPreviewQuery } from "./queries";
import { formatInZone, timeZones } from "./timezones";
export const PREVIEW_RUNS = 5;

type Change = <K extends keyof ScheduledForm>(key: K, value: ScheduledForm[K]) => void;

interface Props {
  form: ScheduledForm;
  errors: FormErrors;
  change: Change;
}

/** When a scheduled task runs: every N units, or by a cron expression in a time zone. */
export function ScheduleFields({ form, errors, change }: Props) {
  return (
    <Stack gap="sm">
      <Radio.Group label="Schedule" value={form.kind} onChange={(value) => change("kind", value as ScheduleKind)} data-testid="field-kind">
        <Group gap="lg" mt={4}>
          <Radio value="interval" label="Every interval" data-testid="kind-interval" />
          <Radio value="cron" label="Cron expression" data-testid="kind-cron" />
        </Group>
      </Radio.Group>
      {form.kind === "interval" ? <IntervalFields form={form} errors={errors} change={change} /> : <CronFields form={form} errors={errors} change={change} />}
    </Stack>
  );
}

function IntervalFields({ form, errors, change }: Props) {
  return (
    <Group grow align="flex-start">
      <NumberInput
        label="Every"
        required
        min={1}
        max={maxIntervalCount(form.intervalType)}
        // Out-of-range counts stay as typed and get an error, instead of being changed on blur.
        clampBehavior="none"
        allowDecimal={false}
        value={form.intervalCount}
        error={errors.intervalCount}
        onChange={(value) => change("intervalCount", typeof value === "number" ? value : "")}
        data-testid="field-interval-count"
      />
      <Select
        label="Interval"
        required
        data={INTERVAL_TYPES}
        value={form.intervalType}
        allowDeselect={false}
        error={errors.intervalType}
        onChange={(value) => change("intervalType", (value ?? "MINUTES") as IntervalType)}
        data-testid="field-interval-type"
      />
    </Group>
  );
}

/**
 * A cron expression and its IANA time zone. The server checks the expression as it is typed (its
 * complaint shows at the field) and answers with the next runs, shown as wall-clock times of the zone.
 */
function CronFields({ form, errors, change }: Props) {
  const zones = useMemo(() => timeZones(), []);
  const [expression] = useDebouncedValue(form.cron.trim(), 300);
  const [preview] = useQuery({
    query: CronPreviewQuery,
    variables: { expression, timezone: form.timezone, count: PREVIEW_RUNS },
    pause: !expression || !form.timezone,
  });
  // Only the answer about what the fields say now (not one still on its way for older text or zone).
  const asked = preview.operation?.variables;
  const current = expression !== "" && expression === form.cron.trim() && asked?.expression === expression && asked.timezone === form.timezone;
  const answer = current ? preview.data?.cronPreview : undefined;
  const runs = answer && !answer.error ? answer.nextRuns : [];
  return (
    <Stack gap="sm">
      <Group grow align="flex-start">
        <TextInput
          label="Cron expression"
          description="minute hour day-of-month month day-of-week, e.g. 0 2 * * 1-5"
          required
          styles={MONOSPACE}
          value={form.cron}
          error={errors.cron ?? answer?.error ?? undefined}
          onChange={(event) => change("cron", event.currentTarget.value)}
          data-testid="field-cron"
        />
        <Select
          label="Time zone"
          description="The expression's times are wall-clock times here"
          required
          searchable
          data={form.timezone && !zones.includes(form.timezone) ? [...zones, form.timezone] : zones}
          value={form.timezone || null}
          allowDeselect={false}
          error={errors.timezone}
          onChange={(value) => change("timezone", value ?? "")}
          data-testid="field-timezone"
        />
      </Group>
      {runs.length > 0 ? (
        <div data-testid="cron-preview">
          <Text size="xs" c="dimmed">
            Next {runs.length} runs ({form.timezone})
          </Text>
          <List size="sm" spacing={2}>
            {runs.map((run) => (
              <List.Item key={run} data-testid="cron-run" data-iso={run}>
                {formatInZone(run, form.timezone)}
              </List.Item>
            ))}
          </List>
        </div>
      ) : null}
    </Stack>
  );
}
