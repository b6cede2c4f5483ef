import { describe, expect, it } from "vitest";
import { formatArgs, formatDuration, formatKwargs, formatRelative, pythonLiteral } from "./format";

describe("argument formatting", () => {
  it("shows args as Python literals, the way the editor takes them", () => {
    expect(formatArgs([true, 1, "test", { foo: "bar" }, null])).toBe("True, 1, 'test', {'foo': 'bar'}, None");
  });

  it("accepts JSON text from the API", () => {
    expect(formatArgs("[1, 2]")).toBe("1, 2");
    expect(formatKwargs('{"a": false}')).toBe('{\n  "a": false\n}');
  });

  it("shows nothing for no arguments", () => {
    expect(formatArgs([])).toBe("");
    expect(formatKwargs({})).toBe("");
  });

  it("breaks long structures over lines", () => {
    const long = pythonLiteral({ first: "x".repeat(40), second: [1, 2, 3] });
    expect(long.split("\n")).toHaveLength(4);
  });
});

describe("formatDuration", () => {
  it("reads naturally", () => {
    expect(formatDuration(0.25)).toBe("250 ms");
    expect(formatDuration(3.5)).toBe("3.50 s");
    expect(formatDuration(125)).toBe("2 min 5 s");
    expect(formatDuration(null)).toBe("—");
  });
});

describe("formatRelative", () => {
  const now = Date.parse("2026-01-02T03:00:00Z");
  it("says how far ahead or behind a time is, in its largest whole unit", () => {
    expect(formatRelative("2026-01-02T03:05:00Z", now)).toMatch(/in 5 minutes/);
    expect(formatRelative("2026-01-02T01:00:00Z", now)).toMatch(/2 hours ago/);
    expect(formatRelative("2026-01-02T03:00:10Z", now)).toMatch(/in 10 seconds/);
    expect(formatRelative(null, now)).toBe("");
  });
});
