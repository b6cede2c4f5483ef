import { Client, cacheExchange, fetchExchange, mapExchange } from "urql";
import type { Exchange } from "urql";
import { ConnectionStatus } from "./app/connection";
import { connectionProblem } from "./components/errors";
import { currentCsrfToken } from "./config";
import type { MonitorConfig } from "./config";

/**
 * Keeps each query's last answer when a later one fails for want of data (the API down, the session
 * ended): urql's useQuery replaces `data` with the failed result's `undefined`, which would empty the
 * lists and the open task during an outage. The result still carries its error, and is marked stale.
 */
export function keepDataExchange(): Exchange {
  const last = new Map<number, unknown>();
  return mapExchange({
    onOperation(operation) {
      if (operation.kind === "teardown") last.delete(operation.key);
    },
    onResult(result) {
      const { key, kind } = result.operation;
      if (kind !== "query") return result;
      if (result.data !== undefined && result.data !== null) last.set(key, result.data);
      else if (result.error && last.has(key)) return { ...result, data: last.get(key), stale: true };
      return result;
    },
  });
}

/** Reports every answer from the network to `status`: a connection problem, or none. */
export function connectionExchange(status: ConnectionStatus): Exchange {
  return mapExchange({
    onResult(result) {
      status.set(result.error ? connectionProblem(result.error) : null);
    },
  });
}

/** The client's exchanges; the connection exchange sits after the cache, so it sees only the API's answers. */
export function monitorExchanges(status: ConnectionStatus): Exchange[] {
  return [keepDataExchange(), cacheExchange, connectionExchange(status), fetchExchange];
}

/** The one GraphQL client: session cookie plus CSRF header, as Django's CSRF protection expects. */
export function makeClient(config: MonitorConfig, status: ConnectionStatus = new ConnectionStatus()): Client {
  return new Client({
    url: config.graphqlUrl,
    exchanges: monitorExchanges(status),
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = {};
      const csrfToken = currentCsrfToken(config.csrfToken);
      if (csrfToken) headers["X-CSRFToken"] = csrfToken;
      return { credentials: "same-origin", headers };
    },
  });
}
