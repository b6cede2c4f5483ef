import { describe, expect, it } from "vitest";
import { EMPTY_FORM, fieldErrors, requiredErrors } from "./form";

describe("scheduled task form", () => {
  it("needs a name, a task, a queue and an interval count", () => {
    expect(Object.keys(requiredErrors({ ...EMPTY_FORM, intervalCount: "" })).sort()).toEqual(
      ["intervalCount", "queue", "task", "taskName"],
    );
    expect(requiredErrors({ ...EMPTY_FORM, taskName: "n", task: "t", queue: "q" })).toEqual({});
  });

  it("needs an expression and a zone for a cron schedule, and no interval count", () => {
    const cron = { ...EMPTY_FORM, taskName: "n", task: "t", queue: "q", kind: "cron" as const, intervalCount: "" as const };
    expect(Object.keys(requiredErrors({ ...cron, timezone: "" })).sort()).toEqual(["cron", "timezone"]);
    expect(requiredErrors({ ...cron, cron: "0 2 * * 1-5", timezone: "Europe/Paris" })).toEqual({});
  });

  it("puts server errors under the field they name", () => {
    const errors = fieldErrors([
      { field: "args", message: "Bad literal." },
      { field: "interval_count", message: "Too small." },
      { field: null, message: "Broker down." },
      { field: "input.cron", message: "Bad minute." },
      { field: "timezone", message: "Unknown zone." },
    ]);
    expect(errors).toEqual({
      args: "Bad literal.",
      intervalCount: "Too small.",
      form: "Broker down.",
      cron: "Bad minute.",
      timezone: "Unknown zone.",
    });
  });
});
