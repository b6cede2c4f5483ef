import type { CSSProperties, ReactNode } from "react";
import layout from "./layout.module.css";

/**
 * A list and, when one is open, its detail beside it on wide screens (in `list`:`detail` fractions)
 * or above it on narrow ones.
 */
export function SplitView({ children, detail, ratio }: { children: ReactNode; detail: ReactNode; ratio: [number, number] }) {
  const columns = { "--split-list": `${ratio[0]}fr`, "--split-detail": `${ratio[1]}fr` } as CSSProperties;
  return (
    <div className={layout.split} data-with-detail={detail ? "" : undefined} style={columns}>
      <div>{children}</div>
      {detail ? <div className={layout.detail}>{detail}</div> : null}
    </div>
  );
}
