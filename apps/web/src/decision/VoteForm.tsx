import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { VoteStateDto } from '../api/schema';
import { type Member, useRefreshBid } from '../bids/queries';
import { fieldBinder } from '../ui/fields';
import { formatDateTime } from '../ui/format';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { placeRefusal } from './refusal';

const schema = z
  .object({
    choice: z.enum(['APPROVE', 'OBJECT']),
    comment: z
      .string()
      .trim()
      .max(2000, 'Votre commentaire dépasse 2 000 caractères : abrégez-le.'),
  })
  .superRefine((ballot, ctx) => {
    if (ballot.choice === 'OBJECT' && ballot.comment === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['comment'],
        message: 'Pour objecter, dites ce qui doit changer dans la répartition.',
      });
    }
  });
type Ballot = z.infer<typeof schema>;

/** The two answers: approving stands out, objecting is outlined. */
const CHOICES: { choice: Ballot['choice']; label: string; color: string; variant: string }[] = [
  { choice: 'APPROVE', label: 'J’approuve', color: 'green', variant: 'filled' },
  { choice: 'OBJECT', label: 'J’objecte', color: 'red', variant: 'outline' },
];

interface Props {
  bidId: string;
  member: Member;
  /** The member's ballot already recorded on this version, if any. */
  current: VoteStateDto['votes'][number] | undefined;
  /** Several members: each form names the one it votes for. */
  showName: boolean;
  /** A re-plan's change request: the ballot is on it, not on the version up for the vote. */
  changeRequestId?: string;
}

/** One member's ballot: approve, or object with a reason; the latest ballot counts. */
export function VoteForm({ bidId, member, current, showName, changeRequestId }: Props) {
  const refresh = useRefreshBid(bidId);
  const { register, handleSubmit, setValue, setError, formState } = useForm<Ballot>({
    resolver: zodResolver(schema),
    defaultValues: { choice: 'APPROVE', comment: current?.comment ?? '' },
  });
  const field = fieldBinder({ register, formState });
  const [refusal, setRefusal] = useState<string | null>(null);
  const send = useNotifiedMutation({
    mutationFn: async (ballot: Ballot): Promise<{ outcome: VoteStateDto['outcome'] }> => {
      const body = {
        choice: ballot.choice,
        ...(ballot.comment !== '' && { comment: ballot.comment }),
      };
      if (changeRequestId) {
        return unwrap(
          api.POST('/api/bids/{bidId}/members/{memberId}/change-requests/{changeRequestId}/votes', {
            params: { path: { bidId, memberId: member.id, changeRequestId } },
            body,
          }),
        );
      }
      return unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/votes', {
          params: { path: { bidId, memberId: member.id } },
          body,
        }),
      );
    },
    refresh,
    success: (state) =>
      state.outcome !== 'APPROVED'
        ? 'Votre vote est enregistré.'
        : changeRequestId
          ? 'Vote enregistré : la replanification est approuvée, son avenant part en signature.'
          : 'Vote enregistré : la répartition est approuvée par les membres.',
    onMutate: () => setRefusal(null),
    onError: (error) => setRefusal(placeRefusal(error, setError)),
  });
  const titleId = `vote-${member.id}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={showName ? titleId : undefined}>
      <form
        noValidate
        onSubmit={(event) => void handleSubmit((ballot) => send.mutate(ballot))(event)}
      >
        <Stack gap="sm">
          {showName && (
            <Title order={4} id={titleId}>
              Pour {member.organisation.legalName}
            </Title>
          )}
          {current && (
            <Text size="sm">
              Vote enregistré le {formatDateTime(current.votedAt)} :{' '}
              <strong>{current.choice === 'APPROVE' ? 'Approuve' : 'Objecte'}</strong>. Vous pouvez
              le changer tant que le vote est en cours.
            </Text>
          )}
          <Textarea
            label="Commentaire"
            description="Facultatif pour approuver ; obligatoire pour objecter : dites ce qui doit changer."
            autosize
            minRows={2}
            maxRows={8}
            {...field('comment')}
          />
          {refusal && (
            <Alert color="red" role="alert">
              {refusal}
            </Alert>
          )}
          <Group>
            {/* Each button sets the choice, then submits the same form. */}
            {CHOICES.map(({ choice, label, ...look }) => (
              <Button
                key={choice}
                type="submit"
                {...look}
                loading={send.isPending && send.variables.choice === choice}
                disabled={send.isPending}
                onClick={() => setValue('choice', choice)}
              >
                {label}
              </Button>
            ))}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
