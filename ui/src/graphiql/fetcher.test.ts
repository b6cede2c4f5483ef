import { describe, expect, it } from "vitest";
import { parseGraphiQLConfig } from "./config";
import { makeFetcher } from "./fetcher";

function recorder(body: string, status = 200) {
  const calls: { url: string; init: RequestInit }[] = [];
  const send = async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    return new Response(body, { status });
  };
  return { calls, send };
}

describe("GraphiQL's fetcher", () => {
  it("posts JSON with the CSRF token, the session cookie and the headers typed in GraphiQL", async () => {
    const { calls, send } = recorder('{"data": {"viewer": null}}');
    const fetcher = makeFetcher("/ops/graphql", "token-1", send);
    const result = await fetcher({ query: "{ viewer { username } }" }, { headers: { Authorization: "JWT abc" } });
    expect(result).toEqual({ data: { viewer: null } });
    const [call] = calls;
    expect(call?.url).toBe("/ops/graphql");
    expect(call?.init.method).toBe("POST");
    expect(call?.init.credentials).toBe("same-origin");
    expect(call?.init.headers).toMatchObject({ "X-CSRFToken": "token-1", Authorization: "JWT abc", "Content-Type": "application/json" });
    expect(JSON.parse(String(call?.init.body))).toEqual({ query: "{ viewer { username } }" });
  });

  it("turns an answer that is not JSON into an error that says what came", async () => {
    const { send } = recorder("<h1>Bad gateway</h1>", 502);
    const result = await makeFetcher("/graphql", "", send)({ query: "{ viewer { via } }" });
    expect(JSON.stringify(result)).toContain("HTTP 502: the answer is not JSON: <h1>Bad gateway</h1>");
  });
});

describe("GraphiQL's page settings", () => {
  it("reads the template's settings and falls back to safe defaults", () => {
    expect(parseGraphiQLConfig({ url: "/carrot/graphql", headerEditor: false, persistHeaders: true }, "/here")).toEqual({
      url: "/carrot/graphql",
      headerEditor: false,
      persistHeaders: true,
      inputValueDeprecation: false,
    });
    expect(parseGraphiQLConfig(undefined, "/here")).toEqual({ url: "/here", headerEditor: true, persistHeaders: false, inputValueDeprecation: false });
  });
});
