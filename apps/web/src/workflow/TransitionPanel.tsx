import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client';
import { ApiError, messageOf, unwrap } from '../api/errors';
import type { TransitionDto, WorkflowDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { DialogButtons } from '../ui/ConfirmModal';
import { fieldBinder } from '../ui/fields';

type BidEvent = TransitionDto['event'];

/** The coordinator's button for each step, and what it does in one sentence. */
const STEPS: Record<BidEvent, { action: string; help: string; danger?: boolean }> = {
  OPEN_CAPACITY_CALL: {
    action: 'Ouvrir l’appel à capacités',
    help: 'Les membres pourront déclarer leurs capacités jusqu’à la date que vous fixez.',
  },
  CLOSE_CAPACITY_CALL: {
    action: 'Clore l’appel à capacités',
    help: 'Les déclarations s’arrêtent ; vous pourrez lancer la répartition.',
  },
  REOPEN_CAPACITY_CALL: {
    action: 'Rouvrir l’appel à capacités',
    help: 'Les membres pourront de nouveau modifier leurs déclarations.',
  },
  PROPOSE: {
    action: 'Soumettre une répartition au vote',
    help: 'Choisissez la version dans l’onglet Répartition.',
  },
  REVISE: {
    action: 'Réviser la répartition',
    help: 'Le vote en cours est abandonné ; une nouvelle version sera proposée.',
  },
  AGREE: {
    action: 'Constater l’accord',
    help: 'La répartition approuvée selon la règle de décision devient celle de la convention.',
  },
  OPEN_SIGNING: {
    action: 'Ouvrir la signature',
    help: 'La convention figée est proposée à la signature de chaque membre.',
  },
  COMPLETE_SIGNING: {
    action: 'Clore la signature',
    help: 'Possible quand chaque membre a signé.',
  },
  SUBMIT: {
    action: 'Enregistrer le dépôt',
    help: 'La candidature a été déposée auprès de l’acheteur.',
  },
  AWARD: { action: 'Marché attribué', help: 'L’acheteur a retenu la candidature.' },
  LOSE: { action: 'Marché non obtenu', help: 'L’acheteur a retenu une autre offre.' },
  WITHDRAW: {
    action: 'Abandonner la candidature',
    help: 'Définitif : la candidature ne pourra plus avancer.',
    danger: true,
  },
};

/** What a step does, said for the state the bid is in. */
function helpOf(event: BidEvent, status: WorkflowDto['status']): string {
  if (event === 'REVISE' && status === 'AGREED') {
    return 'L’accord constaté est levé : la répartition redevient modifiable et une nouvelle version devra être soumise au vote des membres.';
  }
  return STEPS[event].help;
}

/** Steps taken elsewhere, where the person has what they need to decide. */
const ELSEWHERE: Partial<Record<BidEvent, string>> = {
  PROPOSE: 'repartition',
  OPEN_SIGNING: 'convention',
};

const callSchema = z.object({
  capacityDeadline: z
    .string()
    .min(1, 'Choisissez la date et l’heure de clôture de l’appel.')
    .refine((value) => new Date(value).getTime() > Date.now(), {
      message: 'Choisissez une date à venir.',
    }),
  reminderDays: z
    .string()
    .trim()
    .regex(/^(\d{1,2}(\s*,\s*\d{1,2})*)?$/, {
      message: 'Indiquez des nombres de jours séparés par des virgules, par exemple « 7, 2 ».',
    }),
});
type CallForm = z.infer<typeof callSchema>;

/** The coordinator's next steps of the bid's workflow, each one button. */
export function TransitionPanel({ bidId, workflow }: { bidId: string; workflow: WorkflowDto }) {
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<BidEvent | null>(null);
  const transition = useMutation({
    mutationFn: (body: TransitionDto) =>
      unwrap(
        api.POST('/api/bids/{bidId}/workflow/transitions', {
          params: { path: { bidId } },
          body,
        }),
      ),
    onSuccess: async (_, body) => {
      setPending(null);
      notifications.show({ color: 'green', message: `${STEPS[body.event].action} : c’est fait.` });
      await queryClient.invalidateQueries({ queryKey: bidKeys.bid(bidId) });
      await queryClient.invalidateQueries({ queryKey: bidKeys.nextSteps });
    },
  });
  const form = useForm<CallForm>({
    resolver: zodResolver(callSchema),
    defaultValues: { capacityDeadline: '', reminderDays: '7, 2' },
  });
  const field = fieldBinder(form);

  const events = workflow.nextEvents;
  if (events.length === 0) return <Text c="dimmed">Cette candidature est close.</Text>;

  const open = (event: BidEvent) => {
    transition.reset();
    setPending(event);
  };
  // datetime-local is the person's own clock: Date reads it as local time.
  const submitCall = (values: CallForm) => {
    if (pending === null) return; // the form only shows for a chosen event
    transition.mutate({
      event: pending,
      capacityDeadline: new Date(values.capacityDeadline).toISOString(),
      reminderDays: values.reminderDays
        ? values.reminderDays.split(',').map((day) => Number(day.trim()))
        : [],
    });
  };
  const isCall = pending === 'OPEN_CAPACITY_CALL' || pending === 'REOPEN_CAPACITY_CALL';

  return (
    <Stack gap="sm">
      {events.map((event) => (
        <Group key={event} justify="space-between" wrap="wrap" gap="xs">
          <Text size="sm" maw={520}>
            {helpOf(event, workflow.status)}
          </Text>
          {ELSEWHERE[event] ? (
            <Button component={Link} to={ELSEWHERE[event]} variant="light">
              {STEPS[event].action}
            </Button>
          ) : (
            <Button
              variant={STEPS[event].danger ? 'outline' : 'filled'}
              color={STEPS[event].danger ? 'red' : undefined}
              onClick={() => open(event)}
            >
              {STEPS[event].action}
            </Button>
          )}
        </Group>
      ))}

      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title={
          <Title order={2} size="h4">
            {pending && STEPS[pending].action}
          </Title>
        }
      >
        {pending && (
          <form
            noValidate
            onSubmit={(event) => {
              if (isCall) return void form.handleSubmit(submitCall)(event);
              event.preventDefault();
              transition.mutate({ event: pending });
            }}
          >
            <Stack>
              <Text>{helpOf(pending, workflow.status)}</Text>
              {isCall && (
                <>
                  <TextInput
                    type="datetime-local"
                    label="Clôture de l’appel à capacités"
                    description="L’appel se clôt de lui-même à cette date ; vous pouvez le clore avant."
                    required
                    {...field('capacityDeadline')}
                  />
                  <TextInput
                    label="Rappels, en jours avant la clôture"
                    description="Un mail part ces jours-là à ceux qui n’ont pas déclaré."
                    {...field('reminderDays')}
                  />
                </>
              )}
              {transition.isError && (
                <Alert color="red" role="alert" title="Étape refusée">
                  {messageOf(transition.error)}
                  {transition.error instanceof ApiError &&
                    transition.error.problems.map((problem) => (
                      <Text key={`${problem.path}-${problem.code}`} size="sm">
                        {problem.message}
                      </Text>
                    ))}
                </Alert>
              )}
              <DialogButtons
                confirmLabel="Confirmer"
                color={STEPS[pending].danger ? 'red' : undefined}
                pending={transition.isPending}
                onCancel={() => setPending(null)}
              />
            </Stack>
          </form>
        )}
      </Modal>
    </Stack>
  );
}
