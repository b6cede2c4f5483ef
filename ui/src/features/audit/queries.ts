import { graphql } from "../../gql";

export const AuditLogQuery = graphql(`
  query AuditLog($first: Int, $after: String) {
    auditLog(first: $first, after: $after) {
      edges {
        cursor
        node {
          id
          time
          username
          via
          address
          mutation
          arguments
          outcome
          rows
          messages
          error
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
