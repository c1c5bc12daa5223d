import { Text } from '@mantine/core';
import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import { DecimalInput } from '../ui/DecimalInput';
import { formatHours } from '../ui/format';
import { FormSelect } from '../ui/FormSelect';
import {
  type VersionChangeFormProps,
  hoursField,
  lotOptions,
  reasonField,
  useVersionChange,
  VersionChangeForm,
  withLotAndHoursAsNumbers,
} from './versionChange';
import { useMemberOffers } from './queries';

const schema = z.object({
  lot: z.string().min(1, 'Choisissez le lot.'),
  territory: z.string().min(1, 'Choisissez le territoire.'),
  from: z.string().min(1, 'Choisissez le membre qui cède des heures.'),
  to: z.string().min(1, 'Choisissez le membre qui les reprend.'),
  hours: hoursField('Indiquez le nombre d’heures à déplacer, plus de zéro.', (hours) => hours > 0),
  reason: reasonField,
});
const FIELDS = ['lot', 'territory', 'from', 'to', 'hours', 'reason'] as const;

/**
 * « Déplacer 120 h sur Saint-Denis de A vers B »: one change, so the territory stays covered as
 * it was and the lot keeps its amount; the api checks the taker's offer and caps.
 */
export function MoveHoursForm({
  bid,
  version,
  names,
  onCancel,
  onCreated,
}: VersionChangeFormProps) {
  const { form, field, change } = useVersionChange({
    schema,
    defaultValues: { lot: '', territory: '', from: '', to: '', hours: '', reason: '' },
    bid,
    fields: FIELDS,
    onCreated,
    send: (sent) =>
      unwrap(
        api.POST('/api/bids/{bidId}/allocations/{number}/moves', {
          params: { path: { bidId: bid.id, number: version.number } },
          body: withLotAndHoursAsNumbers(sent),
        }),
      ),
  });
  const { control, setValue } = form;
  const [lotText, territory, from] = useWatch({ control, name: ['lot', 'territory', 'from'] });
  const lot = lotText === '' ? null : Number(lotText);
  const offers = useMemberOffers(bid.id, '', lot, { allMembers: true });

  const linesOfLot = version.result.lines.filter((line) => line.lot === lot && line.hours > 0);
  const territories = [...new Set(linesOfLot.map((line) => line.territory))].map((code) => ({
    value: code,
    label: names.territory(lot ?? 0, code),
  }));
  const holders = linesOfLot.filter((line) => line.territory === territory);
  const held = holders.find((line) => line.org === from)?.hours ?? 0;
  const givers = holders.map((line) => ({
    value: line.org,
    label: `${names.member(line.org)} (${formatHours(line.hours)})`,
  }));
  const takers = (offers.data?.items ?? [])
    .filter((offer) => offer.territory === territory && offer.member !== from)
    .map((offer) => {
      const has = holders.find((line) => line.org === offer.member)?.hours ?? 0;
      return {
        value: offer.member,
        label: `${names.member(offer.member)} (offre ${formatHours(offer.hours)}, a ${formatHours(has)})`,
      };
    });

  return (
    <VersionChangeForm
      change={change}
      reason={field('reason')}
      refusalTitle="Le déplacement est refusé"
      confirmLabel="Déplacer les heures"
      onCancel={onCancel}
    >
      <Text size="sm">
        Les heures passent d’un membre à l’autre en une seule modification : le territoire reste
        couvert comme avant et le lot garde son montant. Le membre qui reprend doit avoir une offre
        sur ce territoire et rester sous ses plafonds.
      </Text>
      <FormSelect
        control={control}
        name="lot"
        label="Lot"
        placeholder="Choisir un lot"
        data={lotOptions(bid)}
        required
        onPicked={() => {
          setValue('territory', '');
          setValue('from', '');
          setValue('to', '');
        }}
      />
      <FormSelect
        control={control}
        name="territory"
        label="Territoire"
        placeholder={lot === null ? 'Choisissez d’abord le lot' : 'Choisir un territoire'}
        description="Les territoires où des heures sont attribuées dans cette version."
        data={territories}
        searchable
        disabled={lot === null}
        required
        onPicked={() => {
          setValue('from', '');
          setValue('to', '');
        }}
      />
      <FormSelect
        control={control}
        name="from"
        label="De (le membre qui cède des heures)"
        placeholder={territory ? 'Choisir un membre' : 'Choisissez d’abord le territoire'}
        data={givers}
        disabled={!territory}
        required
        onPicked={() => setValue('to', '')}
      />
      <FormSelect
        control={control}
        name="to"
        label="Vers (le membre qui les reprend)"
        placeholder={from ? 'Choisir un membre' : 'Choisissez d’abord qui cède les heures'}
        description={
          from && offers.isSuccess && takers.length === 0
            ? 'Aucun autre membre n’a fait d’offre sur ce territoire.'
            : 'Les membres qui ont fait une offre sur ce territoire.'
        }
        data={takers}
        disabled={!from || takers.length === 0}
        required
        fallbackError={offers.isError ? messageOf(offers.error) : undefined}
      />
      <DecimalInput
        label="Heures à déplacer"
        description={from ? `Au plus ${formatHours(held)}.` : undefined}
        unit="h"
        required
        {...field('hours')}
      />
    </VersionChangeForm>
  );
}
