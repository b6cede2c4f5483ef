/* eslint-disable */
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /**
   * The `DateTime` scalar type represents a DateTime
   * value as specified by
   * [iso8601](https://en.wikipedia.org/wiki/ISO_8601).
   */
  DateTime: { input: string; output: string; }
  /**
   * The `GenericScalar` scalar type represents a generic
   * GraphQL scalar value that could be:
   * String, Boolean, Int, Float, List or Object.
   */
  GenericScalar: { input: unknown; output: unknown; }
};

/** Whether the caller may do one action, and the permission it needs. */
export type ActionPermission = {
  __typename?: 'ActionPermission';
  /** The action. */
  action: MonitorAction;
  /** The caller may do it. */
  allowed: Scalars['Boolean']['output'];
  /** The Django permission it needs, e.g. carrot.purge_queue. */
  permission: Scalars['String']['output'];
  /** Why the caller may not do it, for people; null when allowed. */
  reason?: Maybe<Scalars['String']['output']>;
};

/** One failed run of a task (the log's ``history``): when, where, how it ended, and what came next. */
export type Attempt = {
  __typename?: 'Attempt';
  /** The attempt's number, from 1. */
  attempt: Scalars['Int']['output'];
  /** When it ended. */
  ended?: Maybe<Scalars['DateTime']['output']>;
  /** The exception it ended with. */
  exception: Scalars['String']['output'];
  /** When the next attempt was due; null when this attempt was the last. */
  retryAt?: Maybe<Scalars['DateTime']['output']>;
  /** When it started. */
  started?: Maybe<Scalars['DateTime']['output']>;
  /** Its traceback (data). */
  traceback: Scalars['String']['output'];
  /** The consumer that ran it (host:pid:thread). */
  worker: Scalars['String']['output'];
};

/** One mutation of the monitor's API: who asked for what, from where, and what it changed. */
export type AuditEntry = {
  __typename?: 'AuditEntry';
  /** The client's IP address as the server saw it (REMOTE_ADDR). */
  address?: Maybe<Scalars['String']['output']>;
  /** Its arguments as sent (ids, filter, input); texts are cut at 500 characters and lists at 50 items. */
  arguments: Scalars['GenericScalar']['output'];
  /** Why it failed or was refused; null on success. */
  error?: Maybe<Scalars['String']['output']>;
  /** The entry's database id. */
  id: Scalars['ID']['output'];
  /** Messages it published or purged. */
  messages: Scalars['Int']['output'];
  /** The mutation's name, e.g. purgeQueue. */
  mutation: Scalars['String']['output'];
  /** How it ended. */
  outcome: AuditOutcome;
  /** Task logs or scheduled tasks it created, changed or deleted. */
  rows: Scalars['Int']['output'];
  /** When the mutation was asked for. */
  time: Scalars['DateTime']['output'];
  /** Who asked; null for an anonymous user. */
  username?: Maybe<Scalars['String']['output']>;
  /** How they signed in: session, token or none (anonymous). */
  via: Scalars['String']['output'];
};

/** A page of the audit log, newest first (Relay connection with opaque keyset cursors). */
export type AuditEntryConnection = {
  __typename?: 'AuditEntryConnection';
  /** The entries of the page. */
  edges: Array<AuditEntryEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: AuditPageInfo;
};

/** An entry in a page, with its cursor. */
export type AuditEntryEdge = {
  __typename?: 'AuditEntryEdge';
  /** Pass as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The entry. */
  node: AuditEntry;
};

/** How a recorded mutation ended. */
export type AuditOutcome =
  /** It returned errors or raised; it may have done part of the work (rows, messages). */
  | 'ERROR'
  /** The caller lacked its permission; nothing was changed. */
  | 'FORBIDDEN'
  /** It did what was asked. */
  | 'SUCCESS';

