import { Button, Checkbox, Group, Paper, SimpleGrid, Stack, TextInput, Title } from '@mantine/core';
import type { Control, UseFieldArrayReturn } from 'react-hook-form';
import type { FieldBinder } from '../ui/fields';
import { FormSelect } from '../ui/FormSelect';
import { optionsOf } from '../ui/labels';
import { type ConsultationValues, newLot } from './consultation';
import { IdentifierFields } from './IdentifierFields';
import { LotFields } from './LotFields';
import { RESERVATION } from './words';

/**
 * The tender and its lots, as typed in the new-bid form and in a renewal (the next tender of a
 * finished bid): the same fields, the same checks.
 */
export function TenderFields({
  control,
  field,
  busy,
  near,
  lots,
}: {
  control: Control<ConsultationValues>;
  field: FieldBinder<ConsultationValues>;
  busy: boolean;
  near: readonly string[];
  lots: UseFieldArrayReturn<ConsultationValues, 'tender.lots'>;
}) {
  return (
    <>
      <Paper withBorder p="md" radius="md" component="section" aria-labelledby="tender-title">
        <Title order={3} size="h4" id="tender-title" mb="sm">
          La consultation
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Référence de la consultation"
            description="Celle de l’acheteur, par exemple 2027-D93-PEINT"
            required
            {...field('tender.reference')}
          />
          <TextInput label="Intitulé de la consultation" required {...field('tender.title')} />
          <TextInput
            label="Nom de l’acheteur"
            description="Par exemple Département de la Seine-Saint-Denis"
            required
            {...field('tender.buyer.name')}
          />
          <IdentifierFields
            control={control}
            field={field}
            of="tender.buyer"
            whose="de l’acheteur"
          />
          <FormSelect
            control={control}
            name="tender.reserved"
            label="Marché réservé"
            data={optionsOf(RESERVATION)}
            allowDeselect={false}
            required
          />
          <TextInput
            type="date"
            label="Date limite de remise des offres"
            required
            {...field('tender.deadlineDate')}
          />
          <TextInput
            type="time"
            label="Heure limite (heure de Paris)"
            required
            {...field('tender.deadlineTime')}
          />
        </SimpleGrid>
        <Checkbox
          mt="md"
          label="La consultation interdit à une entreprise d’être membre de plusieurs groupements"
          description="Article R2142-21 du code de la commande publique : Cordage refusera alors un membre déjà engagé dans un autre groupement de votre réseau pour cette consultation."
          {...field('tender.exclusiveMembership')}
        />
      </Paper>

      <section aria-labelledby="lots-title">
        <Title order={3} size="h4" id="lots-title" mb="sm">
          Les lots
        </Title>
        <Stack>
          {lots.fields.map((lot, index) => (
            <LotFields
              key={lot.id}
              index={index}
              control={control}
              field={field}
              disabled={busy}
              near={near}
              onRemove={lots.fields.length > 1 ? () => lots.remove(index) : null}
            />
          ))}
          <Group>
            <Button
              variant="light"
              disabled={busy}
              onClick={() => lots.append(newLot(lots.fields.length + 1))}
            >
              Ajouter un lot
            </Button>
          </Group>
        </Stack>
      </section>
    </>
  );
}
