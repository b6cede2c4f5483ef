import { graphql } from "../../gql";

export const WorkersQuery = graphql(`
  query Workers {
    workers {
      id
      host
      pid
      version
      state
      started
      lastHeartbeat
      heartbeatSeconds
      stopped
      queues {
        name
        concurrency
      }
      running {
        id
        uuid
        task
        queue
        consumer
        startTime
        orphan {
          worker
          whereabouts
          explanation
          publishable
        }
      }
    }
  }
`);

export const RequeueOrphanMutation = graphql(`
  mutation RequeueOrphan($id: ID!) {
    requeueTask(id: $id) {
      task {
        uuid
        status
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
