import { Alert, Group, Text } from "@mantine/core";
import { useMutation } from "urql";
import { useActionReport } from "../../app/useAction";
import { ActionButton } from "../../components/ActionButton";
import type { Orphan } from "../../gql/graphql";
import { RequeueOrphanMutation } from "./queries";

export type OrphanFacts = Pick<Orphan, "worker" | "whereabouts" | "explanation" | "publishable">;

/**
 * Says that a task's service is lost and where its message is; offers publishing it again only when
 * the server says its message is gone (the server checks again when asked).
 */
export function OrphanNotice({ uuid, orphan: fields }: { uuid: string; orphan: OrphanFacts }) {
  const [state, requeue] = useMutation(RequeueOrphanMutation);
  const report = useActionReport();
  const publish = () =>
    void requeue({ id: uuid }).then((result) =>
      report({ error: result.error, errors: result.data?.requeueTask?.errors }, "Published the orphaned task again."),
    );
  return (
    <Alert color="orange" variant="light" p="xs" title={`Orphaned: its service ${fields.worker} is lost`} data-testid="orphan" data-whereabouts={fields.whereabouts}>
      <Group gap="xs" justify="space-between" wrap="wrap">
        <Text size="sm" data-testid="orphan-explanation">
          {fields.explanation}
        </Text>
        {fields.publishable ? (
          <ActionButton action="REQUEUE_TASKS" size="xs" variant="light" color="orange" disabled={state.fetching} onClick={publish} data-testid="publish-orphan">
            Publish again
          </ActionButton>
        ) : null}
      </Group>
    </Alert>
  );
}
