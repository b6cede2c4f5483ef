import { createContext, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { ReactNode } from "react";

export const REFRESH_INTERVAL_MS = 5000;

interface Refresh {
  /** Changes every 5 seconds and after every action: queries re-run when it changes. */
  tick: number;
  refresh: () => void;
}

const RefreshContext = createContext<Refresh>({ tick: 0, refresh: () => undefined });

export function RefreshProvider({ children, intervalMs = REFRESH_INTERVAL_MS }: { children: ReactNode; intervalMs?: number }) {
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((value) => value + 1), []);
  useEffect(() => {
    const timer = window.setInterval(refresh, intervalMs);
    return () => window.clearInterval(timer);
  }, [refresh, intervalMs]);
  const value = useMemo(() => ({ tick, refresh }), [tick, refresh]);
  return <RefreshContext.Provider value={value}>{children}</RefreshContext.Provider>;
}

export function useRefresh(): Refresh {
  return useContext(RefreshContext);
}

/** Re-runs a query (network-only, keeping what is shown until the answer arrives) on every tick. */
export function useRefetchOnTick(reexecute: (options: { requestPolicy: "network-only" }) => void): void {
  const { tick } = useRefresh();
  useEffect(() => {
    if (tick > 0) reexecute({ requestPolicy: "network-only" });
  }, [tick, reexecute]);
}
