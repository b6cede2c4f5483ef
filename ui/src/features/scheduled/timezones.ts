/** The IANA time zones this browser knows, UTC first (some browsers leave it out of the list). */
export function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : [];
  return ["UTC", ...zones.filter((zone) => zone !== "UTC")];
}

/** The browser's own time zone when it is one of `zones`, else UTC: the default of a new cron schedule. */
export function defaultTimeZone(zones: readonly string[] = timeZones()): string {
  const own = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zones.includes(own) ? own : "UTC";
}

/** A time as its wall-clock time in `zone` ("Mon, 07 Dec 2026, 02:00 GMT+1"); unknown zones fall back to local time. */
export function formatInZone(iso: string, zone: string): string {
  const options: Intl.DateTimeFormatOptions = {
    weekday: "short",
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
    timeZoneName: "short",
  };
  try {
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone: zone }).format(new Date(iso));
  } catch {
    return new Intl.DateTimeFormat(undefined, options).format(new Date(iso));
  }
}
