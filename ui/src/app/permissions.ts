import type { CombinedError } from "urql";
import { graphql } from "../gql";
import type { MonitorAction, ViewerQuery as ViewerQueryResult } from "../gql/graphql";

/** Who the person is and what they may do; asked once when the monitor opens. */
export const ViewerQuery = graphql(`
  query Viewer {
    viewer {
      username
      authenticated
      via
      actions {
        action
        allowed
        permission
        reason
      }
    }
  }
`);

export interface Permission {
  allowed: boolean;
  /** Why not, for people; empty when allowed. */
  reason: string;
}

export type Permissions = (action: MonitorAction) => Permission;

const CHECKING: Permission = { allowed: false, reason: "Checking what you may do…" };

/**
 * What the monitor lets the person do, from the viewer query: nothing while it loads or when it
 * failed (the server checks every mutation anyway), then what the server says, with its reason.
 */
export function permissionsFrom(data: ViewerQueryResult | undefined, error: CombinedError | undefined): Permissions {
  if (!data) {
    const denied = error ? { allowed: false, reason: `Could not check what you may do: ${error.message}` } : CHECKING;
    return () => denied;
  }
  const byAction = new Map(data.viewer.actions.map((item) => [item.action, item]));
  return (action) => {
    const item = byAction.get(action);
    if (!item) return { allowed: false, reason: `The server does not know the action ${action}.` };
    if (item.allowed) return { allowed: true, reason: "" };
    return { allowed: false, reason: item.reason ?? `Needs the permission ${item.permission}.` };
  };
}
