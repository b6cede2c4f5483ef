import { describe, expect, it } from "vitest";
import { pausedText, queueLabel } from "./pauses";

describe("queueLabel", () => {
  it("marks a paused queue and leaves the others as they are", () => {
    expect(queueLabel({ name: "mail", paused: true })).toBe("mail (paused)");
    expect(queueLabel({ name: "mail", paused: false })).toBe("mail");
    expect(queueLabel({ name: "mail", paused: true }, "3 waiting")).toBe("mail (paused, 3 waiting)");
    expect(queueLabel({ name: "mail", paused: false }, "3 waiting")).toBe("mail (3 waiting)");
  });
});

describe("pausedText", () => {
  it("says who paused the queue and that its tasks wait", () => {
    const text = pausedText({ name: "mail", paused: true, pausedAt: "2026-01-02T03:04:05Z", pausedBy: "ann" });
    expect(text).toMatch(/^Queue mail is paused since .+ by ann: no carrot service takes its messages; tasks published to it wait in it\.$/);
  });

  it("names an anonymous pauser as such, and leaves out what is not known", () => {
    expect(pausedText({ name: "mail", paused: true, pausedAt: null, pausedBy: "" })).toBe(
      "Queue mail is paused by an anonymous user: no carrot service takes its messages; tasks published to it wait in it.",
    );
    expect(pausedText({ name: "mail", paused: true })).toBe("Queue mail is paused: no carrot service takes its messages; tasks published to it wait in it.");
  });
});
