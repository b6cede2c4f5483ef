import { formatTime } from "../../components/format";

export interface QueuePause {
  name: string;
  paused: boolean;
  pausedAt?: string | null;
  pausedBy?: string | null;
}

/** A queue's name for a list of queues, marked when it is paused, with an optional detail. */
export function queueLabel(queue: { name: string; paused: boolean }, detail?: string): string {
  const notes = [...(queue.paused ? ["paused"] : []), ...(detail ? [detail] : [])];
  return notes.length > 0 ? `${queue.name} (${notes.join(", ")})` : queue.name;
}

/** What a paused queue's notice says: since when, by whom, and what pausing means. */
export function pausedText(queue: QueuePause): string {
  const since = queue.pausedAt ? ` since ${formatTime(queue.pausedAt)}` : "";
  const by = queue.pausedBy ? ` by ${queue.pausedBy}` : queue.pausedBy === "" ? " by an anonymous user" : "";
  return `Queue ${queue.name} is paused${since}${by}: no carrot service takes its messages; tasks published to it wait in it.`;
}
