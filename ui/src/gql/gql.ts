/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Viewer {\n    viewer {\n      username\n      authenticated\n      via\n      actions {\n        action\n        allowed\n        permission\n        reason\n      }\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          time\n          username\n          via\n          address\n          mutation\n          arguments\n          outcome\n          rows\n          messages\n          error\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.AuditLogDocument,
    "\n  query TaskStats($range: StatsRange!, $queue: String, $task: String) {\n    taskStats(range: $range, queue: $queue, task: $task) {\n      range\n      pointSeconds\n      starts\n      completed\n      failed\n      retried\n      throughput\n      failures\n      p50\n      p95\n      series {\n        queue\n        task\n      }\n    }\n  }\n": typeof types.TaskStatsDocument,
    "\n  query QueueHealth {\n    queues {\n      name\n      paused\n      pausedAt\n      pausedBy\n      state {\n        reachable\n        messages\n        consumers\n      }\n      rates {\n        published\n        started\n        finished\n      }\n    }\n  }\n": typeof types.QueueHealthDocument,
    "\n  mutation SetQueuePaused($name: String!, $paused: Boolean!) {\n    setQueuePaused(name: $name, paused: $paused) {\n      queue {\n        name\n        paused\n        pausedAt\n        pausedBy\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SetQueuePausedDocument,
    "\n  query ScheduledTasks {\n    scheduledTasks {\n      id\n      taskName\n      task\n      queue\n      intervalType\n      intervalCount\n      cron\n      timezone\n      active\n      lastRunAt\n      lastRunStatus\n      lastRunUuid\n      nextRunAt\n    }\n  }\n": typeof types.ScheduledTasksDocument,
    "\n  query ScheduledTask($id: ID!) {\n    scheduledTask(id: $id) {\n      id\n      taskName\n      task\n      queue\n      exchange\n      routingKey\n      intervalType\n      intervalCount\n      cron\n      timezone\n      argsText\n      kwargsText\n      active\n      lastRunAt\n      nextRunAt\n    }\n  }\n": typeof types.ScheduledTaskDocument,
    "\n  query ScheduledEditorOptions {\n    registeredTasks {\n      path\n      description\n    }\n    queues {\n      name\n    }\n  }\n": typeof types.ScheduledEditorOptionsDocument,
    "\n  mutation CreateScheduledTask($input: ScheduledTaskCreateInput!) {\n    createScheduledTask(input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.CreateScheduledTaskDocument,
    "\n  mutation UpdateScheduledTask($id: ID!, $input: ScheduledTaskUpdateInput!) {\n    updateScheduledTask(id: $id, input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.UpdateScheduledTaskDocument,
    "\n  mutation SetScheduledTaskActive($id: ID!, $active: Boolean!) {\n    setScheduledTaskActive(id: $id, active: $active) {\n      scheduledTask {\n        id\n        active\n        nextRunAt\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SetScheduledTaskActiveDocument,
    "\n  mutation DeleteScheduledTask($id: ID!) {\n    deleteScheduledTask(id: $id) {\n      deletedId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.DeleteScheduledTaskDocument,
    "\n  mutation RunScheduledTask($id: ID!) {\n    runScheduledTask(id: $id) {\n      task {\n        uuid\n        task\n        status\n        queue\n        publishTime\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RunScheduledTaskDocument,
    "\n  mutation ValidateArguments($args: String, $kwargs: String) {\n    validateArguments(args: $args, kwargs: $kwargs) {\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.ValidateArgumentsDocument,
    "\n  query CronPreview($expression: String!, $timezone: String, $count: Int) {\n    cronPreview(expression: $expression, timezone: $timezone, count: $count) {\n      nextRuns\n      error\n    }\n  }\n": typeof types.CronPreviewDocument,
    "\n  query TaskCounts($queue: String, $task: String, $search: String) {\n    taskCounts(queue: $queue, task: $task, search: $search) {\n      queued\n      published\n      waiting\n      failed\n      completed\n      cancelled\n      scheduled\n    }\n  }\n": typeof types.TaskCountsDocument,
    "\n  query TaskFilterOptions {\n    queues {\n      name\n      paused\n    }\n    registeredTasks {\n      path\n    }\n  }\n": typeof types.TaskFilterOptionsDocument,
    "\n  query QueueStates {\n    queues {\n      name\n      paused\n      state {\n        reachable\n        messages\n      }\n    }\n  }\n": typeof types.QueueStatesDocument,
    "\n  query TaskList($filter: TaskFilter!, $after: String) {\n    tasks(filter: $filter, first: 50, after: $after) {\n      edges {\n        node {\n          uuid\n          task\n          status\n          queue\n          argumentsSummary\n          publishTime\n          startTime\n          completionTime\n          failureTime\n          cancelledTime\n          durationSeconds\n          eta\n          attempts\n          retries\n          maxRetries\n          exception\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": typeof types.TaskListDocument,
    "\n  query TaskWhere($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      status\n    }\n  }\n": typeof types.TaskWhereDocument,
    "\n  query TaskDetail($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      task\n      status\n      virtualHost\n      queue\n      exchange\n      routingKey\n      priority\n      publishTime\n      startTime\n      completionTime\n      failureTime\n      durationSeconds\n      args\n      kwargs\n      output\n      exception\n      traceback\n      attempts\n      worker\n      orphan {\n        worker\n        whereabouts\n        explanation\n        publishable\n      }\n      eta\n      retries\n      maxRetries\n      timeLimit\n      cancelledTime\n      attemptHistory {\n        attempt\n        started\n        ended\n        worker\n        exception\n        traceback\n        retryAt\n      }\n      log {\n        time\n        level\n        levelno\n        logger\n        message\n      }\n    }\n  }\n": typeof types.TaskDetailDocument,
    "\n  mutation RequeueTasks($ids: [ID!], $filter: TaskFilter) {\n    requeueTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RequeueTasksDocument,
    "\n  mutation DeleteTasks($ids: [ID!], $filter: TaskFilter) {\n    deleteTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.DeleteTasksDocument,
    "\n  mutation CancelTasks($ids: [ID!], $filter: TaskFilter) {\n    cancelTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.CancelTasksDocument,
    "\n  mutation RunWaitingNow($ids: [ID!], $filter: TaskFilter) {\n    runWaitingNow(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RunWaitingNowDocument,
    "\n  mutation PurgeQueue($name: String!) {\n    purgeQueue(name: $name) {\n      purgedCount\n      heldCount\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.PurgeQueueDocument,
    "\n  mutation RequeuePending($queue: String) {\n    requeuePendingTasks(queue: $queue) {\n      count\n      kept {\n        queue\n        count\n        explanation\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RequeuePendingDocument,
    "\n  query Workers {\n    workers {\n      id\n      host\n      pid\n      version\n      state\n      started\n      lastHeartbeat\n      heartbeatSeconds\n      stopped\n      quiet\n      queues {\n        name\n        concurrency\n      }\n      running {\n        id\n        uuid\n        task\n        queue\n        consumer\n        startTime\n        orphan {\n          worker\n          whereabouts\n          explanation\n          publishable\n        }\n      }\n    }\n  }\n": typeof types.WorkersDocument,
    "\n  mutation RequeueOrphan($id: ID!) {\n    requeueTask(id: $id) {\n      task {\n        uuid\n        status\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.RequeueOrphanDocument,
    "\n  mutation SetWorkerQuiet($id: ID!, $quiet: Boolean!) {\n    setWorkerQuiet(id: $id, quiet: $quiet) {\n      worker {\n        id\n        quiet\n        state\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": typeof types.SetWorkerQuietDocument,
};
const documents: Documents = {
    "\n  query Viewer {\n    viewer {\n      username\n      authenticated\n      via\n      actions {\n        action\n        allowed\n        permission\n        reason\n      }\n    }\n  }\n": types.ViewerDocument,
    "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          time\n          username\n          via\n          address\n          mutation\n          arguments\n          outcome\n          rows\n          messages\n          error\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.AuditLogDocument,
    "\n  query TaskStats($range: StatsRange!, $queue: String, $task: String) {\n    taskStats(range: $range, queue: $queue, task: $task) {\n      range\n      pointSeconds\n      starts\n      completed\n      failed\n      retried\n      throughput\n      failures\n      p50\n      p95\n      series {\n        queue\n        task\n      }\n    }\n  }\n": types.TaskStatsDocument,
    "\n  query QueueHealth {\n    queues {\n      name\n      paused\n      pausedAt\n      pausedBy\n      state {\n        reachable\n        messages\n        consumers\n      }\n      rates {\n        published\n        started\n        finished\n      }\n    }\n  }\n": types.QueueHealthDocument,
    "\n  mutation SetQueuePaused($name: String!, $paused: Boolean!) {\n    setQueuePaused(name: $name, paused: $paused) {\n      queue {\n        name\n        paused\n        pausedAt\n        pausedBy\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SetQueuePausedDocument,
    "\n  query ScheduledTasks {\n    scheduledTasks {\n      id\n      taskName\n      task\n      queue\n      intervalType\n      intervalCount\n      cron\n      timezone\n      active\n      lastRunAt\n      lastRunStatus\n      lastRunUuid\n      nextRunAt\n    }\n  }\n": types.ScheduledTasksDocument,
    "\n  query ScheduledTask($id: ID!) {\n    scheduledTask(id: $id) {\n      id\n      taskName\n      task\n      queue\n      exchange\n      routingKey\n      intervalType\n      intervalCount\n      cron\n      timezone\n      argsText\n      kwargsText\n      active\n      lastRunAt\n      nextRunAt\n    }\n  }\n": types.ScheduledTaskDocument,
    "\n  query ScheduledEditorOptions {\n    registeredTasks {\n      path\n      description\n    }\n    queues {\n      name\n    }\n  }\n": types.ScheduledEditorOptionsDocument,
    "\n  mutation CreateScheduledTask($input: ScheduledTaskCreateInput!) {\n    createScheduledTask(input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.CreateScheduledTaskDocument,
    "\n  mutation UpdateScheduledTask($id: ID!, $input: ScheduledTaskUpdateInput!) {\n    updateScheduledTask(id: $id, input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.UpdateScheduledTaskDocument,
    "\n  mutation SetScheduledTaskActive($id: ID!, $active: Boolean!) {\n    setScheduledTaskActive(id: $id, active: $active) {\n      scheduledTask {\n        id\n        active\n        nextRunAt\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SetScheduledTaskActiveDocument,
    "\n  mutation DeleteScheduledTask($id: ID!) {\n    deleteScheduledTask(id: $id) {\n      deletedId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.DeleteScheduledTaskDocument,
    "\n  mutation RunScheduledTask($id: ID!) {\n    runScheduledTask(id: $id) {\n      task {\n        uuid\n        task\n        status\n        queue\n        publishTime\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RunScheduledTaskDocument,
    "\n  mutation ValidateArguments($args: String, $kwargs: String) {\n    validateArguments(args: $args, kwargs: $kwargs) {\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.ValidateArgumentsDocument,
    "\n  query CronPreview($expression: String!, $timezone: String, $count: Int) {\n    cronPreview(expression: $expression, timezone: $timezone, count: $count) {\n      nextRuns\n      error\n    }\n  }\n": types.CronPreviewDocument,
    "\n  query TaskCounts($queue: String, $task: String, $search: String) {\n    taskCounts(queue: $queue, task: $task, search: $search) {\n      queued\n      published\n      waiting\n      failed\n      completed\n      cancelled\n      scheduled\n    }\n  }\n": types.TaskCountsDocument,
    "\n  query TaskFilterOptions {\n    queues {\n      name\n      paused\n    }\n    registeredTasks {\n      path\n    }\n  }\n": types.TaskFilterOptionsDocument,
    "\n  query QueueStates {\n    queues {\n      name\n      paused\n      state {\n        reachable\n        messages\n      }\n    }\n  }\n": types.QueueStatesDocument,
    "\n  query TaskList($filter: TaskFilter!, $after: String) {\n    tasks(filter: $filter, first: 50, after: $after) {\n      edges {\n        node {\n          uuid\n          task\n          status\n          queue\n          argumentsSummary\n          publishTime\n          startTime\n          completionTime\n          failureTime\n          cancelledTime\n          durationSeconds\n          eta\n          attempts\n          retries\n          maxRetries\n          exception\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n": types.TaskListDocument,
    "\n  query TaskWhere($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      status\n    }\n  }\n": types.TaskWhereDocument,
    "\n  query TaskDetail($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      task\n      status\n      virtualHost\n      queue\n      exchange\n      routingKey\n      priority\n      publishTime\n      startTime\n      completionTime\n      failureTime\n      durationSeconds\n      args\n      kwargs\n      output\n      exception\n      traceback\n      attempts\n      worker\n      orphan {\n        worker\n        whereabouts\n        explanation\n        publishable\n      }\n      eta\n      retries\n      maxRetries\n      timeLimit\n      cancelledTime\n      attemptHistory {\n        attempt\n        started\n        ended\n        worker\n        exception\n        traceback\n        retryAt\n      }\n      log {\n        time\n        level\n        levelno\n        logger\n        message\n      }\n    }\n  }\n": types.TaskDetailDocument,
    "\n  mutation RequeueTasks($ids: [ID!], $filter: TaskFilter) {\n    requeueTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RequeueTasksDocument,
    "\n  mutation DeleteTasks($ids: [ID!], $filter: TaskFilter) {\n    deleteTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.DeleteTasksDocument,
    "\n  mutation CancelTasks($ids: [ID!], $filter: TaskFilter) {\n    cancelTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.CancelTasksDocument,
    "\n  mutation RunWaitingNow($ids: [ID!], $filter: TaskFilter) {\n    runWaitingNow(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RunWaitingNowDocument,
    "\n  mutation PurgeQueue($name: String!) {\n    purgeQueue(name: $name) {\n      purgedCount\n      heldCount\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.PurgeQueueDocument,
    "\n  mutation RequeuePending($queue: String) {\n    requeuePendingTasks(queue: $queue) {\n      count\n      kept {\n        queue\n        count\n        explanation\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RequeuePendingDocument,
    "\n  query Workers {\n    workers {\n      id\n      host\n      pid\n      version\n      state\n      started\n      lastHeartbeat\n      heartbeatSeconds\n      stopped\n      quiet\n      queues {\n        name\n        concurrency\n      }\n      running {\n        id\n        uuid\n        task\n        queue\n        consumer\n        startTime\n        orphan {\n          worker\n          whereabouts\n          explanation\n          publishable\n        }\n      }\n    }\n  }\n": types.WorkersDocument,
    "\n  mutation RequeueOrphan($id: ID!) {\n    requeueTask(id: $id) {\n      task {\n        uuid\n        status\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.RequeueOrphanDocument,
    "\n  mutation SetWorkerQuiet($id: ID!, $quiet: Boolean!) {\n    setWorkerQuiet(id: $id, quiet: $quiet) {\n      worker {\n        id\n        quiet\n        state\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n": types.SetWorkerQuietDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      username\n      authenticated\n      via\n      actions {\n        action\n        allowed\n        permission\n        reason\n      }\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      username\n      authenticated\n      via\n      actions {\n        action\n        allowed\n        permission\n        reason\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          time\n          username\n          via\n          address\n          mutation\n          arguments\n          outcome\n          rows\n          messages\n          error\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditLog($first: Int, $after: String) {\n    auditLog(first: $first, after: $after) {\n      edges {\n        cursor\n        node {\n          id\n          time\n          username\n          via\n          address\n          mutation\n          arguments\n          outcome\n          rows\n          messages\n          error\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskStats($range: StatsRange!, $queue: String, $task: String) {\n    taskStats(range: $range, queue: $queue, task: $task) {\n      range\n      pointSeconds\n      starts\n      completed\n      failed\n      retried\n      throughput\n      failures\n      p50\n      p95\n      series {\n        queue\n        task\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskStats($range: StatsRange!, $queue: String, $task: String) {\n    taskStats(range: $range, queue: $queue, task: $task) {\n      range\n      pointSeconds\n      starts\n      completed\n      failed\n      retried\n      throughput\n      failures\n      p50\n      p95\n      series {\n        queue\n        task\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueHealth {\n    queues {\n      name\n      paused\n      pausedAt\n      pausedBy\n      state {\n        reachable\n        messages\n        consumers\n      }\n      rates {\n        published\n        started\n        finished\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueHealth {\n    queues {\n      name\n      paused\n      pausedAt\n      pausedBy\n      state {\n        reachable\n        messages\n        consumers\n      }\n      rates {\n        published\n        started\n        finished\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetQueuePaused($name: String!, $paused: Boolean!) {\n    setQueuePaused(name: $name, paused: $paused) {\n      queue {\n        name\n        paused\n        pausedAt\n        pausedBy\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetQueuePaused($name: String!, $paused: Boolean!) {\n    setQueuePaused(name: $name, paused: $paused) {\n      queue {\n        name\n        paused\n        pausedAt\n        pausedBy\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduledTasks {\n    scheduledTasks {\n      id\n      taskName\n      task\n      queue\n      intervalType\n      intervalCount\n      cron\n      timezone\n      active\n      lastRunAt\n      lastRunStatus\n      lastRunUuid\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  query ScheduledTasks {\n    scheduledTasks {\n      id\n      taskName\n      task\n      queue\n      intervalType\n      intervalCount\n      cron\n      timezone\n      active\n      lastRunAt\n      lastRunStatus\n      lastRunUuid\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduledTask($id: ID!) {\n    scheduledTask(id: $id) {\n      id\n      taskName\n      task\n      queue\n      exchange\n      routingKey\n      intervalType\n      intervalCount\n      cron\n      timezone\n      argsText\n      kwargsText\n      active\n      lastRunAt\n      nextRunAt\n    }\n  }\n"): (typeof documents)["\n  query ScheduledTask($id: ID!) {\n    scheduledTask(id: $id) {\n      id\n      taskName\n      task\n      queue\n      exchange\n      routingKey\n      intervalType\n      intervalCount\n      cron\n      timezone\n      argsText\n      kwargsText\n      active\n      lastRunAt\n      nextRunAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ScheduledEditorOptions {\n    registeredTasks {\n      path\n      description\n    }\n    queues {\n      name\n    }\n  }\n"): (typeof documents)["\n  query ScheduledEditorOptions {\n    registeredTasks {\n      path\n      description\n    }\n    queues {\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateScheduledTask($input: ScheduledTaskCreateInput!) {\n    createScheduledTask(input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateScheduledTask($input: ScheduledTaskCreateInput!) {\n    createScheduledTask(input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateScheduledTask($id: ID!, $input: ScheduledTaskUpdateInput!) {\n    updateScheduledTask(id: $id, input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateScheduledTask($id: ID!, $input: ScheduledTaskUpdateInput!) {\n    updateScheduledTask(id: $id, input: $input) {\n      scheduledTask {\n        id\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetScheduledTaskActive($id: ID!, $active: Boolean!) {\n    setScheduledTaskActive(id: $id, active: $active) {\n      scheduledTask {\n        id\n        active\n        nextRunAt\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetScheduledTaskActive($id: ID!, $active: Boolean!) {\n    setScheduledTaskActive(id: $id, active: $active) {\n      scheduledTask {\n        id\n        active\n        nextRunAt\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteScheduledTask($id: ID!) {\n    deleteScheduledTask(id: $id) {\n      deletedId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteScheduledTask($id: ID!) {\n    deleteScheduledTask(id: $id) {\n      deletedId\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunScheduledTask($id: ID!) {\n    runScheduledTask(id: $id) {\n      task {\n        uuid\n        task\n        status\n        queue\n        publishTime\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunScheduledTask($id: ID!) {\n    runScheduledTask(id: $id) {\n      task {\n        uuid\n        task\n        status\n        queue\n        publishTime\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ValidateArguments($args: String, $kwargs: String) {\n    validateArguments(args: $args, kwargs: $kwargs) {\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ValidateArguments($args: String, $kwargs: String) {\n    validateArguments(args: $args, kwargs: $kwargs) {\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CronPreview($expression: String!, $timezone: String, $count: Int) {\n    cronPreview(expression: $expression, timezone: $timezone, count: $count) {\n      nextRuns\n      error\n    }\n  }\n"): (typeof documents)["\n  query CronPreview($expression: String!, $timezone: String, $count: Int) {\n    cronPreview(expression: $expression, timezone: $timezone, count: $count) {\n      nextRuns\n      error\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskCounts($queue: String, $task: String, $search: String) {\n    taskCounts(queue: $queue, task: $task, search: $search) {\n      queued\n      published\n      waiting\n      failed\n      completed\n      cancelled\n      scheduled\n    }\n  }\n"): (typeof documents)["\n  query TaskCounts($queue: String, $task: String, $search: String) {\n    taskCounts(queue: $queue, task: $task, search: $search) {\n      queued\n      published\n      waiting\n      failed\n      completed\n      cancelled\n      scheduled\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskFilterOptions {\n    queues {\n      name\n      paused\n    }\n    registeredTasks {\n      path\n    }\n  }\n"): (typeof documents)["\n  query TaskFilterOptions {\n    queues {\n      name\n      paused\n    }\n    registeredTasks {\n      path\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query QueueStates {\n    queues {\n      name\n      paused\n      state {\n        reachable\n        messages\n      }\n    }\n  }\n"): (typeof documents)["\n  query QueueStates {\n    queues {\n      name\n      paused\n      state {\n        reachable\n        messages\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskList($filter: TaskFilter!, $after: String) {\n    tasks(filter: $filter, first: 50, after: $after) {\n      edges {\n        node {\n          uuid\n          task\n          status\n          queue\n          argumentsSummary\n          publishTime\n          startTime\n          completionTime\n          failureTime\n          cancelledTime\n          durationSeconds\n          eta\n          attempts\n          retries\n          maxRetries\n          exception\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskList($filter: TaskFilter!, $after: String) {\n    tasks(filter: $filter, first: 50, after: $after) {\n      edges {\n        node {\n          uuid\n          task\n          status\n          queue\n          argumentsSummary\n          publishTime\n          startTime\n          completionTime\n          failureTime\n          cancelledTime\n          durationSeconds\n          eta\n          attempts\n          retries\n          maxRetries\n          exception\n        }\n      }\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskWhere($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      status\n    }\n  }\n"): (typeof documents)["\n  query TaskWhere($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TaskDetail($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      task\n      status\n      virtualHost\n      queue\n      exchange\n      routingKey\n      priority\n      publishTime\n      startTime\n      completionTime\n      failureTime\n      durationSeconds\n      args\n      kwargs\n      output\n      exception\n      traceback\n      attempts\n      worker\n      orphan {\n        worker\n        whereabouts\n        explanation\n        publishable\n      }\n      eta\n      retries\n      maxRetries\n      timeLimit\n      cancelledTime\n      attemptHistory {\n        attempt\n        started\n        ended\n        worker\n        exception\n        traceback\n        retryAt\n      }\n      log {\n        time\n        level\n        levelno\n        logger\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  query TaskDetail($uuid: String!) {\n    task(uuid: $uuid) {\n      uuid\n      task\n      status\n      virtualHost\n      queue\n      exchange\n      routingKey\n      priority\n      publishTime\n      startTime\n      completionTime\n      failureTime\n      durationSeconds\n      args\n      kwargs\n      output\n      exception\n      traceback\n      attempts\n      worker\n      orphan {\n        worker\n        whereabouts\n        explanation\n        publishable\n      }\n      eta\n      retries\n      maxRetries\n      timeLimit\n      cancelledTime\n      attemptHistory {\n        attempt\n        started\n        ended\n        worker\n        exception\n        traceback\n        retryAt\n      }\n      log {\n        time\n        level\n        levelno\n        logger\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequeueTasks($ids: [ID!], $filter: TaskFilter) {\n    requeueTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequeueTasks($ids: [ID!], $filter: TaskFilter) {\n    requeueTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteTasks($ids: [ID!], $filter: TaskFilter) {\n    deleteTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteTasks($ids: [ID!], $filter: TaskFilter) {\n    deleteTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelTasks($ids: [ID!], $filter: TaskFilter) {\n    cancelTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelTasks($ids: [ID!], $filter: TaskFilter) {\n    cancelTasks(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RunWaitingNow($ids: [ID!], $filter: TaskFilter) {\n    runWaitingNow(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RunWaitingNow($ids: [ID!], $filter: TaskFilter) {\n    runWaitingNow(ids: $ids, filter: $filter) {\n      count\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PurgeQueue($name: String!) {\n    purgeQueue(name: $name) {\n      purgedCount\n      heldCount\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation PurgeQueue($name: String!) {\n    purgeQueue(name: $name) {\n      purgedCount\n      heldCount\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequeuePending($queue: String) {\n    requeuePendingTasks(queue: $queue) {\n      count\n      kept {\n        queue\n        count\n        explanation\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequeuePending($queue: String) {\n    requeuePendingTasks(queue: $queue) {\n      count\n      kept {\n        queue\n        count\n        explanation\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Workers {\n    workers {\n      id\n      host\n      pid\n      version\n      state\n      started\n      lastHeartbeat\n      heartbeatSeconds\n      stopped\n      quiet\n      queues {\n        name\n        concurrency\n      }\n      running {\n        id\n        uuid\n        task\n        queue\n        consumer\n        startTime\n        orphan {\n          worker\n          whereabouts\n          explanation\n          publishable\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Workers {\n    workers {\n      id\n      host\n      pid\n      version\n      state\n      started\n      lastHeartbeat\n      heartbeatSeconds\n      stopped\n      quiet\n      queues {\n        name\n        concurrency\n      }\n      running {\n        id\n        uuid\n        task\n        queue\n        consumer\n        startTime\n        orphan {\n          worker\n          whereabouts\n          explanation\n          publishable\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequeueOrphan($id: ID!) {\n    requeueTask(id: $id) {\n      task {\n        uuid\n        status\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RequeueOrphan($id: ID!) {\n    requeueTask(id: $id) {\n      task {\n        uuid\n        status\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SetWorkerQuiet($id: ID!, $quiet: Boolean!) {\n    setWorkerQuiet(id: $id, quiet: $quiet) {\n      worker {\n        id\n        quiet\n        state\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SetWorkerQuiet($id: ID!, $quiet: Boolean!) {\n    setWorkerQuiet(id: $id, quiet: $quiet) {\n      worker {\n        id\n        quiet\n        state\n      }\n      errors {\n        field\n        message\n        code\n      }\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;