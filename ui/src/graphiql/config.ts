/** What carrot/templates/carrot/graphiql.html tells GraphiQL (one json_script tag). */
export interface GraphiQLConfig {
  /** The API this GraphiQL talks to: the path it was served from. */
  url: string;
  headerEditor: boolean;
  persistHeaders: boolean;
  inputValueDeprecation: boolean;
}

function flag(source: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = source[key];
  return typeof value === "boolean" ? value : fallback;
}

/** The page's settings, each falling back to a safe default when missing or of the wrong type. */
export function parseGraphiQLConfig(value: unknown, currentPath: string): GraphiQLConfig {
  const source = typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  return {
    url: typeof source.url === "string" && source.url ? source.url : currentPath,
    headerEditor: flag(source, "headerEditor", true),
    persistHeaders: flag(source, "persistHeaders", false),
    inputValueDeprecation: flag(source, "inputValueDeprecation", false),
  };
}
