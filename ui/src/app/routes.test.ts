import { describe, expect, it } from "vitest";
import { paramsFrom, searchFrom } from "./routes";

describe("list params in the URL", () => {
  it("round-trips every field and leaves empty ones out", () => {
    const params = { queue: "default", task: "app.tasks.send", search: "boom", selected: "abc", after: "" };
    const search = searchFrom(params);
    expect(search.toString()).toBe("queue=default&task=app.tasks.send&q=boom&selected=abc");
    expect(paramsFrom(search)).toEqual(params);
  });
});
