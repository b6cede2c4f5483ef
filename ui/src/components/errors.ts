import type { CombinedError } from "urql";

export type ApiProblem =
  | { kind: "unreachable"; message: string }
  | { kind: "unauthorised"; message: string }
  | { kind: "failed"; message: string };

interface WithStatus {
  status?: unknown;
}

function statusOf(error: CombinedError): number | undefined {
  const response: unknown = error.response;
  if (response && typeof response === "object" && "status" in response) {
    const status = (response as WithStatus).status;
    return typeof status === "number" ? status : undefined;
  }
  return undefined;
}

/** Turns a client error into what the person needs to know: down, not allowed, or something else. */
export function describeError(error: CombinedError): ApiProblem {
  const status = statusOf(error);
  if (status === 401 || status === 403) {
    return { kind: "unauthorised", message: "You are not authorised to use the carrot monitor." };
  }
  const graphQLMessage = error.graphQLErrors[0]?.message;
  if (graphQLMessage && /not authori[sz]ed|permission|log ?in/i.test(graphQLMessage)) {
    return { kind: "unauthorised", message: graphQLMessage };
  }
  if (error.networkError && status === undefined) {
    return { kind: "unreachable", message: "The monitor API cannot be reached. Retrying every 5 seconds." };
  }
  if (status !== undefined && status >= 500) {
    return { kind: "failed", message: `The monitor API answered with an error (HTTP ${status}).` };
  }
  return { kind: "failed", message: graphQLMessage ?? error.message };
}

/**
 * The problem of the API as a whole that `error` shows (unreachable, the session refused, a server
 * error), or null for an error of this one request (a GraphQL error in a 200 answer). The first kind
 * is shown once for the page; the second next to what asked.
 */
export function connectionProblem(error: CombinedError): ApiProblem | null {
  const status = statusOf(error);
  const whole = status === undefined ? Boolean(error.networkError) : status === 401 || status === 403 || status >= 500;
  return whole ? describeError(error) : null;
}
