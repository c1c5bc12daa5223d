import { Alert, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { AllocationVersionSummaryDto } from '../api/schema';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatHours } from '../ui/format';
import { Loading } from '../ui/Loading';
import { NUMBERS_ON_ONE_LINE, type Names } from './LotShares';
import { useComparison } from './queries';
import { signedCents, signedHours } from './wording';

/** A gain in green, a loss in red; the sign says it too. */
// Mantine's green.9 and red.8 read under 4.5:1 (WCAG 2.1 AA) even on white; these, over 4.5:1 on
// a striped row too.
const deltaColor = (delta: number) => (delta > 0 ? 'teal.9' : delta < 0 ? 'red.9' : undefined);

/** Two versions side by side: who gains, who loses, by how many hours and euros. */
export function CompareVersions({
  bidId,
  versions,
  names,
}: {
  bidId: string;
  versions: AllocationVersionSummaryDto[];
  names: Names;
}) {
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  // By default, the latest version against the one before it.
  const fromValue = from ?? (versions[1] ? String(versions[1].number) : null);
  const toValue = to ?? (versions[0] ? String(versions[0].number) : null);
  const comparison = useComparison(
    bidId,
    fromValue === null ? null : Number(fromValue),
    toValue === null ? null : Number(toValue),
  );

  if (versions.length < 2) {
    return (
      <Text size="sm" c="dimmed">
        Il faut au moins deux versions pour les comparer.
      </Text>
    );
  }
  const options = versions.map((version) => ({
    value: String(version.number),
    label: `Version ${version.number}${version.kind === 'OVERRIDE' ? ' (modifiée à la main)' : ''}`,
  }));
  const ends = [
    { label: 'Version de départ', value: fromValue, onChange: setFrom },
    { label: 'Version d’arrivée', value: toValue, onChange: setTo },
  ];
  const changed = comparison.data?.lines.filter(
    (line) => line.hoursDelta !== 0 || line.amountCentsDelta !== 0,
  );
  const members = comparison.data?.members.filter(
    (member) => member.hoursDelta !== 0 || member.amountCentsDelta !== 0,
  );

  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {ends.map((end) => (
          <Select key={end.label} {...end} data={options} allowDeselect={false} />
        ))}
      </SimpleGrid>
      {fromValue === toValue ? (
        <Text size="sm" c="dimmed">
          Choisissez deux versions différentes.
        </Text>
      ) : comparison.isPending ? (
        <Loading label="Comparaison en cours" />
      ) : comparison.isError ? (
        <ErrorPanel error={comparison.error} title="Impossible de comparer ces versions" />
      ) : changed && members && changed.length === 0 ? (
        <Alert color="gray" role="status">
          Les versions {comparison.data.from} et {comparison.data.to} donnent à chacun les mêmes
          heures et les mêmes montants.
        </Alert>
      ) : (
        <Stack gap="sm" aria-live="polite">
          <Title order={4} size="h5">
            Par membre, de la version {comparison.data.from} à la version {comparison.data.to}
          </Title>
          <DataTable
            minWidth={340}
            striped
            styles={NUMBERS_ON_ONE_LINE}
            columns={['Membre', numeric('Écart d’heures'), numeric('Écart de montant HT')]}
          >
            {members?.map((member) => (
              <Table.Tr key={member.org}>
                <Table.Th scope="row" fw={names.own.has(member.org) ? 700 : 400}>
                  {names.member(member.org)}
                </Table.Th>
                <Table.Td ta="right" c={deltaColor(member.hoursDelta)}>
                  {signedHours(member.hoursDelta)}
                </Table.Td>
                <Table.Td ta="right" c={deltaColor(member.amountCentsDelta)}>
                  {signedCents(member.amountCentsDelta)}
                </Table.Td>
              </Table.Tr>
            ))}
            <Table.Tr>
              <Table.Th scope="row" fw={400}>
                Non couvert
              </Table.Th>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">{signedCents(comparison.data.uncoveredCentsDelta)}</Table.Td>
            </Table.Tr>
          </DataTable>

          <Title order={4} size="h5">
            Par membre et par lot
          </Title>
          <DataTable
            minWidth={760}
            scrollRegionLabel="Écarts par membre et par lot"
            striped
            styles={NUMBERS_ON_ONE_LINE}
            columns={[
              'Lot',
              'Membre',
              numeric('Heures avant'),
              numeric('Heures après'),
              numeric('Écart'),
              numeric('Montant avant'),
              numeric('Montant après'),
              numeric('Écart'),
            ]}
          >
            {changed?.map((line) => (
              <Table.Tr key={`${line.lot}-${line.org}`}>
                <Table.Td>{line.lot}</Table.Td>
                <Table.Th scope="row" fw={names.own.has(line.org) ? 700 : 400}>
                  {names.member(line.org)}
                </Table.Th>
                <Table.Td ta="right">{formatHours(line.hoursBefore)}</Table.Td>
                <Table.Td ta="right">{formatHours(line.hoursAfter)}</Table.Td>
                <Table.Td ta="right" c={deltaColor(line.hoursDelta)}>
                  {signedHours(line.hoursDelta)}
                </Table.Td>
                <Table.Td ta="right">{formatCents(line.amountCentsBefore)}</Table.Td>
                <Table.Td ta="right">{formatCents(line.amountCentsAfter)}</Table.Td>
                <Table.Td ta="right" c={deltaColor(line.amountCentsDelta)}>
                  {signedCents(line.amountCentsDelta)}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
          <Text size="sm" c="dimmed">
            Seuls les membres et les lots qui changent sont listés.
          </Text>
        </Stack>
      )}
    </Stack>
  );
}
