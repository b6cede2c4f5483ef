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
      quiet
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

export const SetWorkerQuietMutation = graphql(`
  mutation SetWorkerQuiet($id: ID!, $quiet: Boolean!) {
    setWorkerQuiet(id: $id, quiet: $quiet) {
      worker {
        id
        quiet
        state
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
