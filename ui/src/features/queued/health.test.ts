import { describe, expect, it } from "vitest";
import { perMinute, queueNotices } from "./health";

const queue = (name: string, messages: number | null, consumers: number | null, paused = false) => ({
  name,
  paused,
  pausedAt: paused ? "2026-12-02T10:00:00Z" : null,
  pausedBy: paused ? "ops" : null,
  state: { reachable: messages !== null, messages, consumers },
});

describe("queueNotices", () => {
  it("warns about a queue whose tasks wait with no consumer", () => {
    const notices = queueNotices([queue("default", 3, 0), queue("busy", 9, 2), queue("empty", 0, 0)]);
    expect(notices).toEqual([
      expect.objectContaining({ queue: "default", kind: "unconsumed", text: expect.stringContaining("3 tasks wait") }),
    ]);
  });

  it("explains a paused queue instead of warning, and says nothing of an unreachable one", () => {
    expect(queueNotices([queue("default", 3, 0, true), queue("far", null, null)]).map((n) => n.kind)).toEqual(["paused"]);
  });
});

describe("perMinute", () => {
  it("keeps one decimal below ten", () => {
    expect([perMinute(0), perMinute(0.25), perMinute(9.96), perMinute(12.4)]).toEqual(["0", "0.3", "10", "12"]);
  });
});
