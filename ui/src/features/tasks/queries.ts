import { graphql } from "../../gql";

export const TaskCountsQuery = graphql(`
  query TaskCounts($queue: String, $task: String, $search: String) {
    taskCounts(queue: $queue, task: $task, search: $search) {
      queued
      failed
      completed
      scheduled
    }
  }
`);

export const TaskFilterOptionsQuery = graphql(`
  query TaskFilterOptions {
    queues {
      name
      messages
      consumable
    }
    registeredTasks
  }
`);

export const TaskListQuery = graphql(`
  query TaskList($filter: TaskFilter!, $first: Int, $after: String) {
    tasks(filter: $filter, first: $first, after: $after) {
      edges {
        cursor
        node {
          uuid
          task
          status
          queue
          priority
          publishTime
          completionTime
          failureTime
          exception
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);

export const TaskDetailQuery = graphql(`
  query TaskDetail($uuid: String!) {
    task(uuid: $uuid) {
      uuid
      task
      status
      virtualHost
      queue
      exchange
      routingKey
      priority
      publishTime
      startTime
      completionTime
      failureTime
      durationSeconds
      args
      kwargs
      output
      exception
      traceback
      attempts
      worker
      log {
        time
        level
        levelno
        logger
        message
      }
    }
  }
`);

export const RequeueTasksMutation = graphql(`
  mutation RequeueTasks($uuids: [String!], $filter: TaskFilter) {
    requeueTasks(uuids: $uuids, filter: $filter) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteTasksMutation = graphql(`
  mutation DeleteTasks($uuids: [String!], $filter: TaskFilter) {
    deleteTasks(uuids: $uuids, filter: $filter) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);

export const PurgeQueueMutation = graphql(`
  mutation PurgeQueue($queue: String!) {
    purgeQueue(queue: $queue) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);

export const RequeuePendingMutation = graphql(`
  mutation RequeuePending($queue: String) {
    requeuePending(queue: $queue) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);
