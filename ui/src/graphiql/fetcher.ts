import type { GraphiQLProps } from "graphiql";
import { GraphQLError } from "graphql";
import type { ExecutionResult } from "graphql";

export type Fetcher = GraphiQLProps["fetcher"];
type Send = (url: string, init: RequestInit) => Promise<Response>;

/**
 * GraphiQL's client: a JSON POST to the API with the session cookie and Django's CSRF header (as the
 * monitor's client sends them), plus whatever headers the person typed into GraphiQL's header editor.
 * An answer that is not JSON (a proxy's error page) comes back as one error saying what arrived.
 */
export function makeFetcher(url: string, csrfToken: string, send: Send): Fetcher {
  return async (params, options): Promise<ExecutionResult> => {
    const headers: Record<string, string> = { Accept: "application/json", "Content-Type": "application/json" };
    if (csrfToken) headers["X-CSRFToken"] = csrfToken;
    for (const [name, value] of Object.entries(options?.headers ?? {})) headers[name] = String(value);
    const response = await send(url, { method: "POST", credentials: "same-origin", headers, body: JSON.stringify(params) });
    const text = await response.text();
    try {
      return JSON.parse(text) as ExecutionResult;
    } catch {
      return { errors: [new GraphQLError(`HTTP ${response.status}: the answer is not JSON: ${text.slice(0, 300)}`)] };
    }
  };
}
