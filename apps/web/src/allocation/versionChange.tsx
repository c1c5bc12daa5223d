import { Alert, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { ApiError, type Problem, messageOf } from '../api/errors';
import type { AllocationVersionDto, BidDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { DialogButtons } from '../ui/ConfirmModal';
import { type BoundField, boundedText } from '../ui/fields';
import { showProblems } from '../ui/problems';
import type { Names } from './LotShares';

// What the two ways of changing a version by hand (OverrideModal) share.

/** Why the version was changed by hand: shown on the version and in the history. */
/** What a form that makes a new version from `version` is given by the override window. */
export interface VersionChangeFormProps {
  bid: BidDto;
  version: AllocationVersionDto;
  names: Names;
  onCancel: () => void;
  onCreated: (number: number) => void;
}

export const reasonField = boundedText({
  min: 3,
  tooShort: 'Expliquez en quelques mots pourquoi vous modifiez la répartition.',
  max: 2000,
  tooLong: 'Le motif ne doit pas dépasser 2 000 caractères.',
});

/**
 * The sending of a change by hand: a notice and the new version shown when it is written, each
 * refusal next to its field (several on one field all shown), the others above the buttons.
 */
export function useVersionChange<Form extends FieldValues, Sent>({
  bid,
  setError,
  fields,
  onCreated,
  send,
}: {
  bid: BidDto;
  setError: UseFormSetError<Form>;
  fields: readonly string[];
  onCreated: (number: number) => void;
  send: (form: Sent) => Promise<{ number: number }>;
}) {
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
  const submit = (form: Sent) => {
    setUnplaced([]);
    save.mutate(form);
  };
  return { save, unplaced, submit };
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

/** The foot of both forms: why the version changes, what the api refused, and the buttons. */
export function ReasonAndButtons({
  reason,
  refusalTitle,
  save,
  unplaced,
  confirmLabel,
  onCancel,
}: {
  reason: BoundField<'reason'>;
  refusalTitle: string;
  save: { isError: boolean; error: unknown; isPending: boolean };
  unplaced: Problem[];
  confirmLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      <Textarea
        label="Motif"
        description="Il figure dans l’historique et sur la version."
        required
        autosize
        minRows={2}
        {...reason}
      />
      {save.isError && <RefusalAlert title={refusalTitle} error={save.error} unplaced={unplaced} />}
      <DialogButtons confirmLabel={confirmLabel} pending={save.isPending} onCancel={onCancel} />
    </>
  );
}
