import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { AttemptHistory } from "./AttemptHistory";
import type { Attempt } from "./AttemptHistory";

const attempts: Attempt[] = [
  {
    attempt: 1,
    started: "2026-01-02T03:00:00Z",
    ended: "2026-01-02T03:00:02Z",
    worker: "host:1:t",
    exception: "ValueError: first",
    traceback: "Traceback (most recent call last):\nValueError: first",
    retryAt: "2026-01-02T03:00:07Z",
  },
  { attempt: 2, started: "2026-01-02T03:00:07Z", ended: "2026-01-02T03:00:08Z", worker: "", exception: "ValueError: second", traceback: "", retryAt: null },
];

function renderHistory() {
  render(
    <MantineProvider env="test">
      <AttemptHistory attempts={attempts} />
    </MantineProvider>,
  );
}

describe("AttemptHistory", () => {
  it("shows each attempt's number, exception, duration and next attempt, with its traceback folded", () => {
    renderHistory();
    const shown = screen.getAllByTestId("attempt");
    expect(shown.map((item) => item.dataset.attempt)).toEqual(["1", "2"]);
    expect(shown[0]?.textContent).toContain("ValueError: first");
    expect(shown[0]?.textContent).toContain("ran 2.00 s");
    expect(screen.getAllByTestId("attempt-next")[0]?.textContent).toMatch(/^Next attempt /);
    expect(screen.getAllByTestId("attempt-next")[1]?.textContent).toBe("Not retried.");
    const traceback = screen.getByTestId("attempt-traceback");
    expect(traceback.hasAttribute("open")).toBe(false);
    expect(screen.getAllByTestId("attempt-traceback")).toHaveLength(1);
  });

  it("shows nothing for a task that never failed", () => {
    render(
      <MantineProvider env="test">
        <AttemptHistory attempts={[]} />
      </MantineProvider>,
    );
    expect(screen.queryByTestId("attempt-history")).toBeNull();
  });
});
