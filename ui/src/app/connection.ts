import { createContext, useContext, useSyncExternalStore } from "react";
import type { ApiProblem } from "../components/errors";

/**
 * Whether the API as a whole can be used (reachable, accepting the session, not failing every
 * request), as the GraphQL client last saw it. One store for the page, so an outage is reported once
 * however many queries it breaks, and clears with the first answer after it.
 */
export class ConnectionStatus {
  private problem: ApiProblem | null = null;
  private readonly listeners = new Set<() => void>();

  readonly get = (): ApiProblem | null => this.problem;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  set(problem: ApiProblem | null): void {
    if (problem?.kind === this.problem?.kind && problem?.message === this.problem?.message) return;
    this.problem = problem;
    for (const listener of this.listeners) listener();
  }
}

export const ConnectionContext = createContext<ConnectionStatus>(new ConnectionStatus());

/** The API's current problem, or null while it answers. */
export function useConnectionProblem(): ApiProblem | null {
  const status = useContext(ConnectionContext);
  return useSyncExternalStore(status.subscribe, status.get);
}
