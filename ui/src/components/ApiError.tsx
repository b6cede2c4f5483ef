import { Alert, Anchor, Text } from "@mantine/core";
import type { CombinedError } from "urql";
import { useConnectionProblem } from "../app/connection";
import { connectionProblem, describeError } from "./errors";
import type { ApiProblem } from "./errors";

const TITLES: Record<ApiProblem["kind"], string> = {
  unreachable: "API unreachable",
  unauthorised: "Not authorised",
  failed: "Request failed",
};

/** A problem talking to the API, with a way to log in when the monitor needs a session. */
function ProblemAlert({ problem, loginUrl }: { problem: ApiProblem; loginUrl: string }) {
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  return (
    <Alert color={problem.kind === "failed" ? "red" : "orange"} title={TITLES[problem.kind]} role="alert" data-testid="api-error">
      <Text size="sm">{problem.message}</Text>
      {problem.kind === "unauthorised" && loginUrl ? (
        <Anchor href={`${loginUrl}${loginUrl.includes("?") ? "&" : "?"}next=${next}`} size="sm">
          Log in
        </Anchor>
      ) : null}
    </Alert>
  );
}

/**
 * The error of one request, next to what asked. A problem of the whole API (down, session ended) is
 * left to the page's one ConnectionBanner, so an outage is not repeated by every query it breaks.
 */
export function ApiError({ error, loginUrl }: { error: CombinedError | undefined; loginUrl: string }) {
  if (!error || connectionProblem(error)) return null;
  return <ProblemAlert problem={describeError(error)} loginUrl={loginUrl} />;
}

/** The API's current problem, once for the page; it goes away with the first answer after it. */
export function ConnectionBanner({ loginUrl }: { loginUrl: string }) {
  const problem = useConnectionProblem();
  return problem ? <ProblemAlert problem={problem} loginUrl={loginUrl} /> : null;
}
