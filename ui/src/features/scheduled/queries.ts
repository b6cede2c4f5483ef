import { graphql } from "../../gql";

export const ScheduledTasksQuery = graphql(`
  query ScheduledTasks {
    scheduledTasks {
      id
      taskName
      task
      queue
      intervalType
      intervalCount
      cron
      timezone
      active
      lastRunAt
      lastRunStatus
      lastRunUuid
      nextRunAt
    }
  }
`);

export const ScheduledTaskQuery = graphql(`
  query ScheduledTask($id: ID!) {
    scheduledTask(id: $id) {
      id
      taskName
      task
      queue
      exchange
      routingKey
      intervalType
      intervalCount
      cron
      timezone
      argsText
      kwargsText
      active
      lastRunAt
      nextRunAt
    }
  }
`);

export const EditorOptionsQuery = graphql(`
  query ScheduledEditorOptions {
    registeredTasks {
      path
      description
    }
    queues {
      name
    }
  }
`);

export const CreateScheduledTaskMutation = graphql(`
  mutation CreateScheduledTask($input: ScheduledTaskCreateInput!) {
    createScheduledTask(input: $input) {
      scheduledTask {
        id
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const UpdateScheduledTaskMutation = graphql(`
  mutation UpdateScheduledTask($id: ID!, $input: ScheduledTaskUpdateInput!) {
    updateScheduledTask(id: $id, input: $input) {
      scheduledTask {
        id
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const SetScheduledTaskActiveMutation = graphql(`
  mutation SetScheduledTaskActive($id: ID!, $active: Boolean!) {
    setScheduledTaskActive(id: $id, active: $active) {
      scheduledTask {
        id
        active
        nextRunAt
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const DeleteScheduledTaskMutation = graphql(`
  mutation DeleteScheduledTask($id: ID!) {
    deleteScheduledTask(id: $id) {
      deletedId
      errors {
        field
        message
        code
      }
    }
  }
`);

export const RunScheduledTaskMutation = graphql(`
  mutation RunScheduledTask($id: ID!) {
    runScheduledTask(id: $id) {
      task {
        uuid
        task
        status
        queue
        publishTime
      }
      errors {
        field
        message
        code
      }
    }
  }
`);

export const ValidateArgumentsMutation = graphql(`
  mutation ValidateArguments($args: String, $kwargs: String) {
    validateArguments(args: $args, kwargs: $kwargs) {
      errors {
        field
        message
        code
      }
    }
  }
`);

export const CronPreviewQuery = graphql(`
  query CronPreview($expression: String!, $timezone: String, $count: Int) {
    cronPreview(expression: $expression, timezone: $timezone, count: $count) {
      nextRuns
      error
    }
  }
`);
