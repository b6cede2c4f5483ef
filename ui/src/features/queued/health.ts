import { pausedText } from "./pauses";
import type { QueuePause } from "./pauses";

export interface QueueHealthRow extends QueuePause {
  state: { reachable: boolean; messages?: number | null; consumers?: number | null };
}

export interface QueueNotice {
  queue: string;
  kind: "paused" | "unconsumed";
  text: string;
}

/**
 * What an operator must know about each queue, in settings order: it is paused, or tasks wait in it
 * and nothing consumes it (no service runs, or none consumes this queue).
 */
export function queueNotices(queues: readonly QueueHealthRow[]): QueueNotice[] {
  return queues.flatMap((queue): QueueNotice[] => {
    if (queue.paused) return [{ queue: queue.name, kind: "paused", text: pausedText(queue) }];
    const waiting = queue.state.messages ?? 0;
    if (queue.state.reachable && waiting > 0 && queue.state.consumers === 0) {
      const tasks = waiting === 1 ? "1 task waits" : `${waiting} tasks wait`;
      return [
        {
          queue: queue.name,
          kind: "unconsumed",
          text: `Nothing consumes queue ${queue.name}: ${tasks} in it. Start a carrot service that consumes it (python manage.py carrot).`,
        },
      ];
    }
    return [];
  });
}

/** A rate for the table: tasks per minute, to one decimal below 10. */
export function perMinute(rate: number): string {
  return rate >= 10 ? Math.round(rate).toString() : (Math.round(rate * 10) / 10).toString();
}
