/** What the Django monitor view tells the app (JSON script tags in carrot/templates/carrot/monitor.html). */
export interface MonitorConfig {
  /** The path prefix where carrot.urls is mounted, ending in "/". */
  baseUrl: string;
  graphqlUrl: string;
  authUrl: string;
  /** Where a person logs in when the monitor needs a session; empty when there is none. */
  loginUrl: string;
  csrfToken: string;
}

/** The value of a `json_script` tag, or undefined when the tag is missing or empty. */
export function readJsonScript(id: string): unknown {
  const element = document.getElementById(id);
  if (!element?.textContent) return undefined;
  return JSON.parse(element.textContent);
}

function readJson(id: string): string {
  const value = readJsonScript(id);
  return typeof value === "string" ? value : "";
}

/** Django's CSRF token, from the meta tag the page's template renders. */
export function readCsrfToken(): string {
  return document.querySelector<HTMLMetaElement>('meta[name="carrot-csrf-token"]')?.content ?? "";
}

/**
 * Django's CSRF token for the next request: the `csrftoken` cookie's, else the page's. Django renews
 * the token at every login, so after signing in again in another tab the page's token is stale.
 */
export function currentCsrfToken(pageToken: string, cookies: string = document.cookie): string {
  const cookie = cookies.split("; ").find((pair) => pair.startsWith("csrftoken="));
  return cookie ? decodeURIComponent(cookie.slice("csrftoken=".length)) : pageToken;
}

export function readConfig(): MonitorConfig {
  const baseUrl = readJson("carrot-base-url") || "/";
  return {
    baseUrl,
    graphqlUrl: readJson("carrot-graphql-url") || `${baseUrl}graphql`,
    authUrl: readJson("carrot-auth-url") || `${baseUrl}graphql/auth`,
    loginUrl: readJson("carrot-login-url"),
    csrfToken: readCsrfToken(),
  };
}

/** The router's base: the path of baseUrl without its trailing slash ("" at the site root). */
export function routerBase(baseUrl: string): string {
  const path = new URL(baseUrl, window.location.origin).pathname;
  return path.replace(/\/+$/, "");
}
