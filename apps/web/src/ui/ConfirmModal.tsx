import { Button, Group, type MantineColor, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { FailureAlert } from './FailureAlert';

/**
 * The foot of a dialog: « Annuler », and the button of what it asks to do. Without `onConfirm`,
 * that button submits the dialog's form.
 */
export function DialogButtons({
  confirmLabel,
  color,
  pending,
  onCancel,
  onConfirm,
}: {
  confirmLabel: ReactNode;
  color?: MantineColor;
  pending: boolean;
  onCancel: () => void;
  onConfirm?: () => void;
}) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        Annuler
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        color={color}
        loading={pending}
        onClick={onConfirm}
      >
        {confirmLabel}
      </Button>
    </Group>
  );
}

/** A question before an action that cannot be undone: what it does, its refusal, and the buttons. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  centered,
  error,
  children,
  ...buttons
}: {
  opened: boolean;
  onClose: () => void;
  title: ReactNode;
  centered?: boolean;
  /** The action's refusal, shown above the buttons. */
  error?: unknown;
  children: ReactNode;
  confirmLabel: ReactNode;
  color?: MantineColor;
  pending: boolean;
  onConfirm: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={title} centered={centered}>
      <Stack>
        {children}
        <FailureAlert error={error} />
        <DialogButtons {...buttons} onCancel={onClose} />
      </Stack>
    </Modal>
  );
}
