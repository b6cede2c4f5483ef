import { describe, expect, it } from "vitest";
import { NOUN_OF_STATUS, VERBS_OF_STATUS, question } from "./verbs";

describe("task verbs", () => {
  it("asks about one task by its status, and about many by how many and which", () => {
    expect(question("requeue", NOUN_OF_STATUS.FAILED, 1, "one")).toMatchObject({
      title: "Requeue task",
      message: "Requeue 1 failed task?",
      confirmLabel: "Requeue 1 task",
      danger: false,
    });
    expect(question("delete", "failed task", 2, "selected").message).toBe("Delete the 2 selected failed tasks? This cannot be undone.");
    expect(question("runNow", "delayed or retrying task", 3, "matching", " (queue other)")).toMatchObject({
      title: "Run delayed or retrying tasks now",
      message: "Run all 3 delayed or retrying tasks (queue other) now, instead of waiting?",
      confirmLabel: "Run 3 tasks now",
    });
  });

  it("backs out of a cancel with a button that does not read as the verb", () => {
    const asked = question("cancel", NOUN_OF_STATUS.PUBLISHED, 1, "one");
    expect(asked).toMatchObject({ message: expect.stringMatching(/^Cancel 1 queued task\?/), danger: true, dismissLabel: "Don't cancel" });
    expect(question("requeue", "failed task", 1, "one").dismissLabel).toBeUndefined();
  });

  it("offers run now while a task waits, and cancel until it has ended", () => {
    expect(VERBS_OF_STATUS.DELAYED).toEqual(["runNow", "cancel"]);
    expect(VERBS_OF_STATUS.RETRYING).toEqual(["runNow", "cancel"]);
    expect(VERBS_OF_STATUS.PUBLISHED).toEqual(["cancel"]);
    expect(VERBS_OF_STATUS.IN_PROGRESS).toEqual(["cancel"]);
    expect(VERBS_OF_STATUS.COMPLETED).toEqual([]);
  });
});
