import { describe, expect, it } from "vitest";
import { paramsFrom, searchFrom, tabFromPath, taskHref } from "./routes";

describe("list params in the URL", () => {
  it("round-trips every field and leaves empty ones out", () => {
    const params = { queue: "default", task: "app.tasks.send", search: "boom", selected: "abc", after: "" };
    const search = searchFrom(params);
    expect(search.toString()).toBe("queue=default&task=app.tasks.send&q=boom&selected=abc");
    expect(paramsFrom(search)).toEqual(params);
  });
});

describe("the tab of a path and the link to a task", () => {
  it("takes the tab from the first segment, the queued tab for any other path", () => {
    expect(tabFromPath("/completed")).toBe("completed");
    expect(tabFromPath("/scheduled/")).toBe("scheduled");
    expect(tabFromPath("/task/abc")).toBe("queued");
    expect(tabFromPath("/")).toBe("queued");
  });

  it("links a task by uuid, not by the tab it was in when the link was made", () => {
    expect(taskHref("a b/c")).toBe("/task/a%20b%2Fc");
  });
});
