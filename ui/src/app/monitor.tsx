import { createContext, useContext } from "react";
import type { NoticeMessage } from "../components/Notice";
import type { MonitorConfig } from "../config";
import type { Permissions } from "./permissions";

export interface Monitor {
  config: MonitorConfig;
  notify: (notice: NoticeMessage) => void;
  /** Whether the person may take an action, and why not (from the viewer query). */
  permission: Permissions;
}

export const MonitorContext = createContext<Monitor | null>(null);

export function useMonitor(): Monitor {
  const monitor = useContext(MonitorContext);
  if (!monitor) throw new Error("useMonitor outside MonitorContext");
  return monitor;
}