/** Where a page of the audit log sits. */
export type AuditPageInfo = {
  __typename?: 'AuditPageInfo';
  /** The cursor of the last (oldest) entry of the page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** There are older entries after this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** The page was asked for after a cursor (newer entries exist). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first (newest) entry of the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * Cancel tasks: the given ones, or every queued or waiting task matching a filter.
 *
 * A DELAYED, PUBLISHED or RETRYING task becomes CANCELLED and never runs (a consumer that receives its
 * message acks it without running it). A task IN_PROGRESS is asked to stop (its `cancelledTime` is set):
 * the service running it raises TaskCancelled in it, best effort (see docs/tasks.rst).
 */
export type CancelTasks = {
  __typename?: 'CancelTasks';
  /** How many tasks were cancelled or asked to stop (before it stopped, when `errors` says so). */
  count: Scalars['Int']['output'];
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
};

/** Schedule a registered task to be published every interval, or on a cron expression in a time zone. */
export type CreateScheduledTask = {
  __typename?: 'CreateScheduledTask';
  /** Why the input was refused; empty on success. */
  errors: Array<ScheduledTaskError>;
  /** The created scheduled task. */
  scheduledTask?: Maybe<ScheduledTask>;
};

/** The next runs of a cron expression in a time zone, or why it is not valid (for the editor). */
export type CronPreview = {
  __typename?: 'CronPreview';
  /** Why the expression or the time zone is not valid; null when valid. */
  error?: Maybe<Scalars['String']['output']>;
  /** The next run times from now, in the time zone (with its UTC offset); empty on an error. */
  nextRuns: Array<Scalars['DateTime']['output']>;
};

/** Delete a scheduled task (tasks it already published are kept). */
export type DeleteScheduledTask = {
  __typename?: 'DeleteScheduledTask';
  /** The database id of the deleted scheduled task. */
  deletedId?: Maybe<Scalars['ID']['output']>;
  /** Why the input was refused; empty on success. */
  errors: Array<ScheduledTaskError>;
};

/** Delete a failed, completed or cancelled task's log. */
export type DeleteTask = {
  __typename?: 'DeleteTask';
  /** The database id of the deleted task. */
  deletedId?: Maybe<Scalars['ID']['output']>;
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
};

/** Delete failed, completed or cancelled tasks in bulk: the given ones, or every one matching a filter. */
export type DeleteTasks = {
  __typename?: 'DeleteTasks';
  /** How many tasks were deleted (before it stopped, when `errors` says so). */
  count: Scalars['Int']['output'];
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
};

/** Why a mutation refused its input or could not complete. */
export type ErrorCode =
  /** RabbitMQ could not be reached or refused the message; nothing was lost, retry later. */
  | 'BROKER_ERROR'
  /** The database was locked, busy or unreachable; the action stopped part-way (its payload says how far it got) and running it again continues with the rest. */
  | 'DATABASE_ERROR'
  /** The caller lacks the permission this mutation needs (the message names it); nothing was changed. */
  | 'FORBIDDEN'
  /** The value is not acceptable; the message says why. */
  | 'INVALID'
  /** Positional or keyword arguments cannot be parsed; the message says what is wrong. */
  | 'INVALID_ARGUMENTS'
  /** The task's status does not allow this action (e.g. requeueing a completed task). */
  | 'INVALID_STATUS'
  /** No object has this id (it may have been deleted). */
  | 'NOT_FOUND'
  /** The task path is not a registered task; the message says how to register it. */
  | 'NOT_REGISTERED'
  /** The field must be given. */
  | 'REQUIRED'
  /** Another object already uses this value. */
  | 'UNIQUE'
  /** The queue is not declared in CARROT['queues']. */
  | 'UNKNOWN_QUEUE';

/** The unit of a scheduled task's interval. */
export type IntervalType =
  /** The interval is counted in days. */
  | 'DAYS'
  /** The interval is counted in hours. */
  | 'HOURS'
  /** The interval is counted in minutes. */
  | 'MINUTES'
  /** The interval is counted in seconds. */
  | 'SECONDS';

/** Tasks of one queue that requeuePendingTasks left alone, because their messages may still be held. */
export type KeptTasks = {
  __typename?: 'KeptTasks';
  /** How many were left. */
  count: Scalars['Int']['output'];
  /** The same, in a sentence for people. */
  explanation: Scalars['String']['output'];
  /** Their queue. */
  queue: Scalars['String']['output'];
  /** Where their messages are, as far as the queue tells. */
  whereabouts: MessageWhereabouts;
};

/** One line the task logged while it ran. */
export type LogEntry = {
  __typename?: 'LogEntry';
  /** The level name, e.g. INFO. */
  level: Scalars['String']['output'];
  /** The numeric level, e.g. 20 for INFO. */
  levelno: Scalars['Int']['output'];
  /** The logger's name. */
  logger: Scalars['String']['output'];
  /** The formatted message. */
  message: Scalars['String']['output'];
  /** When it was logged (ISO 8601). */
  time?: Maybe<Scalars['String']['output']>;
};

/** A Python logging level. */
export type LogLevel =
  /** logging.CRITICAL (50) and above. */
  | 'CRITICAL'
  /** logging.DEBUG (10) and above. */
  | 'DEBUG'
  /** logging.ERROR (40) and above. */
  | 'ERROR'
  /** logging.INFO (20) and above. */
  | 'INFO'
  /** logging.WARNING (30) and above. */
  | 'WARNING';

/** Where the message of a task no one runs is, as far as its queue tells. */
export type MessageWhereabouts =
  /** Its queue holds no message and no consumer holds one: publishing it again runs it once. */
  | 'GONE'
  /** Its queue has messages ready: the message went back there and runs again when consumed. */
  | 'IN_QUEUE'
  /** The broker could not be asked. */
  | 'UNKNOWN'
  /** None is ready, but a consumer may hold it unacked (a live service busy on the queue, or a consumer no live service accounts for). */
  | 'WITH_CONSUMER';

/** Something a monitor user may be allowed to do. */
export type MonitorAction =
  /** Creating scheduled tasks (needs carrot.add_scheduledtask). */
  | 'ADD_SCHEDULED'
  /** Changing, pausing or resuming scheduled tasks (needs carrot.change_scheduledtask). */
  | 'CHANGE_SCHEDULED'
  /** Deleting scheduled tasks (needs carrot.delete_scheduledtask). */
  | 'DELETE_SCHEDULED'
  /** Deleting tasks (needs carrot.delete_messagelog). */
  | 'DELETE_TASKS'
  /** Pausing or resuming queues (needs carrot.change_queuepause). */
  | 'PAUSE_QUEUES'
  /** Publishing tasks, or running a scheduled task now (needs carrot.add_messagelog). */
  | 'PUBLISH_TASKS'
  /** Purging queues (needs carrot.purge_queue). */
  | 'PURGE_QUEUES'
  /** Telling a service to take no new tasks, or to take them again (needs carrot.change_worker). */
  | 'QUIET_WORKERS'
  /** Requeueing, cancelling or running waiting tasks now (needs carrot.change_messagelog). */
  | 'REQUEUE_TASKS'
  /** Seeing the audit log (needs carrot.view_auditentry). */
  | 'VIEW_AUDIT_LOG'
  /** Seeing scheduled tasks (needs carrot.view_scheduledtask). */
  | 'VIEW_SCHEDULED'
  /** Seeing tasks, their counts, registered tasks and queues (needs carrot.view_messagelog). */
  | 'VIEW_TASKS';

/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Cancel tasks: the given ones, or every queued or waiting task matching a filter.
   *
   * A DELAYED, PUBLISHED or RETRYING task becomes CANCELLED and never runs (a consumer that receives its
   * message acks it without running it). A task IN_PROGRESS is asked to stop (its `cancelledTime` is set):
   * the service running it raises TaskCancelled in it, best effort (see docs/tasks.rst).
   */
  cancelTasks?: Maybe<CancelTasks>;
  /** Schedule a registered task to be published every interval, or on a cron expression in a time zone. */
  createScheduledTask?: Maybe<CreateScheduledTask>;
  /** Delete a scheduled task (tasks it already published are kept). */
  deleteScheduledTask?: Maybe<DeleteScheduledTask>;
  /** Delete a failed, completed or cancelled task's log. */
  deleteTask?: Maybe<DeleteTask>;
  /** Delete failed, completed or cancelled tasks in bulk: the given ones, or every one matching a filter. */
  deleteTasks?: Maybe<DeleteTasks>;
  /**
   * Publish a registered task now, or later with `countdown` or `eta` (for other services); returns the
   * new task (PUBLISHED, or DELAYED until its eta).
   */
  publishTask?: Maybe<PublishTask>;
  /**
   * Remove the messages ready in a queue.
   *
   * Their tasks stay PUBLISHED: requeuePendingTasks publishes them again. Messages a consumer already
   * holds (delivered, not yet acknowledged: the task it runs and those in its prefetch) are not ready,
   * so RabbitMQ does not purge them and their tasks still run: `heldCount` estimates how many.
   */
  purgeQueue?: Maybe<PurgeQueue>;
  /**
   * Publish again the PUBLISHED and orphaned tasks whose messages are known gone, e.g. after their
   * queue was purged.
   *
   * A queue's tasks are published again only when the broker holds no message of it and no consumer
   * may hold one (`MessageWhereabouts.GONE`); otherwise they are left and `kept` says why. Tasks a live
   * service runs, and tasks the outbox is still sending, are never touched.
   */
  requeuePendingTasks?: Maybe<RequeuePendingTasks>;
  /**
   * Publish a task again under the same id; it goes back to the queued list.
   *
   * A failed or cancelled task, or an orphaned one (IN_PROGRESS under a lost service) whose message is
   * known gone (`Task.orphan.publishable`); an orphan whose message its queue or a consumer may still
   * hold is refused, since it will run again by itself.
   */
  requeueTask?: Maybe<RequeueTask>;
  /** Requeue failed or cancelled tasks in bulk: the given ones, or every one matching a filter. */
  requeueTasks?: Maybe<RequeueTasks>;
  /**
   * Publish a scheduled task now, or in `countdown` seconds; its schedule is unchanged. Returns the new
   * task (PUBLISHED, or DELAYED until then).
   */
  runScheduledTask?: Maybe<RunScheduledTask>;
  /**
   * Make DELAYED or RETRYING tasks due now: the given ones, or every waiting task matching a filter.
   *
   * Their eta becomes now; a running service's relay, which looks every second, publishes them.
   */
  runWaitingNow?: Maybe<RunWaitingNow>;
  /**
   * Pause a queue (paused: true): every carrot service stops taking its messages within a heartbeat (a
   * few seconds); running tasks finish and prefetched messages go back to the queue. Publishing into it
   * goes on: its messages wait there. Or resume it (paused: false): the services take its messages again
   * within a heartbeat. The pause is kept in the database: it outlives restarts, and a service that starts
   * while the queue is paused does not consume it.
   */
  setQueuePaused?: Maybe<SetQueuePaused>;
  /** Pause or resume a scheduled task. */
  setScheduledTaskActive?: Maybe<SetScheduledTaskActive>;
  /**
   * Tell a carrot service to finish its running tasks and take no new ones (quiet: true), or to take
   * them again (quiet: false). It obeys within a heartbeat and stays alive; a restarted service is a
   * new worker and takes tasks.
   */
  setWorkerQuiet?: Maybe<SetWorkerQuiet>;
  /** Change a scheduled task; a new interval or activation takes effect within a second or two. */
  updateScheduledTask?: Maybe<UpdateScheduledTask>;
  /** Check the text of the argument fields without saving anything (for forms). */
  validateArguments?: Maybe<ValidateArguments>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationCancelTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationCreateScheduledTaskArgs = {
  input: ScheduledTaskCreateInput;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationDeleteScheduledTaskArgs = {
  id: Scalars['ID']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationDeleteTaskArgs = {
  id: Scalars['ID']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationDeleteTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationPublishTaskArgs = {
  input: PublishTaskInput;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationPurgeQueueArgs = {
  name: Scalars['String']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationRequeuePendingTasksArgs = {
  olderThanSeconds?: InputMaybe<Scalars['Int']['input']>;
  queue?: InputMaybe<Scalars['String']['input']>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationRequeueTaskArgs = {
  id: Scalars['ID']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationRequeueTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationRunScheduledTaskArgs = {
  countdown?: InputMaybe<Scalars['Float']['input']>;
  id: Scalars['ID']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationRunWaitingNowArgs = {
  filter?: InputMaybe<TaskFilter>;
  ids?: InputMaybe<Array<Scalars['ID']['input']>>;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationSetQueuePausedArgs = {
  name: Scalars['String']['input'];
  paused: Scalars['Boolean']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationSetScheduledTaskActiveArgs = {
  active: Scalars['Boolean']['input'];
  id: Scalars['ID']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationSetWorkerQuietArgs = {
  id: Scalars['ID']['input'];
  quiet: Scalars['Boolean']['input'];
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationUpdateScheduledTaskArgs = {
  id: Scalars['ID']['input'];
  input: ScheduledTaskUpdateInput;
};


/** What the monitor can do; each mutation returns its objects and typed `errors`. */
export type MutationValidateArgumentsArgs = {
  args?: InputMaybe<Scalars['String']['input']>;
  kwargs?: InputMaybe<Scalars['String']['input']>;
};

/** A task IN_PROGRESS under a lost service: nothing runs it; its message is where `whereabouts` says. */
export type Orphan = {
  __typename?: 'Orphan';
  /** The same, in a sentence for people. */
  explanation: Scalars['String']['output'];
  /** Its message is known gone: requeueTask publishes it again (and refuses otherwise). */
  publishable: Scalars['Boolean']['output'];
  /** Where its message is, as far as its queue tells. */
  whereabouts: MessageWhereabouts;
  /** The lost service (host:pid). */
  worker: Scalars['String']['output'];
  /** The lost service's id (`Worker.id`). */
  workerId: Scalars['ID']['output'];
};

/** Where a page sits in the whole list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last (oldest) task of the page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** There are older tasks after this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** There are newer tasks before this page (or the page was asked for after a cursor). */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first (newest) task of the page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/**
 * Publish a registered task now, or later with `countdown` or `eta` (for other services); returns the
 * new task (PUBLISHED, or DELAYED until its eta).
 */
export type PublishTask = {
  __typename?: 'PublishTask';
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
  /** The published task. */
  task?: Maybe<Task>;
};

/** A call of a registered task. */
export type PublishTaskInput = {
  /** Positional arguments as Python literals separated by commas, e.g. True, 1, 'test', {'foo': 'bar'}. */
  args?: InputMaybe<Scalars['String']['input']>;
  /** Publish it in this many seconds (0 or more; default: now). The task is DELAYED until then. */
  countdown?: InputMaybe<Scalars['Float']['input']>;
  /** Publish it at this time, with its UTC offset (not with `countdown`); a time past publishes it now. */
  eta?: InputMaybe<Scalars['DateTime']['input']>;
  /** The exchange ('' is the default exchange). */
  exchange?: InputMaybe<Scalars['String']['input']>;
  /** Keyword arguments as a JSON object, e.g. {"to": "a@b.c"}. */
  kwargs?: InputMaybe<Scalars['String']['input']>;
  /** How many times a failed run is retried, from 0 to 1000 (default: the task's @task(max_retries=...), else CARROT['max_retries']). */
  maxRetries?: InputMaybe<Scalars['Int']['input']>;
  /** The message priority, from 0 to 255 (RabbitMQ treats a priority above the queue's x-max-priority as that maximum). */
  priority?: InputMaybe<Scalars['Int']['input']>;
  /** The queue (default: 'default'). */
  queue?: InputMaybe<Scalars['String']['input']>;
  /** The routing key (default: the queue name). */
  routingKey?: InputMaybe<Scalars['String']['input']>;
  /** The registered task's dotted path. */
  task: Scalars['String']['input'];
};

/**
 * Remove the messages ready in a queue.
 *
 * Their tasks stay PUBLISHED: requeuePendingTasks publishes them again. Messages a consumer already
 * holds (delivered, not yet acknowledged: the task it runs and those in its prefetch) are not ready,
 * so RabbitMQ does not purge them and their tasks still run: `heldCount` estimates how many.
 */
export type PurgeQueue = {
  __typename?: 'PurgeQueue';
  /** Why the queue was not changed; empty on success. */
  errors: Array<QueueError>;
  /** About how many of the queue's messages its consumers held (delivered, not yet acknowledged), which a purge does not remove: their tasks still run. An estimate, as RabbitMQ does not tell unacknowledged messages over AMQP: the queue's tasks still published or in progress less the messages purged, at most its consumers times its prefetch_count. */
  heldCount: Scalars['Int']['output'];
  /** How many messages were removed. */
  purgedCount: Scalars['Int']['output'];
  /** The purged queue. */
  queue?: Maybe<Queue>;
};

/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type Query = {
  __typename?: 'Query';
  /** The audit log: one entry per mutation that changed or tried to change something, newest first, with keyset cursors. */
  auditLog: AuditEntryConnection;
  /** The next run times of a cron expression in a time zone, or why it is not valid; nothing is stored (for the scheduled-task editor). */
  cronPreview: CronPreview;
  /** One declared queue; null when there is none. */
  queue?: Maybe<Queue>;
  /** The queues declared in CARROT['queues']. */
  queues: Array<Queue>;
  /** The tasks that may be published or scheduled by name. */
  registeredTasks: Array<RegisteredTask>;
  /** One scheduled task; null when there is none. */
  scheduledTask?: Maybe<ScheduledTask>;
  /** Scheduled tasks, by name. */
  scheduledTasks: Array<ScheduledTask>;
  /** One task by id or uuid; null when there is none. */
  task?: Maybe<Task>;
  /** How many tasks there are per status (one grouped query). */
  taskCounts: TaskCounts;
  /** Runs ended, failures and run-time p50/p95 over the last hour, day or week, from the counts kept as tasks finish (never from the task logs). */
  taskStats: TaskStats;
  /** A page of tasks in the order of the list (failed, completed and cancelled newest first by the time they ended, waiting soonest due first, others newest published first), with keyset cursors. */
  tasks: TaskConnection;
  /** Who the caller is and what they may do; needs no permission. */
  viewer: Viewer;
  /** The carrot services that registered, latest heartbeat first, at most 50: alive, quiet, lost or stopped (kept a week after their last heartbeat). */
  workers: Array<Worker>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryAuditLogArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  mutation?: InputMaybe<Scalars['String']['input']>;
  outcome?: InputMaybe<AuditOutcome>;
  username?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryCronPreviewArgs = {
  count?: InputMaybe<Scalars['Int']['input']>;
  expression: Scalars['String']['input'];
  timezone?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryQueueArgs = {
  name: Scalars['String']['input'];
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryScheduledTaskArgs = {
  id: Scalars['ID']['input'];
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryScheduledTasksArgs = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryTaskArgs = {
  id?: InputMaybe<Scalars['ID']['input']>;
  uuid?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryTaskCountsArgs = {
  queue?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryTaskStatsArgs = {
  queue?: InputMaybe<Scalars['String']['input']>;
  range: StatsRange;
  task?: InputMaybe<Scalars['String']['input']>;
};


/**
 * What the monitor can read: tasks by status, scheduled tasks, queues, the services and what they
 * run, registered tasks, the audit log, the dashboard's charts, and who the caller is and what they
 * may do.
 */
export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  before?: InputMaybe<Scalars['String']['input']>;
  filter: TaskFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
  last?: InputMaybe<Scalars['Int']['input']>;
};

/** A queue declared in CARROT['queues']. */
export type Queue = {
  __typename?: 'Queue';
  /** The broker URL (each node's, comma-separated) with its password hidden. */
  broker: Scalars['String']['output'];
  /** Consumer threads per carrot service. */
  concurrency: Scalars['Int']['output'];
  /** carrot services consume this queue. */
  consumable: Scalars['Boolean']['output'];
  /** The queue survives a broker restart. */
  durable: Scalars['Boolean']['output'];
  /** The broker's host:port (each node's, comma-separated, for a cluster). */
  host: Scalars['String']['output'];
  /** The x-max-priority argument the settings declare the queue with, if any. A queue that already existed with other arguments (one made by carrot 1.x) keeps its own. */
  maxPriority?: Maybe<Scalars['Int']['output']>;
  /** The queue's name. */
  name: Scalars['String']['output'];
  /** carrot services take no messages from it (setQueuePaused); publishing into it goes on. */
  paused: Scalars['Boolean']['output'];
  /** When it was paused; null when it is not. */
  pausedAt?: Maybe<Scalars['DateTime']['output']>;
  /** Who paused it (empty: an anonymous user); null when it is not paused. */
  pausedBy?: Maybe<Scalars['String']['output']>;
  /** Tasks per minute in and out over the last five minutes (all services together). */
  rates: QueueRates;
  /** Depth and consumer count from the broker, at most a second old: each server process keeps one connection per broker and asks it about a queue at most once a second. */
  state: QueueState;
  /** The RabbitMQ virtual host. */
  virtualHost: Scalars['String']['output'];
};

/** A problem with the input of a queue mutation, or why it could not complete. */
export type QueueError = {
  __typename?: 'QueueError';
  /** What is wrong, for programs. */
  code: ErrorCode;
  /** The input field the error is about (camelCase, dotted for nested input), or null when it concerns the whole request. */
  field?: Maybe<Scalars['String']['output']>;
  /** What is wrong, for people. */
  message: Scalars['String']['output'];
};

/**
 * Tasks per minute through a queue over the last five minutes, from the counts every process adds
 * to the database every few seconds (so a few seconds behind).
 */
export type QueueRates = {
  __typename?: 'QueueRates';
  /** Runs ended per minute: completed, failed, or failed and to be retried. */
  finished: Scalars['Float']['output'];
  /** New tasks published to the queue per minute. */
  published: Scalars['Float']['output'];
  /** Runs started per minute. */
  started: Scalars['Float']['output'];
};

/** What RabbitMQ says about a queue right now. */
export type QueueState = {
  __typename?: 'QueueState';
  /** Consumers attached to the queue (null when unreachable). */
  consumers?: Maybe<Scalars['Int']['output']>;
  /** Why the state is unknown (the broker URL has no password). */
  error?: Maybe<Scalars['String']['output']>;
  /** Messages ready in the queue (null when unreachable). */
  messages?: Maybe<Scalars['Int']['output']>;
  /** The broker answered. */
  reachable: Scalars['Boolean']['output'];
};

/** A task that may be published or scheduled by name. */
export type RegisteredTask = {
  __typename?: 'RegisteredTask';
  /** The first line of the function's docstring. */
  description: Scalars['String']['output'];
  /** The dotted path to publish it under. */
  path: Scalars['String']['output'];
};

/**
 * Publish again the PUBLISHED and orphaned tasks whose messages are known gone, e.g. after their
 * queue was purged.
 *
 * A queue's tasks are published again only when the broker holds no message of it and no consumer
 * may hold one (`MessageWhereabouts.GONE`); otherwise they are left and `kept` says why. Tasks a live
 * service runs, and tasks the outbox is still sending, are never touched.
 */
export type RequeuePendingTasks = {
  __typename?: 'RequeuePendingTasks';
  /** How many tasks were requeued (before it stopped, when `errors` says so). */
  count: Scalars['Int']['output'];
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
  /** Per queue, the tasks left because their messages may still be held. */
  kept: Array<KeptTasks>;
};

/**
 * Publish a task again under the same id; it goes back to the queued list.
 *
 * A failed or cancelled task, or an orphaned one (IN_PROGRESS under a lost service) whose message is
 * known gone (`Task.orphan.publishable`); an orphan whose message its queue or a consumer may still
 * hold is refused, since it will run again by itself.
 */
export type RequeueTask = {
  __typename?: 'RequeueTask';
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
  /** The requeued task. */
  task?: Maybe<Task>;
};

/** Requeue failed or cancelled tasks in bulk: the given ones, or every one matching a filter. */
export type RequeueTasks = {
  __typename?: 'RequeueTasks';
  /** How many tasks were requeued (before it stopped, when `errors` says so). */
  count: Scalars['Int']['output'];
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
};

/**
 * Publish a scheduled task now, or in `countdown` seconds; its schedule is unchanged. Returns the new
 * task (PUBLISHED, or DELAYED until then).
 */
export type RunScheduledTask = {
  __typename?: 'RunScheduledTask';
  /** Why the input was refused; empty on success. */
  errors: Array<ScheduledTaskError>;
  /** The scheduled task. */
  scheduledTask?: Maybe<ScheduledTask>;
  /** The task just published. */
  task?: Maybe<Task>;
};

/**
 * Make DELAYED or RETRYING tasks due now: the given ones, or every waiting task matching a filter.
 *
 * Their eta becomes now; a running service's relay, which looks every second, publishes them.
 */
export type RunWaitingNow = {
  __typename?: 'RunWaitingNow';
  /** How many tasks were made due (before it stopped, when `errors` says so). */
  count: Scalars['Int']['output'];
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
};

/** A task a service started and has not finished (orphaned when the service is lost). */
export type RunningTask = {
  __typename?: 'RunningTask';
  /** The consumer thread running it. */
  consumer: Scalars['String']['output'];
  /** The log's database id. */
  id: Scalars['ID']['output'];
  /** Set when its service is lost: nothing runs it any more. */
  orphan?: Maybe<Orphan>;
  /** The queue its message came from. */
  queue: Scalars['String']['output'];
  /** When this run started. */
  startTime: Scalars['DateTime']['output'];
  /** The dotted path of the task function. */
  task: Scalars['String']['output'];
  /** The AMQP message_id of the task's message. */
  uuid: Scalars['String']['output'];
};

/** A task published every `intervalCount` `intervalType`, or on the `cron` expression in `timezone`. */
export type ScheduledTask = {
  __typename?: 'ScheduledTask';
  /** The scheduler publishes it. */
  active: Scalars['Boolean']['output'];
  /** The positional arguments (a JSON list). */
  args: Scalars['GenericScalar']['output'];
  /** The positional arguments as Python literals. */
  argsText: Scalars['String']['output'];
  /** A cron expression (minute hour day-of-month month day-of-week); '' when the interval applies. */
  cron: Scalars['String']['output'];
  /** The exchange ('' is the default exchange). */
  exchange: Scalars['String']['output'];
  /** The scheduled task's database id. */
  id: Scalars['ID']['output'];
  /** How many units between two runs. */
  intervalCount: Scalars['Int']['output'];
  /** The interval in seconds. */
  intervalSeconds: Scalars['Int']['output'];
  /** The unit of the interval. */
  intervalType: IntervalType;
  /** The keyword arguments (a JSON object). */
  kwargs: Scalars['GenericScalar']['output'];
  /** The keyword arguments as JSON text. */
  kwargsText: Scalars['String']['output'];
  /** When the scheduler last published it (not Run now). */
  lastRunAt?: Maybe<Scalars['DateTime']['output']>;
  /** The status of the task its last run published (the newest task of its path and queue published since `lastRunAt`); null before the first run or when that task is gone. */
  lastRunStatus?: Maybe<TaskStatus>;
  /** The uuid of that task, to open it; null when there is none. */
  lastRunUuid?: Maybe<Scalars['String']['output']>;
  /** When it is next due (while active). */
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  /** The queue it is published to. */
  queue: Scalars['String']['output'];
  /** The routing key ('' is the queue name). */
  routingKey: Scalars['String']['output'];
  /** The registered task's dotted path. */
  task: Scalars['String']['output'];
  /** A unique name for people. */
  taskName: Scalars['String']['output'];
  /** The IANA time zone the cron expression is read in, e.g. Europe/Paris. */
  timezone: Scalars['String']['output'];
};

/** A new scheduled task. */
export type ScheduledTaskCreateInput = {
  /** The scheduler publishes it (default: true). */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** Positional arguments as Python literals separated by commas, e.g. True, 1, 'test', {'foo': 'bar'}. */
  args?: InputMaybe<Scalars['String']['input']>;
  /** A cron expression, e.g. '0 2 * * 1-5' (02:00 on weekdays); when given, the interval is not used. '' goes back to the interval. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** The exchange ('' is the default exchange). */
  exchange?: InputMaybe<Scalars['String']['input']>;
  /** How many units between two runs: from 1 up to a year (31536000 SECONDS, 525600 MINUTES, 8760 HOURS or 365 DAYS); needed unless `cron` is given. */
  intervalCount?: InputMaybe<Scalars['Int']['input']>;
  /** The unit of the interval (needed unless `cron` is given). */
  intervalType?: InputMaybe<IntervalType>;
  /** Keyword arguments as a JSON object, e.g. {"parameter_1": true}. */
  kwargs?: InputMaybe<Scalars['String']['input']>;
  /** The queue to publish to (default: 'default'). */
  queue?: InputMaybe<Scalars['String']['input']>;
  /** The routing key ('' is the queue name). */
  routingKey?: InputMaybe<Scalars['String']['input']>;
  /** The registered task's dotted path. */
  task: Scalars['String']['input'];
  /** A unique name for people (default: the task path). */
  taskName?: InputMaybe<Scalars['String']['input']>;
  /** The IANA time zone of the cron expression, e.g. Europe/Paris (default: UTC). */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/** A problem with the input of a scheduled task mutation, or why it could not complete. */
export type ScheduledTaskError = {
  __typename?: 'ScheduledTaskError';
  /** What is wrong, for programs. */
  code: ErrorCode;
  /** The input field the error is about (camelCase, dotted for nested input), or null when it concerns the whole request. */
  field?: Maybe<Scalars['String']['output']>;
  /** What is wrong, for people. */
  message: Scalars['String']['output'];
};

/** Changes to a scheduled task: fields left out keep their value. */
export type ScheduledTaskUpdateInput = {
  /** The scheduler publishes it. */
  active?: InputMaybe<Scalars['Boolean']['input']>;
  /** Positional arguments as Python literals separated by commas, e.g. True, 1, 'test', {'foo': 'bar'}. */
  args?: InputMaybe<Scalars['String']['input']>;
  /** A cron expression, e.g. '0 2 * * 1-5' (02:00 on weekdays); when given, the interval is not used. '' goes back to the interval. */
  cron?: InputMaybe<Scalars['String']['input']>;
  /** The exchange ('' is the default exchange). */
  exchange?: InputMaybe<Scalars['String']['input']>;
  /** How many units between two runs: from 1 up to a year (31536000 SECONDS, 525600 MINUTES, 8760 HOURS or 365 DAYS); needed unless `cron` is given. */
  intervalCount?: InputMaybe<Scalars['Int']['input']>;
  /** The unit of the interval. */
  intervalType?: InputMaybe<IntervalType>;
  /** Keyword arguments as a JSON object, e.g. {"parameter_1": true}. */
  kwargs?: InputMaybe<Scalars['String']['input']>;
  /** The queue to publish to. */
  queue?: InputMaybe<Scalars['String']['input']>;
  /** The routing key ('' is the queue name). */
  routingKey?: InputMaybe<Scalars['String']['input']>;
  /** The registered task's dotted path. */
  task?: InputMaybe<Scalars['String']['input']>;
  /** A unique name for people. */
  taskName?: InputMaybe<Scalars['String']['input']>;
  /** The IANA time zone of the cron expression, e.g. Europe/Paris. */
  timezone?: InputMaybe<Scalars['String']['input']>;
};

/**
 * Pause a queue (paused: true): every carrot service stops taking its messages within a heartbeat (a
 * few seconds); running tasks finish and prefetched messages go back to the queue. Publishing into it
 * goes on: its messages wait there. Or resume it (paused: false): the services take its messages again
 * within a heartbeat. The pause is kept in the database: it outlives restarts, and a service that starts
 * while the queue is paused does not consume it.
 */
export type SetQueuePaused = {
  __typename?: 'SetQueuePaused';
  /** Why the queue was not changed; empty on success. */
  errors: Array<QueueError>;
  /** The queue, paused or resumed. */
  queue?: Maybe<Queue>;
};

/** Pause or resume a scheduled task. */
export type SetScheduledTaskActive = {
  __typename?: 'SetScheduledTaskActive';
  /** Why the input was refused; empty on success. */
  errors: Array<ScheduledTaskError>;
  /** The scheduled task as saved. */
  scheduledTask?: Maybe<ScheduledTask>;
};

/**
 * Tell a carrot service to finish its running tasks and take no new ones (quiet: true), or to take
 * them again (quiet: false). It obeys within a heartbeat and stays alive; a restarted service is a
 * new worker and takes tasks.
 */
export type SetWorkerQuiet = {
  __typename?: 'SetWorkerQuiet';
  /** Why the worker was not told; empty on success. */
  errors: Array<WorkerError>;
  /** The worker as told. */
  worker?: Maybe<Worker>;
};

/** How far back a chart looks, and how long each of its points is. */
export type StatsRange =
  /** The last day, a point every 15 minutes (96 points). */
  | 'DAY'
  /** The last hour, a point a minute (60 points). */
  | 'HOUR'
  /** The last week, a point an hour (168 points). */
  | 'WEEK';

/** A queue and a task that were counted: what a chart can be narrowed to. */
export type StatsSeries = {
  __typename?: 'StatsSeries';
  /** The queue's name. */
  queue: Scalars['String']['output'];
  /** The task's dotted path. */
  task: Scalars['String']['output'];
};

/** A published task and, once it has run, its result (a carrot.models.MessageLog). */
export type Task = {
  __typename?: 'Task';
  /** The positional arguments (a JSON list). */
  args: Scalars['GenericScalar']['output'];
  /** The positional arguments as Python literals, as the forms take them (e.g. "True, 1, 'test'"). */
  argsText: Scalars['String']['output'];
  /** The arguments on one line of at most 120 characters, for lists: positional ones as Python literals, then keyword ones as name=value, cut with an ellipsis ('' for none). */
  argumentsSummary: Scalars['String']['output'];
  /** Every failed attempt, oldest first (kept across requeues); a run that completed adds none. */
  attemptHistory: Array<Attempt>;
  /** How many times a consumer started it since it was last published by hand (retries included; requeueing restarts the count). */
  attempts: Scalars['Int']['output'];
  /** When it was cancelled, or when stopping it was asked for while it ran. */
  cancelledTime?: Maybe<Scalars['DateTime']['output']>;
  /** When it completed. */
  completionTime?: Maybe<Scalars['DateTime']['output']>;
  /** How long its last run took, once it completed or failed (also while it waits to be retried); null while it runs or has not run since it was last published by hand, and for a cancelled task. */
  durationSeconds?: Maybe<Scalars['Float']['output']>;
  /** Not before: when a DELAYED task is published, or when a RETRYING task's next attempt runs; null for a task that never waited. */
  eta?: Maybe<Scalars['DateTime']['output']>;
  /** The exception it raised ('' if none). */
  exception: Scalars['String']['output'];
  /** The exchange it was published to ('' is the default). */
  exchange: Scalars['String']['output'];
  /** When it failed. */
  failureTime?: Maybe<Scalars['DateTime']['output']>;
  /** The log's database id. */
  id: Scalars['ID']['output'];
  /** The keyword arguments (a JSON object). */
  kwargs: Scalars['GenericScalar']['output'];
  /** The keyword arguments as JSON text. */
  kwargsText: Scalars['String']['output'];
  /** What the task logged during its last run (written when it finishes). */
  log: Array<LogEntry>;
  /** How many retries it may have: the call's own maxRetries, else its task's @task(max_retries=...), else CARROT['max_retries']. */
  maxRetries: Scalars['Int']['output'];
  /** Set when it is IN_PROGRESS under a lost service: nothing runs it, and where its message is decides whether requeueTask may publish it again. */
  orphan?: Maybe<Orphan>;
  /** The repr of the value the task returned. */
  output: Scalars['String']['output'];
  /** The message priority, 0 to 255. */
  priority: Scalars['Int']['output'];
  /** When it was (last) published. */
  publishTime?: Maybe<Scalars['DateTime']['output']>;
  /** The queue it was published to. */
  queue: Scalars['String']['output'];
  /** The last run was a redelivery by RabbitMQ (the task may have run before). */
  redelivered: Scalars['Boolean']['output'];
  /** How many retries were scheduled since it was last published by hand. */
  retries: Scalars['Int']['output'];
  /** The routing key it was published with. */
  routingKey: Scalars['String']['output'];
  /** When a consumer last started it. */
  startTime?: Maybe<Scalars['DateTime']['output']>;
  /** Where the task is in its life. */
  status: TaskStatus;
  /** The dotted path of the task function. */
  task: Scalars['String']['output'];
  /** The seconds a run may take before it is stopped (its task's @task(time_limit=...), else CARROT['time_limit']); null for no limit. */
  timeLimit?: Maybe<Scalars['Float']['output']>;
  /** The task's traceback when it failed (data). */
  traceback: Scalars['String']['output'];
  /** The AMQP message_id of the task's message. */
  uuid: Scalars['String']['output'];
  /** The RabbitMQ virtual host of its queue (never the broker URL). */
  virtualHost: Scalars['String']['output'];
  /** The consumer that ran it last (host:pid:thread). */
  worker: Scalars['String']['output'];
};


/** A published task and, once it has run, its result (a carrot.models.MessageLog). */
export type TaskLogArgs = {
  minLevel?: InputMaybe<LogLevel>;
};

/** A page of tasks in the order of its list (Relay connection with opaque keyset cursors). */
export type TaskConnection = {
  __typename?: 'TaskConnection';
  /** The tasks of the page. */
  edges: Array<TaskEdge>;
  /** Cursors and whether more pages exist. */
  pageInfo: PageInfo;
};

/** How many tasks there are per status, for the tab badges (the logs in one grouped query). */
export type TaskCounts = {
  __typename?: 'TaskCounts';
  /** Cancelled. */
  cancelled: Scalars['Int']['output'];
  /** Completed (kept for the retention period). */
  completed: Scalars['Int']['output'];
  /** Delayed: published at their eta. */
  delayed: Scalars['Int']['output'];
  /** Failed. */
  failed: Scalars['Int']['output'];
  /** Running now. */
  inProgress: Scalars['Int']['output'];
  /** Published, not started yet. */
  published: Scalars['Int']['output'];
  /** Published or in progress. */
  queued: Scalars['Int']['output'];
  /** Retrying: their next attempt runs at their eta. */
  retrying: Scalars['Int']['output'];
  /** Scheduled tasks (active or not). */
  scheduled: Scalars['Int']['output'];
  /** Delayed or retrying (not published yet). */
  waiting: Scalars['Int']['output'];
};

/** A task in a page, with its cursor. */
export type TaskEdge = {
  __typename?: 'TaskEdge';
  /** Pass as `after` or `before` to page from here. */
  cursor: Scalars['String']['output'];
  /** The task. */
  node: Task;
};

/** A problem with the input of a task mutation, or why it could not complete. */
export type TaskError = {
  __typename?: 'TaskError';
  /** What is wrong, for programs. */
  code: ErrorCode;
  /** The input field the error is about (camelCase, dotted for nested input), or null when it concerns the whole request. */
  field?: Maybe<Scalars['String']['output']>;
  /** What is wrong, for people. */
  message: Scalars['String']['output'];
};

/** Which tasks to list. */
export type TaskFilter = {
  /** Only tasks published to this queue. */
  queue?: InputMaybe<Scalars['String']['input']>;
  /** Free text found in the task path, the arguments, the exception or equal to the uuid. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** The list: queued, waiting (delayed or retrying), failed, completed or cancelled. */
  status: TaskListStatus;
  /** Only this task (its dotted path). */
  task?: InputMaybe<Scalars['String']['input']>;
};

/** The monitor's task lists. */
export type TaskListStatus =
  /** Tasks that were cancelled, newest first. */
  | 'CANCELLED'
  /** Tasks that completed, newest first. */
  | 'COMPLETED'
  /** Tasks that failed, newest first. */
  | 'FAILED'
  /** Tasks published or in progress, newest first. */
  | 'QUEUED'
  /** Tasks DELAYED or RETRYING, soonest `eta` first. */
  | 'WAITING';

/**
 * Runs, failures and run-time percentiles over a range, from the counts the services keep as tasks
 * finish (a few seconds behind).
 *
 * Columns, as charts plot them: the lists hold one value per span of the range, oldest first, the
 * one under way last, all of the same length (spans without runs count zero, percentiles null).
 */
export type TaskStats = {
  __typename?: 'TaskStats';
  /** Runs that returned, per span. */
  completed: Array<Scalars['Int']['output']>;
  /** Runs that failed for good, per span. */
  failed: Array<Scalars['Int']['output']>;
  /** Runs that failed for good per minute, over each span. */
  failures: Array<Scalars['Float']['output']>;
  /** The median run time in seconds per span, estimated from the run-time histogram; null: no run. */
  p50: Array<Maybe<Scalars['Float']['output']>>;
  /** The run time in seconds 95% of a span's runs stayed under, estimated from the run-time histogram; null: no run. */
  p95: Array<Maybe<Scalars['Float']['output']>>;
  /** Each point's span in seconds. */
  pointSeconds: Scalars['Int']['output'];
  /** The range asked for. */
  range: StatsRange;
  /** Runs that failed and will run again, per span. */
  retried: Array<Scalars['Int']['output']>;
  /** Every queue and task ever counted, by queue then task (for the filters). */
  series: Array<StatsSeries>;
  /** Each span's start (UTC). */
  starts: Array<Scalars['DateTime']['output']>;
  /** Runs that ended (completed, failed or to be retried) per minute, over each span. */
  throughput: Array<Scalars['Float']['output']>;
};

/** Where a task is in its life. */
export type TaskStatus =
  /** Cancelled before it ran (or stopped while running); it can be requeued. */
  | 'CANCELLED'
  /** It ran and returned. */
  | 'COMPLETED'
  /** Stored with a countdown or eta, not published yet: it is published at `eta`. */
  | 'DELAYED'
  /** It raised an exception (or could not be published, or gave up retrying); it can be requeued. */
  | 'FAILED'
  /** A consumer is running it. */
  | 'IN_PROGRESS'
  /** Sent to the queue, waiting for a consumer. */
  | 'PUBLISHED'
  /** A run failed and a retry is due at `eta` (see `attemptHistory`). */
  | 'RETRYING';

/** Change a scheduled task; a new interval or activation takes effect within a second or two. */
export type UpdateScheduledTask = {
  __typename?: 'UpdateScheduledTask';
  /** Why the input was refused; empty on success. */
  errors: Array<ScheduledTaskError>;
  /** The scheduled task as saved. */
  scheduledTask?: Maybe<ScheduledTask>;
};

/** Check the text of the argument fields without saving anything (for forms). */
export type ValidateArguments = {
  __typename?: 'ValidateArguments';
  /** The parsed positional arguments (a JSON list) when valid. */
  args?: Maybe<Scalars['GenericScalar']['output']>;
  /** Why the input was refused; empty on success. */
  errors: Array<TaskError>;
  /** The parsed keyword arguments (a JSON object) when valid. */
  kwargs?: Maybe<Scalars['GenericScalar']['output']>;
};

/** The caller of the request: always answerable, even by a caller who may see nothing else. */
export type Viewer = {
  __typename?: 'Viewer';
  /** Every action of the monitor, and whether the caller may do it. */
  actions: Array<ActionPermission>;
  /** The caller is signed in. */
  authenticated: Scalars['Boolean']['output'];
  /** The signed-in user's username; null when anonymous. */
  username?: Maybe<Scalars['String']['output']>;
  /** How the caller signed in: session (the login cookie), token (a JSON Web Token) or none (anonymous). */
  via: Scalars['String']['output'];
};

/** A carrot service process, as its heartbeats report it. */
export type Worker = {
  __typename?: 'Worker';
  /** Its interval between heartbeats. */
  heartbeatSeconds: Scalars['Float']['output'];
  /** The host name of its machine (or container). */
  host: Scalars['String']['output'];
  /** Unique to this run of the service. */
  id: Scalars['ID']['output'];
  /** Its last sign of life. */
  lastHeartbeat: Scalars['DateTime']['output'];
  /** Its process id. */
  pid: Scalars['Int']['output'];
  /** The queues it consumes, as its settings say. */
  queues: Array<WorkerQueue>;
  /** Told to take no new tasks (setWorkerQuiet); it obeys within a heartbeat. */
  quiet: Scalars['Boolean']['output'];
  /** Its IN_PROGRESS tasks: running now, or orphaned when it is lost. A run shows once it has lasted about a second (shorter ones are not recorded as started). */
  running: Array<RunningTask>;
  /** When it started. */
  started: Scalars['DateTime']['output'];
  /** Alive, quiet, lost or stopped, as of this answer. */
  state: WorkerState;
  /** When it stopped cleanly. */
  stopped?: Maybe<Scalars['DateTime']['output']>;
  /** The django-carrot version it runs. */
  version: Scalars['String']['output'];
};

/** A problem with the input of a worker mutation, or why it could not complete. */
export type WorkerError = {
  __typename?: 'WorkerError';
  /** What is wrong, for programs. */
  code: ErrorCode;
  /** The input field the error is about (camelCase, dotted for nested input), or null when it concerns the whole request. */
  field?: Maybe<Scalars['String']['output']>;
  /** What is wrong, for people. */
  message: Scalars['String']['output'];
};

/** A queue a service consumes. */
export type WorkerQueue = {
  __typename?: 'WorkerQueue';
  /** Consumer threads for it in this service. */
  concurrency: Scalars['Int']['output'];
  /** The queue's name. */
  name: Scalars['String']['output'];
};

/**
 * Whether a service runs (taking new tasks or quiet), stopped cleanly, or has been silent too long
 * (lost).
 */
export type WorkerState =
  /** Its heartbeats arrive. */
  | 'ALIVE'
  /** Silent for 3 heartbeat intervals: it died or cannot reach the database. */
  | 'LOST'
  /** Its heartbeats arrive; told to take no new tasks (setWorkerQuiet), it finishes those it runs. */
  | 'QUIET'
  /** It stopped cleanly. */
  | 'STOPPED';

export type ViewerQueryVariables = Exact<{ [key: string]: never; }>;


export type ViewerQuery = { __typename?: 'Query', viewer: { __typename?: 'Viewer', username?: string | null, authenticated: boolean, via: string, actions: Array<{ __typename?: 'ActionPermission', action: MonitorAction, allowed: boolean, permission: string, reason?: string | null }> } };

export type AuditLogQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type AuditLogQuery = { __typename?: 'Query', auditLog: { __typename?: 'AuditEntryConnection', edges: Array<{ __typename?: 'AuditEntryEdge', cursor: string, node: { __typename?: 'AuditEntry', id: string, time: string, username?: string | null, via: string, address?: string | null, mutation: string, arguments: unknown, outcome: AuditOutcome, rows: number, messages: number, error?: string | null } }>, pageInfo: { __typename?: 'AuditPageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type TaskStatsQueryVariables = Exact<{
  range: StatsRange;
  queue?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
}>;


export type TaskStatsQuery = { __typename?: 'Query', taskStats: { __typename?: 'TaskStats', range: StatsRange, pointSeconds: number, starts: Array<string>, completed: Array<number>, failed: Array<number>, retried: Array<number>, throughput: Array<number>, failures: Array<number>, p50: Array<number | null>, p95: Array<number | null>, series: Array<{ __typename?: 'StatsSeries', queue: string, task: string }> } };

export type QueueHealthQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueHealthQuery = { __typename?: 'Query', queues: Array<{ __typename?: 'Queue', name: string, paused: boolean, pausedAt?: string | null, pausedBy?: string | null, state: { __typename?: 'QueueState', reachable: boolean, messages?: number | null, consumers?: number | null }, rates: { __typename?: 'QueueRates', published: number, started: number, finished: number } }> };

export type SetQueuePausedMutationVariables = Exact<{
  name: Scalars['String']['input'];
  paused: Scalars['Boolean']['input'];
}>;


export type SetQueuePausedMutation = { __typename?: 'Mutation', setQueuePaused?: { __typename?: 'SetQueuePaused', queue?: { __typename?: 'Queue', name: string, paused: boolean, pausedAt?: string | null, pausedBy?: string | null } | null, errors: Array<{ __typename?: 'QueueError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type ScheduledTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduledTasksQuery = { __typename?: 'Query', scheduledTasks: Array<{ __typename?: 'ScheduledTask', id: string, taskName: string, task: string, queue: string, intervalType: IntervalType, intervalCount: number, cron: string, timezone: string, active: boolean, lastRunAt?: string | null, lastRunStatus?: TaskStatus | null, lastRunUuid?: string | null, nextRunAt?: string | null }> };

export type ScheduledTaskQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScheduledTaskQuery = { __typename?: 'Query', scheduledTask?: { __typename?: 'ScheduledTask', id: string, taskName: string, task: string, queue: string, exchange: string, routingKey: string, intervalType: IntervalType, intervalCount: number, cron: string, timezone: string, argsText: string, kwargsText: string, active: boolean, lastRunAt?: string | null, nextRunAt?: string | null } | null };

export type ScheduledEditorOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduledEditorOptionsQuery = { __typename?: 'Query', registeredTasks: Array<{ __typename?: 'RegisteredTask', path: string, description: string }>, queues: Array<{ __typename?: 'Queue', name: string }> };

export type CreateScheduledTaskMutationVariables = Exact<{
  input: ScheduledTaskCreateInput;
}>;


export type CreateScheduledTaskMutation = { __typename?: 'Mutation', createScheduledTask?: { __typename?: 'CreateScheduledTask', scheduledTask?: { __typename?: 'ScheduledTask', id: string } | null, errors: Array<{ __typename?: 'ScheduledTaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type UpdateScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: ScheduledTaskUpdateInput;
}>;


export type UpdateScheduledTaskMutation = { __typename?: 'Mutation', updateScheduledTask?: { __typename?: 'UpdateScheduledTask', scheduledTask?: { __typename?: 'ScheduledTask', id: string } | null, errors: Array<{ __typename?: 'ScheduledTaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type SetScheduledTaskActiveMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  active: Scalars['Boolean']['input'];
}>;


export type SetScheduledTaskActiveMutation = { __typename?: 'Mutation', setScheduledTaskActive?: { __typename?: 'SetScheduledTaskActive', scheduledTask?: { __typename?: 'ScheduledTask', id: string, active: boolean, nextRunAt?: string | null } | null, errors: Array<{ __typename?: 'ScheduledTaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type DeleteScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteScheduledTaskMutation = { __typename?: 'Mutation', deleteScheduledTask?: { __typename?: 'DeleteScheduledTask', deletedId?: string | null, errors: Array<{ __typename?: 'ScheduledTaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type RunScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunScheduledTaskMutation = { __typename?: 'Mutation', runScheduledTask?: { __typename?: 'RunScheduledTask', task?: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, queue: string, publishTime?: string | null } | null, errors: Array<{ __typename?: 'ScheduledTaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type ValidateArgumentsMutationVariables = Exact<{
  args?: InputMaybe<Scalars['String']['input']>;
  kwargs?: InputMaybe<Scalars['String']['input']>;
}>;


export type ValidateArgumentsMutation = { __typename?: 'Mutation', validateArguments?: { __typename?: 'ValidateArguments', errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type CronPreviewQueryVariables = Exact<{
  expression: Scalars['String']['input'];
  timezone?: InputMaybe<Scalars['String']['input']>;
  count?: InputMaybe<Scalars['Int']['input']>;
}>;


export type CronPreviewQuery = { __typename?: 'Query', cronPreview: { __typename?: 'CronPreview', nextRuns: Array<string>, error?: string | null } };

export type TaskCountsQueryVariables = Exact<{
  queue?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type TaskCountsQuery = { __typename?: 'Query', taskCounts: { __typename?: 'TaskCounts', queued: number, published: number, waiting: number, failed: number, completed: number, cancelled: number, scheduled: number } };

export type TaskFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type TaskFilterOptionsQuery = { __typename?: 'Query', queues: Array<{ __typename?: 'Queue', name: string, paused: boolean }>, registeredTasks: Array<{ __typename?: 'RegisteredTask', path: string }> };

export type QueueStatesQueryVariables = Exact<{ [key: string]: never; }>;


export type QueueStatesQuery = { __typename?: 'Query', queues: Array<{ __typename?: 'Queue', name: string, paused: boolean, state: { __typename?: 'QueueState', reachable: boolean, messages?: number | null } }> };

export type TaskListQueryVariables = Exact<{
  filter: TaskFilter;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TaskListQuery = { __typename?: 'Query', tasks: { __typename?: 'TaskConnection', edges: Array<{ __typename?: 'TaskEdge', node: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, queue: string, argumentsSummary: string, publishTime?: string | null, startTime?: string | null, completionTime?: string | null, failureTime?: string | null, cancelledTime?: string | null, durationSeconds?: number | null, eta?: string | null, attempts: number, retries: number, maxRetries: number, exception: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type TaskWhereQueryVariables = Exact<{
  uuid: Scalars['String']['input'];
}>;


export type TaskWhereQuery = { __typename?: 'Query', task?: { __typename?: 'Task', uuid: string, status: TaskStatus } | null };

export type TaskDetailQueryVariables = Exact<{
  uuid: Scalars['String']['input'];
}>;


export type TaskDetailQuery = { __typename?: 'Query', task?: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, virtualHost: string, queue: string, exchange: string, routingKey: string, priority: number, publishTime?: string | null, startTime?: string | null, completionTime?: string | null, failureTime?: string | null, durationSeconds?: number | null, args: unknown, kwargs: unknown, output: string, exception: string, traceback: string, attempts: number, worker: string, eta?: string | null, retries: number, maxRetries: number, timeLimit?: number | null, cancelledTime?: string | null, orphan?: { __typename?: 'Orphan', worker: string, whereabouts: MessageWhereabouts, explanation: string, publishable: boolean } | null, attemptHistory: Array<{ __typename?: 'Attempt', attempt: number, started?: string | null, ended?: string | null, worker: string, exception: string, traceback: string, retryAt?: string | null }>, log: Array<{ __typename?: 'LogEntry', time?: string | null, level: string, levelno: number, logger: string, message: string }> } | null };

export type RequeueTasksMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type RequeueTasksMutation = { __typename?: 'Mutation', requeueTasks?: { __typename?: 'RequeueTasks', count: number, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type DeleteTasksMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type DeleteTasksMutation = { __typename?: 'Mutation', deleteTasks?: { __typename?: 'DeleteTasks', count: number, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type CancelTasksMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type CancelTasksMutation = { __typename?: 'Mutation', cancelTasks?: { __typename?: 'CancelTasks', count: number, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type RunWaitingNowMutationVariables = Exact<{
  ids?: InputMaybe<Array<Scalars['ID']['input']> | Scalars['ID']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type RunWaitingNowMutation = { __typename?: 'Mutation', runWaitingNow?: { __typename?: 'RunWaitingNow', count: number, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type PurgeQueueMutationVariables = Exact<{
  name: Scalars['String']['input'];
}>;


export type PurgeQueueMutation = { __typename?: 'Mutation', purgeQueue?: { __typename?: 'PurgeQueue', purgedCount: number, heldCount: number, errors: Array<{ __typename?: 'QueueError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type RequeuePendingMutationVariables = Exact<{
  queue?: InputMaybe<Scalars['String']['input']>;
}>;


export type RequeuePendingMutation = { __typename?: 'Mutation', requeuePendingTasks?: { __typename?: 'RequeuePendingTasks', count: number, kept: Array<{ __typename?: 'KeptTasks', queue: string, count: number, explanation: string }>, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type WorkersQueryVariables = Exact<{ [key: string]: never; }>;


export type WorkersQuery = { __typename?: 'Query', workers: Array<{ __typename?: 'Worker', id: string, host: string, pid: number, version: string, state: WorkerState, started: string, lastHeartbeat: string, heartbeatSeconds: number, stopped?: string | null, quiet: boolean, queues: Array<{ __typename?: 'WorkerQueue', name: string, concurrency: number }>, running: Array<{ __typename?: 'RunningTask', id: string, uuid: string, task: string, queue: string, consumer: string, startTime: string, orphan?: { __typename?: 'Orphan', worker: string, whereabouts: MessageWhereabouts, explanation: string, publishable: boolean } | null }> }> };

export type RequeueOrphanMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RequeueOrphanMutation = { __typename?: 'Mutation', requeueTask?: { __typename?: 'RequeueTask', task?: { __typename?: 'Task', uuid: string, status: TaskStatus } | null, errors: Array<{ __typename?: 'TaskError', field?: string | null, message: string, code: ErrorCode }> } | null };

export type SetWorkerQuietMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  quiet: Scalars['Boolean']['input'];
}>;


export type SetWorkerQuietMutation = { __typename?: 'Mutation', setWorkerQuiet?: { __typename?: 'SetWorkerQuiet', worker?: { __typename?: 'Worker', id: string, quiet: boolean, state: WorkerState } | null, errors: Array<{ __typename?: 'WorkerError', field?: string | null, message: string, code: ErrorCode }> } | null };


export const ViewerDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"viewer"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"authenticated"}},{"kind":"Field","name":{"kind":"Name","value":"via"}},{"kind":"Field","name":{"kind":"Name","value":"actions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"permission"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}}]}}]}}]}}]} as unknown as DocumentNode<ViewerQuery, ViewerQueryVariables>;
export const AuditLogDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"AuditLog"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"auditLog"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"username"}},{"kind":"Field","name":{"kind":"Name","value":"via"}},{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"mutation"}},{"kind":"Field","name":{"kind":"Name","value":"arguments"}},{"kind":"Field","name":{"kind":"Name","value":"outcome"}},{"kind":"Field","name":{"kind":"Name","value":"rows"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<AuditLogQuery, AuditLogQueryVariables>;
export const TaskStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskStats"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"range"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StatsRange"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskStats"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"range"},"value":{"kind":"Variable","name":{"kind":"Name","value":"range"}}},{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"range"}},{"kind":"Field","name":{"kind":"Name","value":"pointSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"starts"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"retried"}},{"kind":"Field","name":{"kind":"Name","value":"throughput"}},{"kind":"Field","name":{"kind":"Name","value":"failures"}},{"kind":"Field","name":{"kind":"Name","value":"p50"}},{"kind":"Field","name":{"kind":"Name","value":"p95"}},{"kind":"Field","name":{"kind":"Name","value":"series"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"task"}}]}}]}}]}}]} as unknown as DocumentNode<TaskStatsQuery, TaskStatsQueryVariables>;
export const QueueHealthDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueHealth"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pausedBy"}},{"kind":"Field","name":{"kind":"Name","value":"state"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reachable"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"consumers"}}]}},{"kind":"Field","name":{"kind":"Name","value":"rates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"started"}},{"kind":"Field","name":{"kind":"Name","value":"finished"}}]}}]}}]}}]} as unknown as DocumentNode<QueueHealthQuery, QueueHealthQueryVariables>;
export const SetQueuePausedDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetQueuePaused"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"paused"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setQueuePaused"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}},{"kind":"Argument","name":{"kind":"Name","value":"paused"},"value":{"kind":"Variable","name":{"kind":"Name","value":"paused"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queue"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"pausedAt"}},{"kind":"Field","name":{"kind":"Name","value":"pausedBy"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetQueuePausedMutation, SetQueuePausedMutationVariables>;
export const ScheduledTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskName"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"intervalType"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunStatus"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunUuid"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ScheduledTasksQuery, ScheduledTasksQueryVariables>;
export const ScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskName"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"routingKey"}},{"kind":"Field","name":{"kind":"Name","value":"intervalType"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"cron"}},{"kind":"Field","name":{"kind":"Name","value":"timezone"}},{"kind":"Field","name":{"kind":"Name","value":"argsText"}},{"kind":"Field","name":{"kind":"Name","value":"kwargsText"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ScheduledTaskQuery, ScheduledTaskQueryVariables>;
export const ScheduledEditorOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledEditorOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}},{"kind":"Field","name":{"kind":"Name","value":"description"}}]}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ScheduledEditorOptionsQuery, ScheduledEditorOptionsQueryVariables>;
export const CreateScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduledTaskCreateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScheduledTaskMutation, CreateScheduledTaskMutationVariables>;
export const UpdateScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduledTaskUpdateInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateScheduledTaskMutation, UpdateScheduledTaskMutationVariables>;
export const SetScheduledTaskActiveDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetScheduledTaskActive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"active"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setScheduledTaskActive"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"active"},"value":{"kind":"Variable","name":{"kind":"Name","value":"active"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetScheduledTaskActiveMutation, SetScheduledTaskActiveMutationVariables>;
export const DeleteScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deletedId"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteScheduledTaskMutation, DeleteScheduledTaskMutationVariables>;
export const RunScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunScheduledTaskMutation, RunScheduledTaskMutationVariables>;
export const ValidateArgumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateArguments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"args"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kwargs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateArguments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"args"},"value":{"kind":"Variable","name":{"kind":"Name","value":"args"}}},{"kind":"Argument","name":{"kind":"Name","value":"kwargs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kwargs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ValidateArgumentsMutation, ValidateArgumentsMutationVariables>;
export const CronPreviewDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CronPreview"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"expression"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"count"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cronPreview"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"expression"},"value":{"kind":"Variable","name":{"kind":"Name","value":"expression"}}},{"kind":"Argument","name":{"kind":"Name","value":"timezone"},"value":{"kind":"Variable","name":{"kind":"Name","value":"timezone"}}},{"kind":"Argument","name":{"kind":"Name","value":"count"},"value":{"kind":"Variable","name":{"kind":"Name","value":"count"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nextRuns"}},{"kind":"Field","name":{"kind":"Name","value":"error"}}]}}]}}]} as unknown as DocumentNode<CronPreviewQuery, CronPreviewQueryVariables>;
export const TaskCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queued"}},{"kind":"Field","name":{"kind":"Name","value":"published"}},{"kind":"Field","name":{"kind":"Name","value":"waiting"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"cancelled"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled"}}]}}]}}]} as unknown as DocumentNode<TaskCountsQuery, TaskCountsQueryVariables>;
export const TaskFilterOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskFilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registeredTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"path"}}]}}]}}]} as unknown as DocumentNode<TaskFilterOptionsQuery, TaskFilterOptionsQueryVariables>;
export const QueueStatesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"QueueStates"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"paused"}},{"kind":"Field","name":{"kind":"Name","value":"state"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"reachable"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}}]}}]}}]}}]} as unknown as DocumentNode<QueueStatesQuery, QueueStatesQueryVariables>;
export const TaskListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"IntValue","value":"50"}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"argumentsSummary"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"completionTime"}},{"kind":"Field","name":{"kind":"Name","value":"failureTime"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"eta"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"retries"}},{"kind":"Field","name":{"kind":"Name","value":"maxRetries"}},{"kind":"Field","name":{"kind":"Name","value":"exception"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TaskListQuery, TaskListQueryVariables>;
export const TaskWhereDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskWhere"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uuid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}}]} as unknown as DocumentNode<TaskWhereQuery, TaskWhereQueryVariables>;
export const TaskDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uuid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"virtualHost"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"routingKey"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"completionTime"}},{"kind":"Field","name":{"kind":"Name","value":"failureTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"args"}},{"kind":"Field","name":{"kind":"Name","value":"kwargs"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"exception"}},{"kind":"Field","name":{"kind":"Name","value":"traceback"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"worker"}},{"kind":"Field","name":{"kind":"Name","value":"orphan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"worker"}},{"kind":"Field","name":{"kind":"Name","value":"whereabouts"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"publishable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"eta"}},{"kind":"Field","name":{"kind":"Name","value":"retries"}},{"kind":"Field","name":{"kind":"Name","value":"maxRetries"}},{"kind":"Field","name":{"kind":"Name","value":"timeLimit"}},{"kind":"Field","name":{"kind":"Name","value":"cancelledTime"}},{"kind":"Field","name":{"kind":"Name","value":"attemptHistory"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"attempt"}},{"kind":"Field","name":{"kind":"Name","value":"started"}},{"kind":"Field","name":{"kind":"Name","value":"ended"}},{"kind":"Field","name":{"kind":"Name","value":"worker"}},{"kind":"Field","name":{"kind":"Name","value":"exception"}},{"kind":"Field","name":{"kind":"Name","value":"traceback"}},{"kind":"Field","name":{"kind":"Name","value":"retryAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"log"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelno"}},{"kind":"Field","name":{"kind":"Name","value":"logger"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<TaskDetailQuery, TaskDetailQueryVariables>;
export const RequeueTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeueTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeueTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequeueTasksMutation, RequeueTasksMutationVariables>;
export const DeleteTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteTasksMutation, DeleteTasksMutationVariables>;
export const CancelTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CancelTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cancelTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CancelTasksMutation, CancelTasksMutationVariables>;
export const RunWaitingNowDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunWaitingNow"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"ids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runWaitingNow"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"ids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"ids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunWaitingNowMutation, RunWaitingNowMutationVariables>;
export const PurgeQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PurgeQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"name"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purgeQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"name"},"value":{"kind":"Variable","name":{"kind":"Name","value":"name"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purgedCount"}},{"kind":"Field","name":{"kind":"Name","value":"heldCount"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PurgeQueueMutation, PurgeQueueMutationVariables>;
export const RequeuePendingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeuePending"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeuePendingTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"kept"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequeuePendingMutation, RequeuePendingMutationVariables>;
export const WorkersDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Workers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"workers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"host"}},{"kind":"Field","name":{"kind":"Name","value":"pid"}},{"kind":"Field","name":{"kind":"Name","value":"version"}},{"kind":"Field","name":{"kind":"Name","value":"state"}},{"kind":"Field","name":{"kind":"Name","value":"started"}},{"kind":"Field","name":{"kind":"Name","value":"lastHeartbeat"}},{"kind":"Field","name":{"kind":"Name","value":"heartbeatSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"stopped"}},{"kind":"Field","name":{"kind":"Name","value":"quiet"}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"concurrency"}}]}},{"kind":"Field","name":{"kind":"Name","value":"running"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"consumer"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"orphan"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"worker"}},{"kind":"Field","name":{"kind":"Name","value":"whereabouts"}},{"kind":"Field","name":{"kind":"Name","value":"explanation"}},{"kind":"Field","name":{"kind":"Name","value":"publishable"}}]}}]}}]}}]}}]} as unknown as DocumentNode<WorkersQuery, WorkersQueryVariables>;
export const RequeueOrphanDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeueOrphan"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeueTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequeueOrphanMutation, RequeueOrphanMutationVariables>;
export const SetWorkerQuietDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SetWorkerQuiet"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"quiet"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Boolean"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"setWorkerQuiet"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"quiet"},"value":{"kind":"Variable","name":{"kind":"Name","value":"quiet"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"worker"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"quiet"}},{"kind":"Field","name":{"kind":"Name","value":"state"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<SetWorkerQuietMutation, SetWorkerQuietMutationVariables>;