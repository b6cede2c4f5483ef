import { graphql } from "../../gql";

export const QueueHealthQuery = graphql(`
  query QueueHealth {
    queues {
      name
      paused
      pausedAt
      pausedBy
      state {
        reachable
        messages
        consumers
      }
      rates {
        published
        started
        finished
      }
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
