import { graphql } from "../../gql";

export const QueuePauseFields = graphql(`
  fragment QueuePauseFields on Queue {
    name
    paused
    pausedAt
    pausedBy
  }
`);

export const QueuePausesQuery = graphql(`
  query QueuePauses {
    queues {
      ...QueuePauseFields
    }
  }
`);

export const PauseQueueMutation = graphql(`
  mutation PauseQueue($name: String!) {
    pauseQueue(name: $name) {
      queue {
        ...QueuePauseFields
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const ResumeQueueMutation = graphql(`
  mutation ResumeQueue($name: String!) {
    resumeQueue(name: $name) {
      queue {
        ...QueuePauseFields
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
