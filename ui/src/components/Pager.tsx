import { Button, Group } from "@mantine/core";
import { useState } from "react";

/**
 * The cursors of the pages visited before the current one (keyset paging has no "previous" cursor):
 * `older` goes on to `endCursor`, `newer` back to the page before; `go` sets the cursor in the URL.
 */
export function usePageHistory(after: string, go: (after: string) => void) {
  const [previous, setPrevious] = useState<string[]>([]);
  return {
    reset: () => setPrevious([]),
    newer: () => {
      go(previous[previous.length - 1] ?? "");
      setPrevious(previous.slice(0, -1));
    },
    older: (endCursor: string) => {
      setPrevious([...previous, after]);
      go(endCursor);
    },
  };
}

/** Newer and Older buttons of a keyset-paged list (newest first). */
export function Pager({ hasNewer, hasOlder, onNewer, onOlder }: { hasNewer: boolean; hasOlder: boolean; onNewer: () => void; onOlder: () => void }) {
  return (
    <Group gap="xs">
      <Button variant="default" size="xs" disabled={!hasNewer} onClick={onNewer}>
        Newer
      </Button>
      <Button variant="default" size="xs" disabled={!hasOlder} data-testid="next-page" onClick={onOlder}>
        Older
      </Button>
    </Group>
  );
}
