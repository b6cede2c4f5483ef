import { describe, expect, it } from "vitest";
import { EMPTY_FORM, fieldErrors, requiredErrors } from "./form";

describe("scheduled task form", () => {
  it("needs a name, a task, a queue and an interval count", () => {
    expect(Object.keys(requiredErrors({ ...EMPTY_FORM, intervalCount: "" })).sort()).toEqual(
      ["intervalCount", "queue", "task", "taskName"],
    );
    expect(requiredErrors({ ...EMPTY_FORM, taskName: "n", task: "t", queue: "q" })).toEqual({});
  });

  it("puts server errors under the field they name", () => {
    const errors = fieldErrors([
      { field: "args", message: "Bad literal." },
      { field: "interval_count", message: "Too small." },
      { field: null, message: "Broker down." },
    ]);
    expect(errors).toEqual({ args: "Bad literal.", intervalCount: "Too small.", form: "Broker down." });
  });
});
