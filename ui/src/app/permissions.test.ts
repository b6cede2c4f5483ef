import { CombinedError } from "urql";
import { describe, expect, it } from "vitest";
import type { ViewerQuery } from "../gql/graphql";
import { permissionsFrom } from "./permissions";

const viewer: ViewerQuery = {
  viewer: {
    username: null,
    authenticated: false,
    via: "none",
    actions: [
      { action: "VIEW_TASKS", allowed: true, permission: "carrot.view_messagelog", reason: null },
      { action: "PURGE_QUEUES", allowed: false, permission: "carrot.purge_queue", reason: "Purging queues needs the permission carrot.purge_queue." },
      { action: "DELETE_TASKS", allowed: false, permission: "carrot.delete_messagelog", reason: null },
    ],
  },
};

describe("permissions", () => {
  it("allows what the server allows and gives its reason for the rest", () => {
    const can = permissionsFrom(viewer, undefined);
    expect(can("VIEW_TASKS")).toEqual({ allowed: true, reason: "" });
    expect(can("PURGE_QUEUES")).toEqual({ allowed: false, reason: "Purging queues needs the permission carrot.purge_queue." });
    expect(can("DELETE_TASKS")).toEqual({ allowed: false, reason: "Needs the permission carrot.delete_messagelog." });
    expect(can("VIEW_AUDIT_LOG").allowed).toBe(false);
  });

  it("allows nothing while checking or when the check failed, and says so", () => {
    expect(permissionsFrom(undefined, undefined)("REQUEUE_TASKS")).toEqual({ allowed: false, reason: "Checking what you may do…" });
    const failed = permissionsFrom(undefined, new CombinedError({ networkError: new Error("offline") }));
    expect(failed("REQUEUE_TASKS").reason).toContain("Could not check what you may do");
  });
});
