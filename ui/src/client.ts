import { Client, cacheExchange, fetchExchange } from "urql";
import type { MonitorConfig } from "./config";

/** The one GraphQL client: session cookie plus CSRF header, as Django's CSRF protection expects. */
export function makeClient(config: MonitorConfig): Client {
  return new Client({
    url: config.graphqlUrl,
    exchanges: [cacheExchange, fetchExchange],
    preferGetMethod: false,
    fetchOptions: (): RequestInit => {
      const headers: Record<string, string> = {};
      if (config.csrfToken) headers["X-CSRFToken"] = config.csrfToken;
      return { credentials: "same-origin", headers };
    },
  });
}
