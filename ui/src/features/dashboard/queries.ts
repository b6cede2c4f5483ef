import { graphql } from "../../gql";

export const TaskStatsQuery = graphql(`
  query TaskStats($range: StatsRange!, $queue: String, $task: String) {
    taskStats(range: $range, queue: $queue, task: $task) {
      range
      pointSeconds
      starts
      completed
      failed
      retried
      throughput
      failures
      p50
      p95
      series {
        queue
        task
      }
    }
  }
`);
