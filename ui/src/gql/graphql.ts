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
  DateTime: { input: string; output: string; }
  GenericScalar: { input: unknown; output: unknown; }
  JSONString: { input: string; output: string; }
};

export type BulkPayload = {
  __typename?: 'BulkPayload';
  count: Scalars['Int']['output'];
  errors: Array<FieldError>;
};

export type ErrorCode =
  | 'BROKER_ERROR'
  | 'INVALID'
  | 'NOT_FOUND'
  | 'NOT_REGISTERED'
  | 'REQUIRED';

export type FieldError = {
  __typename?: 'FieldError';
  code: ErrorCode;
  field?: Maybe<Scalars['String']['output']>;
  message: Scalars['String']['output'];
};

export type IntervalType =
  | 'DAYS'
  | 'HOURS'
  | 'MINUTES'
  | 'SECONDS';

export type LogEntry = {
  __typename?: 'LogEntry';
  level: Scalars['String']['output'];
  levelno: Scalars['Int']['output'];
  logger: Scalars['String']['output'];
  message: Scalars['String']['output'];
  time?: Maybe<Scalars['DateTime']['output']>;
};

export type Mutation = {
  __typename?: 'Mutation';
  createScheduledTask: ScheduledTaskPayload;
  deleteScheduledTask: ScheduledTaskPayload;
  deleteTasks: BulkPayload;
  purgeQueue: BulkPayload;
  requeuePending: BulkPayload;
  requeueTasks: BulkPayload;
  runScheduledTask: TaskPayload;
  updateScheduledTask: ScheduledTaskPayload;
  validateArguments: ValidatePayload;
};


export type MutationCreateScheduledTaskArgs = {
  input: ScheduledTaskInput;
};


export type MutationDeleteScheduledTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
  uuids?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationPurgeQueueArgs = {
  queue: Scalars['String']['input'];
};


export type MutationRequeuePendingArgs = {
  queue?: InputMaybe<Scalars['String']['input']>;
};


export type MutationRequeueTasksArgs = {
  filter?: InputMaybe<TaskFilter>;
  uuids?: InputMaybe<Array<Scalars['String']['input']>>;
};


export type MutationRunScheduledTaskArgs = {
  id: Scalars['ID']['input'];
};


export type MutationUpdateScheduledTaskArgs = {
  id: Scalars['ID']['input'];
  input: ScheduledTaskInput;
};


export type MutationValidateArgumentsArgs = {
  args?: InputMaybe<Scalars['String']['input']>;
  kwargs?: InputMaybe<Scalars['String']['input']>;
};

export type Node = {
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor?: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor?: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  queues: Array<Queue>;
  registeredTasks: Array<Scalars['String']['output']>;
  scheduledTask?: Maybe<ScheduledTask>;
  scheduledTasks: Array<ScheduledTask>;
  task?: Maybe<Task>;
  taskCounts: TaskCounts;
  tasks: TaskConnection;
};


export type QueryScheduledTaskArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTaskArgs = {
  uuid: Scalars['String']['input'];
};


export type QueryTaskCountsArgs = {
  queue?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
};


export type QueryTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter: TaskFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type Queue = {
  __typename?: 'Queue';
  consumable: Scalars['Boolean']['output'];
  messages?: Maybe<Scalars['Int']['output']>;
  name: Scalars['String']['output'];
};

export type ScheduledTask = Node & {
  __typename?: 'ScheduledTask';
  active: Scalars['Boolean']['output'];
  args: Scalars['GenericScalar']['output'];
  argsText: Scalars['String']['output'];
  exchange: Scalars['String']['output'];
  id: Scalars['ID']['output'];
  intervalCount: Scalars['Int']['output'];
  intervalType: IntervalType;
  kwargs: Scalars['GenericScalar']['output'];
  kwargsText: Scalars['String']['output'];
  lastRunAt?: Maybe<Scalars['DateTime']['output']>;
  nextRunAt?: Maybe<Scalars['DateTime']['output']>;
  queue: Scalars['String']['output'];
  routingKey: Scalars['String']['output'];
  task: Scalars['String']['output'];
  taskName: Scalars['String']['output'];
};

export type ScheduledTaskInput = {
  active?: InputMaybe<Scalars['Boolean']['input']>;
  args?: InputMaybe<Scalars['String']['input']>;
  intervalCount: Scalars['Int']['input'];
  intervalType: IntervalType;
  kwargs?: InputMaybe<Scalars['String']['input']>;
  queue: Scalars['String']['input'];
  task: Scalars['String']['input'];
  taskName: Scalars['String']['input'];
};

