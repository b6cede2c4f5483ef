import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";
import { describeError } from "./errors";

describe("describeError", () => {
  it("says the API is unreachable when fetch itself failed", () => {
    const error = new CombinedError({ networkError: new TypeError("Failed to fetch") });
    expect(describeError(error).kind).toBe("unreachable");
  });

  it("says not authorised for a 403 answer", () => {
    const response = new Response("{}", { status: 403 });
    const error = new CombinedError({ networkError: new Error("Forbidden"), response });
    expect(describeError(error).kind).toBe("unauthorised");
  });

  it("passes on the message of a GraphQL error", () => {
    const error = new CombinedError({ graphQLErrors: [{ message: "Task not found" }] });
    expect(describeError(error)).toEqual({ kind: "failed", message: "Task not found" });
  });
});
