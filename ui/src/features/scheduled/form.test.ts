import { describe, expect, it } from "vitest";
import { EMPTY_FORM, fieldErrors, maxIntervalCount, requiredErrors, scheduleInput } from "./form";

describe("scheduled task form", () => {
  it("needs a name, a task, a queue and an interval count", () => {
    expect(Object.keys(requiredErrors({ ...EMPTY_FORM, intervalCount: "" })).sort()).toEqual(
      ["intervalCount", "queue", "task", "taskName"],
    );
    expect(requiredErrors({ ...EMPTY_FORM, taskName: "n", task: "t", queue: "q" })).toEqual({});
  });

  it("refuses an interval count out of range instead of changing it", () => {
    const filled = { ...EMPTY_FORM, taskName: "n", task: "t", queue: "q" };
    expect(requiredErrors({ ...filled, intervalCount: 0 }).intervalCount).toBe("The interval must be from 1 to 525600 minutes (a year).");
    expect(requiredErrors({ ...filled, intervalCount: -3 }).intervalCount).toBeDefined();
    expect(requiredErrors({ ...filled, intervalType: "HOURS", intervalCount: 8761 }).intervalCount).toContain("1 to 8760 hours");
    expect(requiredErrors({ ...filled, intervalType: "DAYS", intervalCount: 365 })).toEqual({});
    expect([maxIntervalCount("SECONDS"), maxIntervalCount("DAYS")]).toEqual([31536000, 365]);
    expect(scheduleInput({ ...filled, intervalCount: 0 }).intervalCount).toBe(0); // never turned into 1
  });

  it("sends a cron schedule without an empty interval count", () => {
    const cron = { ...EMPTY_FORM, kind: "cron" as const, cron: " 0 2 * * * ", timezone: "Europe/Paris", intervalCount: "" as const };
    expect(scheduleInput(cron)).toEqual({ cron: "0 2 * * *", timezone: "Europe/Paris", intervalType: "MINUTES" });
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