export type ScheduledTaskPayload = {
  __typename?: 'ScheduledTaskPayload';
  errors: Array<FieldError>;
  scheduledTask?: Maybe<ScheduledTask>;
};

export type Task = Node & {
  __typename?: 'Task';
  args: Scalars['GenericScalar']['output'];
  attempts: Scalars['Int']['output'];
  completionTime?: Maybe<Scalars['DateTime']['output']>;
  durationSeconds?: Maybe<Scalars['Float']['output']>;
  exception: Scalars['String']['output'];
  exchange: Scalars['String']['output'];
  failureTime?: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  kwargs: Scalars['GenericScalar']['output'];
  log: Array<LogEntry>;
  output: Scalars['String']['output'];
  priority: Scalars['Int']['output'];
  publishTime?: Maybe<Scalars['DateTime']['output']>;
  queue: Scalars['String']['output'];
  routingKey: Scalars['String']['output'];
  startTime?: Maybe<Scalars['DateTime']['output']>;
  status: TaskStatus;
  task: Scalars['String']['output'];
  traceback: Scalars['String']['output'];
  uuid: Scalars['String']['output'];
  virtualHost: Scalars['String']['output'];
  worker: Scalars['String']['output'];
};

export type TaskConnection = {
  __typename?: 'TaskConnection';
  edges: Array<TaskEdge>;
  pageInfo: PageInfo;
};

export type TaskCounts = {
  __typename?: 'TaskCounts';
  completed: Scalars['Int']['output'];
  failed: Scalars['Int']['output'];
  queued: Scalars['Int']['output'];
  scheduled: Scalars['Int']['output'];
};

export type TaskEdge = {
  __typename?: 'TaskEdge';
  cursor: Scalars['String']['output'];
  node: Task;
};

export type TaskFilter = {
  queue?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
  status: TaskListStatus;
  task?: InputMaybe<Scalars['String']['input']>;
};

export type TaskListStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'QUEUED';

export type TaskPayload = {
  __typename?: 'TaskPayload';
  errors: Array<FieldError>;
  task?: Maybe<Task>;
};

export type TaskStatus =
  | 'COMPLETED'
  | 'FAILED'
  | 'IN_PROGRESS'
  | 'PUBLISHED';

export type ValidatePayload = {
  __typename?: 'ValidatePayload';
  errors: Array<FieldError>;
};

export type ScheduledTasksQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduledTasksQuery = { __typename?: 'Query', scheduledTasks: Array<{ __typename?: 'ScheduledTask', id: string, taskName: string, task: string, queue: string, intervalType: IntervalType, intervalCount: number, active: boolean, lastRunAt?: string | null, nextRunAt?: string | null }> };

export type ScheduledTaskQueryVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type ScheduledTaskQuery = { __typename?: 'Query', scheduledTask?: { __typename?: 'ScheduledTask', id: string, taskName: string, task: string, queue: string, exchange: string, routingKey: string, intervalType: IntervalType, intervalCount: number, argsText: string, kwargsText: string, active: boolean, lastRunAt?: string | null, nextRunAt?: string | null } | null };

export type ScheduledEditorOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type ScheduledEditorOptionsQuery = { __typename?: 'Query', registeredTasks: Array<string>, queues: Array<{ __typename?: 'Queue', name: string }> };

export type CreateScheduledTaskMutationVariables = Exact<{
  input: ScheduledTaskInput;
}>;


