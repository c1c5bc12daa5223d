import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { ApiError, type Problem, messageOf, unwrap } from '../api/errors';
import type { AllocationVersionDto, BidDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { decimalValue, readDecimal } from '@cordage/domain/french-decimal';
import { DecimalInput } from '../ui/DecimalInput';
import { formatHours } from '../ui/format';
import { FormSelect } from '../ui/FormSelect';
import { showProblems } from '../ui/problems';
import type { Names } from './LotShares';
import { useMemberOffers } from './queries';

const schema = z.object({
  org: z.string().min(1, 'Choisissez le membre dont la ligne change.'),
  lot: z.string().min(1, 'Choisissez le lot.'),
  territory: z.string().min(1, 'Choisissez le territoire.'),
  hours: z.string().superRefine((text, ctx) => {
    const reading = readDecimal(text);
    if (reading.kind === 'number') return;
    ctx.addIssue({
      code: 'custom',
      message:
        reading.kind === 'invalid'
          ? reading.message
          : 'Indiquez le nombre d’heures à donner à ce membre (0 pour aucune).',
    });
  }),
  reason: z
    .string()
    .trim()
    .min(3, 'Expliquez en quelques mots pourquoi vous modifiez cette ligne.')
    .max(2000, 'Le motif ne doit pas dépasser 2 000 caractères.'),
});
type OverrideForm = z.input<typeof schema>;

/** The api names the field of each problem; 'version' (a stale version) belongs to none. */
const FIELDS = new Set(['org', 'lot', 'territory', 'hours', 'reason']);
const fieldOf = (path: string) => (FIELDS.has(path) ? path : null);

/**
 * A coordinator changes the hours of one member on one territory. The api checks the offer, the
 * demand and the caps again and writes a new version, which is then shown.
 */
export function OverrideModal({
  bid,
  version,
  names,
  opened,
  onClose,
  onCreated,
}: {
  bid: BidDto;
  version: AllocationVersionDto;
  names: Names;
  opened: boolean;
  onClose: () => void;
  onCreated: (number: number) => void;
}) {
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const { control, register, handleSubmit, setError, setValue, reset, formState } = useForm<
    OverrideForm,
    unknown,
    z.output<typeof schema>
  >({
    resolver: zodResolver(schema),
    defaultValues: { org: '', lot: '', territory: '', hours: '', reason: '' },
  });
  const [org, lot, territory] = useWatch({ control, name: ['org', 'lot', 'territory'] });
  const offers = useMemberOffers(bid.id, org, lot === '' ? null : Number(lot));
  const offer = offers.data?.items.find((item) => item.territory === territory);
  const current =
    version.result.lines.find(
      (line) => line.org === org && line.lot === Number(lot) && line.territory === territory,
    )?.hours ?? 0;

  const save = useMutation({
    mutationFn: (form: z.output<typeof schema>) =>
      unwrap(
        api.POST('/api/bids/{bidId}/allocations/{number}/overrides', {
          params: { path: { bidId: bid.id, number: version.number } },
          body: { ...form, lot: Number(form.lot), hours: decimalValue(form.hours) ?? 0 },
        }),
      ),
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
      // Several refusals on one field (offer, demand and cap at once): show them all.
      if (!(error instanceof ApiError)) return;
      for (const field of FIELDS) {
        const messages = error.problems.filter((p) => p.path === field).map((p) => p.message);
        if (messages.length > 1)
          setError(field as keyof OverrideForm, { type: 'server', message: messages.join(' ; ') });
      }
    },
  });

  const members = bid.members
    .filter((member) => member.role === 'COTRAITANT' && member.offerCount > 0)
    .map((member) => ({ value: member.key, label: member.organisation.legalName }));
  const lots = bid.lots.map((l) => ({ value: String(l.number), label: l.title }));
  const territories = (offers.data?.items ?? []).map((item) => ({
    value: item.territory,
    label: names.territory(item.lot, item.territory),
  }));

  const close = () => {
    setUnplaced([]);
    save.reset();
    onClose();
  };

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={`Modifier une ligne de la version ${version.number}`}
      size="lg"
    >
      <form
        noValidate
        onSubmit={(event) => {
          setUnplaced([]);
          void handleSubmit((form) => save.mutate(form))(event);
        }}
      >
        <Stack>
          <Text size="sm">
            La modification est vérifiée contre l’offre du membre, la demande du territoire et les
            plafonds. Elle crée une nouvelle version, marquée comme modifiée à la main, avec votre
            nom et votre motif, visibles de tous les membres.
          </Text>
          <FormSelect
            control={control}
            name="org"
            label="Membre"
            placeholder="Choisir un membre"
            data={members}
            searchable
            required
            onPicked={() => setValue('territory', '')}
          />
          <FormSelect
            control={control}
            name="lot"
            label="Lot"
            placeholder="Choisir un lot"
            data={lots}
            required
            onPicked={() => setValue('territory', '')}
          />
          <FormSelect
            control={control}
            name="territory"
            label="Territoire"
            placeholder={
              org && lot ? 'Choisir un territoire' : 'Choisissez d’abord le membre et le lot'
            }
            description={
              org && lot && offers.isSuccess && territories.length === 0
                ? 'Ce membre n’a fait aucune offre sur ce lot.'
                : 'Les territoires où ce membre a fait une offre.'
            }
            data={territories}
            disabled={!org || !lot || territories.length === 0}
            required
            fallbackError={offers.isError ? messageOf(offers.error) : undefined}
          />
          <DecimalInput
            label="Heures attribuées"
            description={
              offer
                ? `Offre du membre : ${formatHours(offer.hours)} · dans cette version : ${formatHours(current)}`
                : undefined
            }
            unit="h"
            required
            error={formState.errors.hours?.message}
            {...register('hours')}
          />
          <Textarea
            label="Motif"
            description="Il figure dans l’historique et sur la version."
            required
            autosize
            minRows={2}
            error={formState.errors.reason?.message}
            {...register('reason')}
          />
          {save.isError && <RefusalAlert error={save.error} unplaced={unplaced} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Annuler
            </Button>
            <Button type="submit" loading={save.isPending}>
              Enregistrer la modification
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** The api's message, and the problems that belong to no field of the form. */
function RefusalAlert({ error, unplaced }: { error: unknown; unplaced: Problem[] }) {
  return (
    <Alert color="red" role="alert" title="La modification est refusée">
      {messageOf(error)}
      {unplaced.map((problem) => (
        <Text key={`${problem.path}-${problem.code}`} size="sm">
          {problem.message}
        </Text>
      ))}
    </Alert>
  );
}
