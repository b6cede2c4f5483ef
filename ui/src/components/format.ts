/**
 * Shows a JSON value the way the monitor's argument fields are typed: Python literals
 * (True/False/None, quoted strings), so what a person reads is what they would type.
 */
export function pythonLiteral(value: unknown, indent = 0): string {
  const pad = "  ".repeat(indent + 1);
  const end = "  ".repeat(indent);
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (typeof value === "number") return String(value);
  if (typeof value === "string") return pythonString(value);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    const items = value.map((item) => pythonLiteral(item, indent + 1));
    const flat = `[${items.join(", ")}]`;
    return flat.length <= 60 && !flat.includes("\n") ? flat : `[\n${items.map((i) => pad + i).join(",\n")}\n${end}]`;
  }
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0) return "{}";
    const items = entries.map(([key, item]) => `${pythonString(key)}: ${pythonLiteral(item, indent + 1)}`);
    const flat = `{${items.join(", ")}}`;
    return flat.length <= 60 && !flat.includes("\n") ? flat : `{\n${items.map((i) => pad + i).join(",\n")}\n${end}}`;
  }
  return String(value);
}

function pythonString(text: string): string {
  const escaped = text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
  return escaped.includes("'") && !escaped.includes('"') ? `"${escaped}"` : `'${escaped.replace(/'/g, "\\'")}'`;
}

/** Positional arguments as the comma-separated literals the editor accepts. */
export function formatArgs(args: unknown): string {
  const list = parseMaybeJson(args);
  if (!Array.isArray(list) || list.length === 0) return "";
  return list.map((item) => pythonLiteral(item)).join(", ");
}

/** Keyword arguments as indented JSON (what the editor accepts). */
export function formatKwargs(kwargs: unknown): string {
  const object = parseMaybeJson(kwargs);
  if (object === null || typeof object !== "object" || Object.keys(object).length === 0) return "";
  return JSON.stringify(object, null, 2);
}

/** The API may send JSON values either as values or as JSON text: accept both. */
export function parseMaybeJson(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return date.toLocaleString(undefined, {
    year: "numeric",
    month: "short",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  });
}

export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  if (seconds < 1) return `${Math.round(seconds * 1000)} ms`;
  if (seconds < 60) return `${seconds.toFixed(2)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${Math.round(seconds % 60)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

const RELATIVE_UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** How far `iso` is from `now`, for people: "in 5 minutes", "2 hours ago"; "" without a time. */
export function formatRelative(iso: string | null | undefined, now: number = Date.now()): string {
  if (!iso) return "";
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return "";
  const seconds = Math.round((time - now) / 1000);
  const [unit, size] = RELATIVE_UNITS.find(([, length]) => Math.abs(seconds) >= length) ?? ["second", 1];
  return new Intl.RelativeTimeFormat(undefined, { numeric: "auto" }).format(Math.round(seconds / size), unit);
}
