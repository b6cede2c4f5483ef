import { Client, createRequest } from "urql";
import type { OperationResult } from "urql";
import { describe, expect, it } from "vitest";
import { ConnectionStatus } from "./app/connection";
import { monitorExchanges } from "./client";

/** A plain string, not a gql tag: the codegen validates tagged documents against the monitor's schema. */
const COUNT = "query Count { count }";

type Answer = { status: number; body: unknown } | "down";

/** A client over the monitor's exchanges whose API gives `answers` in turn, and what it saw. */
function clientAnswering(answers: Answer[]) {
  const status = new ConnectionStatus();
  const client = new Client({
    url: "/graphql",
    exchanges: monitorExchanges(status),
    fetch: async () => {
      const answer = answers.shift() ?? "down";
      if (answer === "down") throw new TypeError("Failed to fetch");
      return new Response(JSON.stringify(answer.body), { status: answer.status, headers: { "Content-Type": "application/json" } });
    },
  });
  const results: OperationResult[] = [];
  const request = createRequest(COUNT, {});
  const subscription = client.executeQuery(request, { requestPolicy: "network-only" }).subscribe((result) => results.push(result));
  const refresh = async () => {
    const seen = results.length;
    client.reexecuteOperation(client.createRequestOperation("query", request, { requestPolicy: "network-only" }));
    await waitFor(() => results.length > seen);
  };
  return { status, results, refresh, stop: () => subscription.unsubscribe() };
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let tries = 0; tries < 100 && !condition(); tries++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe("the monitor's GraphQL client", () => {
  it("keeps a query's last data through an outage, reports the outage, and clears it on the next answer", async () => {
    const { status, results, refresh, stop } = clientAnswering([{ status: 200, body: { data: { count: 1 } } }, "down", { status: 200, body: { data: { count: 2 } } }]);
    await waitFor(() => results.length === 1);
    expect(results[0]?.data).toEqual({ count: 1 });

    await refresh();
    expect(results.at(-1)?.error?.networkError).toBeDefined();
    expect(results.at(-1)?.data).toEqual({ count: 1 });
    expect(status.get()?.kind).toBe("unreachable");

    await refresh();
    expect(results.at(-1)?.data).toEqual({ count: 2 });
    expect(status.get()).toBeNull();
    stop();
  });

  it("reports a 401 as the session's problem and keeps the data", async () => {
    const refused = { status: 401, body: { errors: [{ message: "Authentication required." }] } };
    const { status, results, refresh, stop } = clientAnswering([{ status: 200, body: { data: { count: 1 } } }, refused]);
    await waitFor(() => results.length === 1);
    await refresh();
    expect(results.at(-1)?.data).toEqual({ count: 1 });
    expect(status.get()?.kind).toBe("unauthorised");
    stop();
  });

  it("reports a server error as the API's problem, with its status, and keeps the data", async () => {
    const { status, results, refresh, stop } = clientAnswering([{ status: 200, body: { data: { count: 1 } } }, { status: 502, body: {} }]);
    await waitFor(() => results.length === 1);
    await refresh();
    expect(results.at(-1)?.data).toEqual({ count: 1 });
    expect(status.get()).toEqual({ kind: "failed", message: "The monitor API answered with an error (HTTP 502)." });
    stop();
  });

  it("leaves an error of one request to that request: the API itself answered", async () => {
    const { status, results, stop } = clientAnswering([{ status: 200, body: { data: null, errors: [{ message: "Task not found" }] } }]);
    await waitFor(() => results.length === 1);
    expect(results[0]?.error?.graphQLErrors[0]?.message).toBe("Task not found");
    expect(status.get()).toBeNull();
    stop();
  });
});
