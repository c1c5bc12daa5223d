import { Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { DataTable, numeric } from '../ui/DataTable';
import { formatCents, formatHours } from '../ui/format';
import { PREFERENCE } from '../ui/labels';
import type { MemberDeclaration } from './model';

/** A declaration as the api holds it, for reading: the offers lot by lot, then the limits. */
export function ReadOnlyCapacity({ bid, member, offers }: MemberDeclaration) {
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const total = offers.reduce((sum, offer) => sum + offer.hours, 0);
  return (
    <Stack gap="md">
      <Text>
        {offers.length === 0
          ? 'Aucune capacité déclarée.'
          : `Total déclaré : ${formatHours(total)} sur ${offers.length} territoire${offers.length > 1 ? 's' : ''}.`}
      </Text>
      {bid.lots.map((lot) => {
        const lotOffers = lot.cells.flatMap((cell) => {
          const offer = offers.find((o) => o.lot === lot.number && o.territory === cell.territory);
          return offer ? [{ cell, offer }] : [];
        });
        const lotHours = lotOffers.reduce((sum, { offer }) => sum + offer.hours, 0);
        return (
          <Card key={lot.id} withBorder radius="md" component="section">
            <Group justify="space-between" mb="xs">
              <Title order={3} size="h4">
                {lot.title}
              </Title>
              <Text size="sm" c="gray.7">
                {formatHours(lotHours)} déclarées · besoin {formatHours(lot.demandHours)}
              </Text>
            </Group>
            {lotOffers.length === 0 ? (
              <Text size="sm" c="gray.7">
                Aucune heure sur ce lot.
              </Text>
            ) : wide ? (
              <DataTable
                minWidth={420}
                layout="fixed"
                columns={[
                  'Territoire',
                  numeric('Besoin'),
                  numeric('Heures proposées'),
                  'Préférence',
                ]}
              >
                {lotOffers.map(({ cell, offer }) => (
                  <Table.Tr key={cell.id}>
                    <Table.Th scope="row" fw={400}>
                      {cell.label ?? cell.territoryName}
                    </Table.Th>
                    <Table.Td ta="right">{formatHours(cell.demandHours)}</Table.Td>
                    <Table.Td ta="right">{formatHours(offer.hours)}</Table.Td>
                    <Table.Td>{PREFERENCE[offer.preference]}</Table.Td>
                  </Table.Tr>
                ))}
              </DataTable>
            ) : (
              // On a phone, one territory a line rather than a table to scroll sideways.
              <Stack gap={6}>
                {lotOffers.map(({ cell, offer }) => (
                  <Text key={cell.id} size="sm">
                    <strong>{cell.label ?? cell.territoryName}</strong> : {formatHours(offer.hours)}
                    , {PREFERENCE[offer.preference].toLowerCase()} (besoin{' '}
                    {formatHours(cell.demandHours)})
                  </Text>
                ))}
              </Stack>
            )}
          </Card>
        );
      })}
      <section aria-labelledby="limits-title">
        <Title order={3} size="h4" id="limits-title" mb="xs">
          Plafonds et heures d’insertion
        </Title>
        <List size="sm">
          <List.Item>
            Heures au plus sur la candidature :{' '}
            {member.limits?.maxHours != null
              ? formatHours(member.limits.maxHours)
              : 'pas de plafond'}
          </List.Item>
          <List.Item>
            Chiffre d’affaires au plus :{' '}
            {member.limits?.maxRevenueCents != null
              ? `${formatCents(member.limits.maxRevenueCents)} HT`
              : 'pas de plafond'}
          </List.Item>
          <List.Item>
            Heures d’insertion au plus :{' '}
            {member.insertionHoursMax !== null
              ? formatHours(member.insertionHoursMax)
              : 'non précisé'}
          </List.Item>
        </List>
      </section>
    </Stack>
  );
}
