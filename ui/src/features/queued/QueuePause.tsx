import { useMutation } from "urql";
import { useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import { SetQueuePausedMutation } from "./queries";

/** Pause the chosen queue (no service takes its messages), or resume it. */
export function PauseQueueButton({ queue, paused, disabled }: { queue: string | null; paused: boolean; disabled: boolean }) {
  const [state, setPaused] = useMutation(SetQueuePausedMutation);
  const report = useActionReport();
  const toggle = async () => {
    if (!queue) return;
    const result = await setPaused({ name: queue, paused: !paused });
    const done = paused
      ? `Resumed queue ${queue}: services take its messages again within seconds.`
      : `Paused queue ${queue}: services stop taking its messages within seconds; running tasks finish.`;
    report({ error: result.error, errors: result.data?.setQueuePaused?.errors }, done);
  };
  return (
    <ActionButton action="PAUSE_QUEUES" size="xs" variant="light" color={paused ? "green" : "yellow"} disabled={disabled || state.fetching || !queue} onClick={() => void toggle()} data-testid="pause-queue">
      {paused ? "Resume queue" : "Pause queue"}
    </ActionButton>
  );
}
