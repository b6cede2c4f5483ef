import { graphql } from "../../gql";

export const TaskCountsQuery = graphql(`
  query TaskCounts($queue: String, $task: String, $search: String) {
    taskCounts(queue: $queue, task: $task, search: $search) {
      queued
      published
      waiting
      failed
      completed
      cancelled
      scheduled
    }
  }
`);

export const TaskFilterOptionsQuery = graphql(`
  query TaskFilterOptions {
    queues {
      name
      paused
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
      paused
      state {
        reachable
        messages
      }
    }
  }
`);

export const TaskListQuery = graphql(`
  query TaskList($filter: TaskFilter!, $after: String) {
    tasks(filter: $filter, first: 50, after: $after) {
      edges {
        node {
          uuid
          task
          status
          queue
          argumentsSummary
          publishTime
          startTime
          completionTime
          failureTime
          cancelledTime
          durationSeconds
          eta
          attempts
          retries
          maxRetries
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

export const TaskWhereQuery = graphql(`
  query TaskWhere($uuid: String!) {
    task(uuid: $uuid) {
      uuid
      status
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
      orphan {
        worker
        whereabouts
        explanation
        publishable
      }
      eta
      retries
      maxRetries
      timeLimit
      cancelledTime
      attemptHistory {
        attempt
        started
        ended
        worker
        exception
        traceback
        retryAt
      }
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

export const CancelTasksMutation = graphql(`
  mutation CancelTasks($ids: [ID!], $filter: TaskFilter) {
    cancelTasks(ids: $ids, filter: $filter) {
      count
      errors {
        field
        message
        code
      }
    }
  }
`);

export const RunWaitingNowMutation = graphql(`
  mutation RunWaitingNow($ids: [ID!], $filter: TaskFilter) {
    runWaitingNow(ids: $ids, filter: $filter) {
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
      heldCount
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
      kept {
        queue
        count
        explanation
      }
      errors {
        field
        message
        code
      }
    }
  }
`);
