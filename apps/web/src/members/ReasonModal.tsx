import { zodResolver } from '@hookform/resolvers/zod';
import { Modal, Stack, Text, Textarea } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { DialogButtons } from '../ui/ConfirmModal';
import { FailureAlert } from '../ui/FailureAlert';
import { boundedText, fieldBinder } from '../ui/fields';
import { showProblems } from '../ui/problems';
import { capitalised } from './forms';

const schema = z.object({
  reason: boundedText({
    min: 1,
    tooShort: 'Dites la raison en quelques mots.',
    max: 2000,
    tooLong: 'La raison tient en 2 000 caractères au plus.',
  }),
});
type ReasonForm = z.infer<typeof schema>;

/**
 * A confirmation that asks why (declining an invitation, withdrawing a member): the api keeps the
 * reason in the bid's history.
 */
export function ReasonModal({
  opened,
  onClose,
  title,
  explanation,
  reasonLabel,
  confirmLabel,
  send,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  explanation: string;
  reasonLabel: string;
  confirmLabel: string;
  send: (reason: string) => Promise<unknown>;
  onDone: () => void;
}) {
  const phone = useMediaQuery('(max-width: 48em)');
  const { register, handleSubmit, formState, setError, reset } = useForm<ReasonForm>({
    resolver: zodResolver(schema),
    defaultValues: { reason: '' },
  });
  const field = fieldBinder({ register, formState });
  const mutation = useMutation({
    mutationFn: (form: ReasonForm) => send(form.reason),
    onSuccess: () => {
      reset();
      onDone();
    },
    onError: (error) =>
      showProblems(error, capitalised(setError), (path) => (path === 'reason' ? path : null)),
  });
  const close = () => {
    reset();
    mutation.reset();
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} fullScreen={phone} centered>
      <form
        noValidate
        onSubmit={(event) => void handleSubmit((form) => mutation.mutate(form))(event)}
      >
        <Stack>
          <Text size="sm">{explanation}</Text>
          <Textarea
            label={reasonLabel}
            required
            autosize
            minRows={3}
            maxLength={2000}
            data-autofocus
            {...field('reason')}
          />
          <FailureAlert error={mutation.error} />
          <DialogButtons
            confirmLabel={confirmLabel}
            color="red"
            pending={mutation.isPending}
            onCancel={close}
          />
        </Stack>
      </form>
    </Modal>
  );
}
