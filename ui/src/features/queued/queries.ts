import { graphql } from "../../gql";

export const QueuePausesQuery = graphql(`
  query QueuePauses {
    queues {
      name
      paused
      pausedAt
      pausedBy
    }
  }
`);

export const SetQueuePausedMutation = graphql(`
  mutation SetQueuePaused($name: String!, $paused: Boolean!) {
    setQueuePaused(name: $name, paused: $paused) {
      queue {
        name
        paused
        pausedAt
        pausedBy
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
