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
    }
    registeredTasks {
      path
    }
  }
`);

export const QueueStatesQuery = graphql(`
  query QueueStates {
    queues {
      name
      state {
        reachable
        messages
      }
    }
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
  mutation RequeueTasks($ids: [ID!], $filter: TaskFilter) {
    requeueTasks(ids: $ids, filter: $filter) {
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
  mutation DeleteTasks($ids: [ID!], $filter: TaskFilter) {
    deleteTasks(ids: $ids, filter: $filter) {
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
  mutation PurgeQueue($name: String!) {
    purgeQueue(name: $name) {
      purgedCount
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
    requeuePendingTasks(queue: $queue) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);
