import { describe, expect, it } from "vitest";
import { purgedText } from "./purge";

describe("the result of a purge", () => {
  it("says how many messages were purged and how many consumers held", () => {
    expect(purgedText("default", 12, 0)).toBe("Purged 12 messages from default.");
    expect(purgedText("default", 12, 5)).toBe(
      "Purged 12 messages from default. About 5 more messages were held by consumers (delivered, not yet acknowledged): RabbitMQ does not purge those, and their tasks will still run.",
    );
    expect(purgedText("default", 1, 1)).toContain("About 1 more message was held");
  });
});
