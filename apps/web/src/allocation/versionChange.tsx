import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { type DefaultValues, type FieldValues, type Path, useForm } from 'react-hook-form';
import { z } from 'zod';
import { ApiError, type Problem, messageOf } from '../api/errors';
import type { AllocationVersionDto, BidDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { decimalValue, readDecimal } from '@cordage/domain/french-decimal';
import { DialogButtons } from '../ui/ConfirmModal';
import { type BoundField, boundedText, fieldBinder } from '../ui/fields';
import { showProblems } from '../ui/problems';
import type { Names } from './LotShares';

// What the two ways of changing a version by hand (OverrideModal) share.

/** What a form that makes a new version from `version` is given by the override window. */
export interface VersionChangeFormProps {
  bid: BidDto;
  version: AllocationVersionDto;
  names: Names;
  onCancel: () => void;
  onCreated: (number: number) => void;
}

/** Why the version was changed by hand: shown on the version and in the history. */
export const reasonField = boundedText({
  min: 3,
  tooShort: 'Expliquez en quelques mots pourquoi vous modifiez la répartition.',
  max: 2000,
  tooLong: 'Le motif ne doit pas dépasser 2 000 caractères.',
});

/** Hours as French writes them: `missing` when the field is empty or the figure not `accepted`. */
export const hoursField = (missing: string, accepted: (hours: number) => boolean = () => true) =>
  z.string().superRefine((text, ctx) => {
    const reading = readDecimal(text);
    if (reading.kind === 'number' && accepted(reading.value)) return;
    ctx.addIssue({
      code: 'custom',
      message: reading.kind === 'invalid' ? reading.message : missing,
    });
  });

/** The bid's lots, as a select offers them. */
export const lotOptions = (bid: BidDto) =>
  bid.lots.map((lot) => ({ value: String(lot.number), label: lot.title }));

/** A change as the api takes it: the lot as its number, the hours read the French way. */
export const withLotAndHoursAsNumbers = <Sent extends { lot: string; hours: string }>(
  sent: Sent,
): Omit<Sent, 'lot' | 'hours'> & { lot: number; hours: number } => ({
  ...sent,
  lot: Number(sent.lot),
  hours: decimalValue(sent.hours) ?? 0,
});

/**
 * The form of a change by hand and its sending: a notice and the new version shown when it is
 * written (the form emptied), each refusal next to its field (several on one field all shown),
 * the others above the buttons.
 */
export function useVersionChange<Form extends FieldValues, Sent>({
  schema,
  defaultValues,
  bid,
  fields,
  onCreated,
  send,
}: {
  schema: z.ZodType<Sent, Form>;
  defaultValues: DefaultValues<Form>;
  bid: BidDto;
  fields: readonly string[];
  onCreated: (number: number) => void;
  send: (form: Sent) => Promise<{ number: number }>;
}) {
  const form = useForm<Form, unknown, Sent>({ resolver: zodResolver(schema), defaultValues });
  const { setError, reset, handleSubmit } = form;
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  // The api names the field of each problem; 'version' (a stale version) belongs to none.
  const fieldOf = (path: string) => (fields.includes(path) ? path : null);
  const save = useMutation({
    mutationFn: send,
    onSuccess: async (created) => {
      notifications.show({
        message: `La version ${created.number} a été créée avec votre modification.`,
        color: 'green',
      });
      await queryClient.invalidateQueries({ queryKey: bidKeys.bid(bid.id) });
      reset();
      onCreated(created.number);
    },
    onError: (error) => {
      setUnplaced(showProblems(error, setError, fieldOf));
      if (!(error instanceof ApiError)) return;
      for (const field of fields) {
        const messages = error.problems.filter((p) => p.path === field).map((p) => p.message);
        if (messages.length > 1)
          setError(field as Path<Form>, { type: 'server', message: messages.join(' ; ') });
      }
    },
  });
  const submit = handleSubmit((sent) => {
    setUnplaced([]);
    save.mutate(sent);
  });
  return { form, field: fieldBinder(form), change: { save, unplaced, submit } };
}

/** The api's message, and the problems that belong to no field of the form. */
export function RefusalAlert({
  title,
  error,
  unplaced,
}: {
  title: string;
  error: unknown;
  unplaced: Problem[];
}) {
  return (
    <Alert color="red" role="alert" title={title}>
      {messageOf(error)}
      {unplaced.map((problem) => (
        <Text key={`${problem.path}-${problem.code}`} size="sm">
          {problem.message}
        </Text>
      ))}
    </Alert>
  );
}

/**
 * Both forms: their own fields (`children`), then why the version changes, what the api refused,
 * and the buttons.
 */
export function VersionChangeForm({
  change: { submit, save, unplaced },
  reason,
  refusalTitle,
  confirmLabel,
  onCancel,
  children,
}: {
  change: {
    submit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
    save: { isError: boolean; error: unknown; isPending: boolean };
    unplaced: Problem[];
  };
  reason: BoundField<'reason'>;
  refusalTitle: string;
  confirmLabel: string;
  onCancel: () => void;
  children: ReactNode;
}) {
  return (
    <form noValidate onSubmit={(event) => void submit(event)}>
      <Stack>
        {children}
        <Textarea
          label="Motif"
          description="Il figure dans l’historique et sur la version."
          required
          autosize
          minRows={2}
          {...reason}
        />
        {save.isError && (
          <RefusalAlert title={refusalTitle} error={save.error} unplaced={unplaced} />
        )}
        <DialogButtons confirmLabel={confirmLabel} pending={save.isPending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
