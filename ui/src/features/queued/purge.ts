import { plural } from "../../app/useAction";

/** Why a purge may remove fewer messages than the queue showed. */
export const HELD_BY_CONSUMERS =
  "Messages a consumer has already taken (the task it runs and those in its prefetch) are not ready: RabbitMQ does not purge them, and their tasks will still run.";

/** What a purge did, and what it left with the consumers. */
export function purgedText(queue: string, purged: number, held: number): string {
  const done = `Purged ${plural(purged, "message")} from ${queue}.`;
  if (held === 0) return done;
  return `${done} About ${plural(held, "more message")} ${held === 1 ? "was" : "were"} held by consumers (delivered, not yet acknowledged): RabbitMQ does not purge those, and their tasks will still run.`;
}