export type CreateScheduledTaskMutation = { __typename?: 'Mutation', createScheduledTask: { __typename?: 'ScheduledTaskPayload', scheduledTask?: { __typename?: 'ScheduledTask', id: string } | null, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type UpdateScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
  input: ScheduledTaskInput;
}>;


export type UpdateScheduledTaskMutation = { __typename?: 'Mutation', updateScheduledTask: { __typename?: 'ScheduledTaskPayload', scheduledTask?: { __typename?: 'ScheduledTask', id: string } | null, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type DeleteScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type DeleteScheduledTaskMutation = { __typename?: 'Mutation', deleteScheduledTask: { __typename?: 'ScheduledTaskPayload', errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type RunScheduledTaskMutationVariables = Exact<{
  id: Scalars['ID']['input'];
}>;


export type RunScheduledTaskMutation = { __typename?: 'Mutation', runScheduledTask: { __typename?: 'TaskPayload', task?: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, queue: string, publishTime?: string | null } | null, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type ValidateArgumentsMutationVariables = Exact<{
  args?: InputMaybe<Scalars['String']['input']>;
  kwargs?: InputMaybe<Scalars['String']['input']>;
}>;


export type ValidateArgumentsMutation = { __typename?: 'Mutation', validateArguments: { __typename?: 'ValidatePayload', errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type TaskCountsQueryVariables = Exact<{
  queue?: InputMaybe<Scalars['String']['input']>;
  task?: InputMaybe<Scalars['String']['input']>;
  search?: InputMaybe<Scalars['String']['input']>;
}>;


export type TaskCountsQuery = { __typename?: 'Query', taskCounts: { __typename?: 'TaskCounts', queued: number, failed: number, completed: number, scheduled: number } };

export type TaskFilterOptionsQueryVariables = Exact<{ [key: string]: never; }>;


export type TaskFilterOptionsQuery = { __typename?: 'Query', registeredTasks: Array<string>, queues: Array<{ __typename?: 'Queue', name: string, messages?: number | null, consumable: boolean }> };

export type TaskListQueryVariables = Exact<{
  filter: TaskFilter;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type TaskListQuery = { __typename?: 'Query', tasks: { __typename?: 'TaskConnection', edges: Array<{ __typename?: 'TaskEdge', cursor: string, node: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, queue: string, priority: number, publishTime?: string | null, completionTime?: string | null, failureTime?: string | null, exception: string } }>, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null } } };

export type TaskDetailQueryVariables = Exact<{
  uuid: Scalars['String']['input'];
}>;


export type TaskDetailQuery = { __typename?: 'Query', task?: { __typename?: 'Task', uuid: string, task: string, status: TaskStatus, virtualHost: string, queue: string, exchange: string, routingKey: string, priority: number, publishTime?: string | null, startTime?: string | null, completionTime?: string | null, failureTime?: string | null, durationSeconds?: number | null, args: unknown, kwargs: unknown, output: string, exception: string, traceback: string, attempts: number, worker: string, log: Array<{ __typename?: 'LogEntry', time?: string | null, level: string, levelno: number, logger: string, message: string }> } | null };

export type RequeueTasksMutationVariables = Exact<{
  uuids?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type RequeueTasksMutation = { __typename?: 'Mutation', requeueTasks: { __typename?: 'BulkPayload', count: number, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type DeleteTasksMutationVariables = Exact<{
  uuids?: InputMaybe<Array<Scalars['String']['input']> | Scalars['String']['input']>;
  filter?: InputMaybe<TaskFilter>;
}>;


export type DeleteTasksMutation = { __typename?: 'Mutation', deleteTasks: { __typename?: 'BulkPayload', count: number, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type PurgeQueueMutationVariables = Exact<{
  queue: Scalars['String']['input'];
}>;


export type PurgeQueueMutation = { __typename?: 'Mutation', purgeQueue: { __typename?: 'BulkPayload', count: number, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };

export type RequeuePendingMutationVariables = Exact<{
  queue?: InputMaybe<Scalars['String']['input']>;
}>;


export type RequeuePendingMutation = { __typename?: 'Mutation', requeuePending: { __typename?: 'BulkPayload', count: number, errors: Array<{ __typename?: 'FieldError', field?: string | null, message: string, code: ErrorCode }> } };


export const ScheduledTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTasks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskName"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"intervalType"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ScheduledTasksQuery, ScheduledTasksQueryVariables>;
export const ScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"taskName"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"routingKey"}},{"kind":"Field","name":{"kind":"Name","value":"intervalType"}},{"kind":"Field","name":{"kind":"Name","value":"intervalCount"}},{"kind":"Field","name":{"kind":"Name","value":"argsText"}},{"kind":"Field","name":{"kind":"Name","value":"kwargsText"}},{"kind":"Field","name":{"kind":"Name","value":"active"}},{"kind":"Field","name":{"kind":"Name","value":"lastRunAt"}},{"kind":"Field","name":{"kind":"Name","value":"nextRunAt"}}]}}]}}]} as unknown as DocumentNode<ScheduledTaskQuery, ScheduledTaskQueryVariables>;
export const ScheduledEditorOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ScheduledEditorOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registeredTasks"}},{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]} as unknown as DocumentNode<ScheduledEditorOptionsQuery, ScheduledEditorOptionsQueryVariables>;
export const CreateScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CreateScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduledTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"createScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<CreateScheduledTaskMutation, CreateScheduledTaskMutationVariables>;
export const UpdateScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"UpdateScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ScheduledTaskInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"updateScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}},{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"scheduledTask"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<UpdateScheduledTaskMutation, UpdateScheduledTaskMutationVariables>;
export const DeleteScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteScheduledTaskMutation, DeleteScheduledTaskMutationVariables>;
export const RunScheduledTaskDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RunScheduledTask"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"runScheduledTask"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}}]}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RunScheduledTaskMutation, RunScheduledTaskMutationVariables>;
export const ValidateArgumentsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"ValidateArguments"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"args"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"kwargs"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"validateArguments"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"args"},"value":{"kind":"Variable","name":{"kind":"Name","value":"args"}}},{"kind":"Argument","name":{"kind":"Name","value":"kwargs"},"value":{"kind":"Variable","name":{"kind":"Name","value":"kwargs"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<ValidateArgumentsMutation, ValidateArgumentsMutationVariables>;
export const TaskCountsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskCounts"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"task"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"search"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"taskCounts"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}},{"kind":"Argument","name":{"kind":"Name","value":"task"},"value":{"kind":"Variable","name":{"kind":"Name","value":"task"}}},{"kind":"Argument","name":{"kind":"Name","value":"search"},"value":{"kind":"Variable","name":{"kind":"Name","value":"search"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queued"}},{"kind":"Field","name":{"kind":"Name","value":"failed"}},{"kind":"Field","name":{"kind":"Name","value":"completed"}},{"kind":"Field","name":{"kind":"Name","value":"scheduled"}}]}}]}}]} as unknown as DocumentNode<TaskCountsQuery, TaskCountsQueryVariables>;
export const TaskFilterOptionsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskFilterOptions"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"queues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"messages"}},{"kind":"Field","name":{"kind":"Name","value":"consumable"}}]}},{"kind":"Field","name":{"kind":"Name","value":"registeredTasks"}}]}}]} as unknown as DocumentNode<TaskFilterOptionsQuery, TaskFilterOptionsQueryVariables>;
export const TaskListDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskList"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"tasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}},{"kind":"Field","name":{"kind":"Name","value":"completionTime"}},{"kind":"Field","name":{"kind":"Name","value":"failureTime"}},{"kind":"Field","name":{"kind":"Name","value":"exception"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<TaskListQuery, TaskListQueryVariables>;
export const TaskDetailDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TaskDetail"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"task"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uuid"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uuid"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"uuid"}},{"kind":"Field","name":{"kind":"Name","value":"task"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"virtualHost"}},{"kind":"Field","name":{"kind":"Name","value":"queue"}},{"kind":"Field","name":{"kind":"Name","value":"exchange"}},{"kind":"Field","name":{"kind":"Name","value":"routingKey"}},{"kind":"Field","name":{"kind":"Name","value":"priority"}},{"kind":"Field","name":{"kind":"Name","value":"publishTime"}},{"kind":"Field","name":{"kind":"Name","value":"startTime"}},{"kind":"Field","name":{"kind":"Name","value":"completionTime"}},{"kind":"Field","name":{"kind":"Name","value":"failureTime"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"args"}},{"kind":"Field","name":{"kind":"Name","value":"kwargs"}},{"kind":"Field","name":{"kind":"Name","value":"output"}},{"kind":"Field","name":{"kind":"Name","value":"exception"}},{"kind":"Field","name":{"kind":"Name","value":"traceback"}},{"kind":"Field","name":{"kind":"Name","value":"attempts"}},{"kind":"Field","name":{"kind":"Name","value":"worker"}},{"kind":"Field","name":{"kind":"Name","value":"log"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"time"}},{"kind":"Field","name":{"kind":"Name","value":"level"}},{"kind":"Field","name":{"kind":"Name","value":"levelno"}},{"kind":"Field","name":{"kind":"Name","value":"logger"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<TaskDetailQuery, TaskDetailQueryVariables>;
export const RequeueTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeueTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uuids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeueTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uuids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uuids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequeueTasksMutation, RequeueTasksMutationVariables>;
export const DeleteTasksDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"DeleteTasks"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"uuids"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"TaskFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deleteTasks"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"uuids"},"value":{"kind":"Variable","name":{"kind":"Name","value":"uuids"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<DeleteTasksMutation, DeleteTasksMutationVariables>;
export const PurgeQueueDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"PurgeQueue"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"purgeQueue"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<PurgeQueueMutation, PurgeQueueMutationVariables>;
export const RequeuePendingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"RequeuePending"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"queue"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requeuePending"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"queue"},"value":{"kind":"Variable","name":{"kind":"Name","value":"queue"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"count"}},{"kind":"Field","name":{"kind":"Name","value":"errors"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}}]} as unknown as DocumentNode<RequeuePendingMutation, RequeuePendingMutationVariables>;