import { BarChart } from '@mantine/charts';
import { Alert, Badge, Box, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import type { BidDto } from '../api/schema';
import { DataTable, numeric } from '../ui/DataTable';
import { formatCents, formatHours, formatPermille } from '../ui/format';
import type { AllocationResult } from './queries';

type Lot = BidDto['lots'][number];

export interface Names {
  member: (key: string) => string;
  territory: (lot: number, code: string) => string;
  /** The signed-in person's own members, highlighted. */
  own: ReadonlySet<string>;
}

/** Figures never break across lines ("1 767,31 h"); names in the row headers may. */
export const NUMBERS_ON_ONE_LINE = { td: { whiteSpace: 'nowrap' } } as const;

/** Hours are reported with two decimals: their sum is shown the same way. */
const sumHours = (values: number[]) =>
  Math.round(values.reduce((sum, value) => sum + value, 0) * 100) / 100;
/** Integer cents add up exactly. */
const sumCents = (values: number[]) => values.reduce((sum, value) => sum + value, 0);

/**
 * One lot of a version: each member's hours, amount, share and insertion hours, the uncovered
 * part by territory, and the total, which is the lot's amount to the cent.
 */
export function LotShares({
  lot,
  result,
  names,
}: {
  lot: Lot;
  result: AllocationResult;
  names: Names;
}) {
  const shares = result.members.filter((share) => share.lot === lot.number);
  const uncovered = result.uncovered.filter((line) => line.lot === lot.number);
  const totalCents = sumCents([...shares, ...uncovered].map((line) => line.amountCents));
  const totalHours = sumHours([...shares, ...uncovered].map((line) => line.hours));
  const insertion = sumCents([...shares, ...uncovered].map((line) => line.insertionHours));
  const titleId = `lot-${lot.number}-title`;
  const chartData = shares.map((share) => ({
    membre: names.member(share.org),
    part: share.sharePermille,
  }));

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="baseline">
          <Title order={4} size="h5" id={titleId}>
            {lot.title}
          </Title>
          <Text size="sm" c="dimmed">
            Montant du lot : {formatCents(lot.amountCents)} HT · {formatHours(lot.demandHours)}{' '}
            demandées · {formatHours(lot.insertionHours)} d’insertion
          </Text>
        </Group>
        {totalCents !== lot.amountCents && (
          <Alert color="yellow">
            Le montant du lot est aujourd’hui de {formatCents(lot.amountCents)} HT : les données ont
            changé depuis le calcul de cette version, relancez la répartition.
          </Alert>
        )}
        <DataTable
          minWidth={620}
          striped
          aria-labelledby={titleId}
          styles={NUMBERS_ON_ONE_LINE}
          columns={[
            'Membre',
            numeric('Heures'),
            numeric('Montant HT'),
            numeric('Part du lot'),
            numeric('Heures d’insertion'),
          ]}
          footer={
            <Table.Tr fw={700}>
              <Table.Th scope="row">Total du lot</Table.Th>
              <Table.Td ta="right">{formatHours(totalHours)}</Table.Td>
              <Table.Td ta="right">{formatCents(totalCents)}</Table.Td>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">{formatHours(insertion)}</Table.Td>
            </Table.Tr>
          }
        >
          {shares.map((share) => {
            const own = names.own.has(share.org);
            return (
              <Table.Tr
                key={share.org}
                fw={own ? 700 : undefined}
                bg={own ? 'var(--mantine-color-indigo-light)' : undefined}
              >
                <Table.Th scope="row" fw={own ? 700 : 400}>
                  {names.member(share.org)}
                  {own && (
                    <Badge ml="xs" size="sm" variant="filled">
                      Votre structure
                    </Badge>
                  )}
                </Table.Th>
                <Table.Td ta="right">{formatHours(share.hours)}</Table.Td>
                <Table.Td ta="right">{formatCents(share.amountCents)}</Table.Td>
                <Table.Td ta="right">{formatPermille(share.sharePermille)}</Table.Td>
                <Table.Td ta="right">{formatHours(share.insertionHours)}</Table.Td>
              </Table.Tr>
            );
          })}
          {uncovered.map((line) => (
            <Table.Tr key={`uncovered-${line.territory}`} c="red.9">
              <Table.Th scope="row" fw={400}>
                Non couvert : {names.territory(lot.number, line.territory)}
              </Table.Th>
              <Table.Td ta="right">{formatHours(line.hours)}</Table.Td>
              <Table.Td ta="right">{formatCents(line.amountCents)}</Table.Td>
              <Table.Td ta="right">—</Table.Td>
              <Table.Td ta="right">{formatHours(line.insertionHours)}</Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
        {uncovered.length === 0 && (
          <Text size="sm" c="dimmed">
            Toute la demande du lot est couverte.
          </Text>
        )}
        {shares.length > 0 && (
          // The table above carries the same figures for screen readers and keyboard users.
          <Box
            role="img"
            aria-label={`Graphique : part de chaque membre dans ${lot.title} ; les valeurs figurent dans le tableau ci-dessus.`}
          >
            <BarChart
              h={Math.max(140, 34 * shares.length + 50)}
              data={chartData}
              dataKey="membre"
              orientation="vertical"
              series={[{ name: 'part', label: 'Part du lot', color: 'indigo.6' }]}
              valueFormatter={formatPermille}
              yAxisProps={{ width: 150, tick: { fontSize: 12 } }}
              gridAxis="x"
              withTooltip={false}
            />
          </Box>
        )}
      </Stack>
    </Paper>
  );
}
