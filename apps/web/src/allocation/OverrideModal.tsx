import { Modal, SegmentedControl, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { AllocationVersionDto, BidDto } from '../api/schema';
import { DecimalInput } from '../ui/DecimalInput';
import { formatHours } from '../ui/format';
import { FormSelect } from '../ui/FormSelect';
import type { Names } from './LotShares';
import { MoveHoursForm } from './MoveHoursForm';
import { useMemberOffers } from './queries';
import {
  type VersionChangeFormProps,
  hoursField,
  lotOptions,
  reasonField,
  useVersionChange,
  VersionChangeForm,
  withLotAndHoursAsNumbers,
} from './versionChange';

const schema = z.object({
  org: z.string().min(1, 'Choisissez le membre dont la ligne change.'),
  lot: z.string().min(1, 'Choisissez le lot.'),
  territory: z.string().min(1, 'Choisissez le territoire.'),
  hours: hoursField('Indiquez le nombre d’heures à donner à ce membre (0 pour aucune).'),
  reason: reasonField,
});
const FIELDS = ['org', 'lot', 'territory', 'hours', 'reason'] as const;

/**
 * A coordinator changes a version by hand: moves hours from one member to another on a
 * territory, or sets one member's hours there. The api checks the offer, the demand and the caps
 * again and writes a new version, which is then shown.
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
  const [kind, setKind] = useState('move');
  const form = { bid, version, names, onCancel: onClose, onCreated };
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={`Modifier la version ${version.number} à la main`}
      size="lg"
    >
      <Stack>
        <SegmentedControl
          aria-label="Nature de la modification"
          value={kind}
          onChange={setKind}
          data={[
            { value: 'move', label: 'Déplacer des heures' },
            { value: 'line', label: 'Changer une ligne' },
          ]}
          fullWidth
        />
        {kind === 'move' ? <MoveHoursForm {...form} /> : <LineOverrideForm {...form} />}
      </Stack>
    </Modal>
  );
}

/** One member's hours on one territory set to a figure; the uncovered part absorbs the rest. */
function LineOverrideForm({ bid, version, names, onCancel, onCreated }: VersionChangeFormProps) {
  const { form, field, change } = useVersionChange({
    schema,
    defaultValues: { org: '', lot: '', territory: '', hours: '', reason: '' },
    bid,
    fields: FIELDS,
    onCreated,
    send: (sent) =>
      unwrap(
        api.POST('/api/bids/{bidId}/allocations/{number}/overrides', {
          params: { path: { bidId: bid.id, number: version.number } },
          body: withLotAndHoursAsNumbers(sent),
        }),
      ),
  });
  const { control, setValue } = form;
  const [org, lot, territory] = useWatch({ control, name: ['org', 'lot', 'territory'] });
  const offers = useMemberOffers(bid.id, org, lot === '' ? null : Number(lot));
  const offer = offers.data?.items.find((item) => item.territory === territory);
  const current =
    version.result.lines.find(
      (line) => line.org === org && line.lot === Number(lot) && line.territory === territory,
    )?.hours ?? 0;

  const members = bid.members
    .filter((member) => member.role === 'COTRAITANT' && member.offerCount > 0)
    .map((member) => ({ value: member.key, label: member.organisation.legalName }));
  const lots = lotOptions(bid);
  const territories = (offers.data?.items ?? []).map((item) => ({
    value: item.territory,
    label: names.territory(item.lot, item.territory),
  }));

  return (
    <VersionChangeForm
      change={change}
      reason={field('reason')}
      refusalTitle="La modification est refusée"
      confirmLabel="Enregistrer la modification"
      onCancel={onCancel}
    >
      <Text size="sm">
        La modification est vérifiée contre l’offre du membre, la demande du territoire et les
        plafonds. Elle crée une nouvelle version, marquée comme modifiée à la main, avec votre nom
        et votre motif, visibles de tous les membres.
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
        {...field('hours')}
      />
    </VersionChangeForm>
  );
}
