import { describe, expect, it } from "vitest";
import { defaultTimeZone, formatInZone, timeZones } from "./timezones";

describe("time zones", () => {
  it("lists IANA zones with UTC first, once", () => {
    const zones = timeZones();
    expect(zones[0]).toBe("UTC");
    expect(zones.filter((zone) => zone === "UTC")).toHaveLength(1);
    expect(zones).toContain("Europe/Paris");
  });

  it("defaults to UTC when the browser's zone is not offered", () => {
    expect(defaultTimeZone(["UTC"])).toBe("UTC");
  });

  it("shows a time as the wall clock of the chosen zone", () => {
    // 01:00 UTC in winter is 02:00 in Paris and 20:00 the day before in New York.
    expect(formatInZone("2026-01-05T01:00:00Z", "Europe/Paris")).toMatch(/Mon.*02:00/);
    expect(formatInZone("2026-01-05T01:00:00Z", "America/New_York")).toMatch(/Sun.*20:00/);
    expect(formatInZone("2026-01-05T01:00:00Z", "Not/A_Zone")).toMatch(/2026/);
  });
});
