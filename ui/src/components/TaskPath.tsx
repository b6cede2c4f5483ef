import { Fragment } from "react";
import layout from "./layout.module.css";

/**
 * A dotted task path that wraps after its dots (`myapp.tasks.<wbr>send_mail`) rather than inside a
 * name; a single name wider than its column still breaks, as a last resort, instead of overflowing.
 */
export function TaskPath({ path }: { path: string }) {
  const parts = path.split(".");
  return (
    <span className={layout.path} data-testid="task-path">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? (
            <>
              .<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </span>
  );
}
