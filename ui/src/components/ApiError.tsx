import { Alert, Anchor, Text } from "@mantine/core";
import type { CombinedError } from "urql";
import { describeError } from "./errors";

/** What went wrong talking to the API, with a way to log in when the monitor needs a session. */
export function ApiError({ error, loginUrl }: { error: CombinedError | undefined; loginUrl: string }) {
  if (!error) return null;
  const problem = describeError(error);
  const title =
    problem.kind === "unreachable" ? "API unreachable" : problem.kind === "unauthorised" ? "Not authorised" : "Request failed";
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  return (
    <Alert color={problem.kind === "failed" ? "red" : "orange"} title={title} role="alert" data-testid="api-error">
      <Text size="sm">{problem.message}</Text>
      {problem.kind === "unauthorised" && loginUrl ? (
        <Anchor href={`${loginUrl}${loginUrl.includes("?") ? "&" : "?"}next=${next}`} size="sm">
          Log in
        </Anchor>
      ) : null}
    </Alert>
  );
}
