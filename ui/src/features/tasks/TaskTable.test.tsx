import { MantineProvider } from "@mantine/core";
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { durationText, TaskTable } from "./TaskTable";
import type { TaskRow } from "./TaskTable";

const row: TaskRow = {
  uuid: "u-1",
  task: "app.tasks.send_mail",
  status: "FAILED",
  queue: "default",
  argumentsSummary: "42, to='a@b.c'",
  publishTime: null,
  completionTime: null,
  failureTime: "2026-01-02T03:04:05Z",
  durationSeconds: 1.5,
  attempts: 2,
  retries: 0,
  maxRetries: 3,
  exception: "ValueError: boom",
};

function renderTable(onOpen: (uuid: string) => void, toggle = vi.fn()) {
  render(
    <MantineProvider env="test">
      <TaskTable
        rows={[row]}
        open=""
        onOpen={onOpen}
        selection={{ selected: new Set(), toggle, setAll: vi.fn() }}
        timeLabel="Failed"
        timeOf={(r) => r.failureTime}
      />
    </MantineProvider>,
  );
}

describe("TaskTable", () => {
  it("opens a row with a click or with Enter on the focused row", () => {
    const onOpen = vi.fn();
    renderTable(onOpen);
    const tableRow = screen.getByText("app.tasks.send_mail").closest("tr");
    if (!tableRow) throw new Error("no row");
    fireEvent.click(tableRow);
    fireEvent.keyDown(tableRow, { key: "Enter" });
    expect(onOpen).toHaveBeenCalledTimes(2);
    expect(screen.getByText("ValueError: boom")).toBeTruthy();
  });

  it("checks a row without opening it", () => {
    const onOpen = vi.fn();
    const toggle = vi.fn();
    renderTable(onOpen, toggle);
    fireEvent.click(screen.getByRole("checkbox", { name: /Select app.tasks.send_mail/ }));
    expect(toggle).toHaveBeenCalledWith("u-1");
    expect(onOpen).not.toHaveBeenCalled();
  });

  it("shows the arguments under the path, the attempts under the status and the duration", () => {
    renderTable(vi.fn());
    expect(screen.getByTestId("row-args").textContent).toBe("42, to='a@b.c'");
    expect(screen.getByTestId("row-attempts").textContent).toBe("2 attempts");
    expect(screen.getByTestId("row-duration").textContent).toBe("1.50 s");
  });

  it("says how long a running task has been running, and nothing for one not run", () => {
    const started = "2026-01-02T03:04:05Z";
    const now = new Date(started).getTime() + 65_000;
    expect(durationText({ status: "IN_PROGRESS", startTime: started, durationSeconds: null }, now)).toBe("running 1 min 5 s");
    expect(durationText({ status: "PUBLISHED", startTime: null, durationSeconds: null }, now)).toBe("—");
  });
});
