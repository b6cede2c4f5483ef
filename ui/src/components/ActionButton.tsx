import { Button, Tooltip } from "@mantine/core";
import type { ButtonProps } from "@mantine/core";
import type { ComponentPropsWithoutRef } from "react";
import { useMonitor } from "../app/monitor";
import type { MonitorAction } from "../gql/graphql";
import layout from "./layout.module.css";

type Props = ButtonProps & Omit<ComponentPropsWithoutRef<"button">, keyof ButtonProps> & { action: MonitorAction };

/**
 * A button for an action the person may or may not take: when they may not, it is disabled and says
 * why (a tooltip, and the same text for screen readers); the server refuses it anyway.
 */
export function ActionButton({ action, disabled, c, ...props }: Props) {
  const { permission } = useMonitor();
  const { allowed, reason } = permission(action);
  // A text colour would make a disabled button look enabled.
  if (allowed) return <Button disabled={disabled} c={disabled ? undefined : c} {...props} />;
  return (
    <Tooltip label={reason} multiline maw={320} withArrow>
      <span className={layout.denied} tabIndex={0} aria-label={reason} data-denied={action} data-reason={reason}>
        <Button {...props} disabled />
      </span>
    </Tooltip>
  );
}
