import { MantineProvider } from "@mantine/core";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { LogView } from "./LogView";
import type { LogLine } from "./LogView";

const lines: LogLine[] = [
  { level: "DEBUG", levelno: 10, logger: "app", message: "a debug line" },
  { level: "INFO", levelno: 20, logger: "app", message: "an info line" },
  { level: "ERROR", levelno: 40, logger: "app", message: "an error line" },
];

describe("LogView", () => {
  it("shows INFO and above by default and DEBUG on demand", async () => {
    render(
      <MantineProvider env="test">
        <LogView lines={lines} />
      </MantineProvider>,
    );
    expect(screen.getByText("an info line")).toBeTruthy();
    expect(screen.getByText("an error line")).toBeTruthy();
    expect(screen.queryByText("a debug line")).toBeNull();

    await userEvent.click(screen.getByRole("combobox", { name: "Log level" }));
    await userEvent.click(await screen.findByRole("option", { name: "DEBUG and above" }));
    expect(screen.getByText("a debug line")).toBeTruthy();
  });

  it("says why there is no log yet", () => {
    render(
      <MantineProvider env="test">
        <LogView lines={[]} />
      </MantineProvider>,
    );
    expect(screen.getByText(/written when it completes or fails/)).toBeTruthy();
  });
});
