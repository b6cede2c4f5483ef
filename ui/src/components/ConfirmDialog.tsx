import { Button, Group, Modal, Text } from "@mantine/core";

export interface Confirmation {
  title: string;
  message: string;
  confirmLabel: string;
  danger?: boolean;
  /** The button that backs out (default "Cancel"). */
  dismissLabel?: string;
  onConfirm: () => void;
}

/** Asks before a bulk or destructive action; the message says how many tasks it touches. */
export function ConfirmDialog({ confirmation, onClose }: { confirmation: Confirmation | null; onClose: () => void }) {
  return (
    // lockScroll off: locking the page's scroll injects a <style> element, which a Content-Security-Policy
    // of style-src 'self' refuses; the overlay covers the page either way.
    <Modal opened={confirmation !== null} onClose={onClose} title={confirmation?.title} centered lockScroll={false}>
      <Text mb="lg" data-testid="confirm-message">
        {confirmation?.message}
      </Text>
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose} data-testid="dismiss-button">
          {confirmation?.dismissLabel ?? "Cancel"}
        </Button>
        <Button
          color={confirmation?.danger ? "red" : undefined}
          data-autofocus
          data-testid="confirm-button"
          onClick={() => {
            confirmation?.onConfirm();
            onClose();
          }}
        >
          {confirmation?.confirmLabel}
        </Button>
      </Group>
    </Modal>
  );
}
