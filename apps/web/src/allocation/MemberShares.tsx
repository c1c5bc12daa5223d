import { BarChart } from '@mantine/charts';
import { Box, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { splitSummary } from '@cordage/domain/split-summary';
import { useMemo } from 'react';
import type { BidDto } from '../api/schema';
import { DataTable, numeric } from '../ui/DataTable';
import { formatCents, formatPermille } from '../ui/format';
import { type Names, NUMBERS_ON_ONE_LINE } from './LotShares';
import type { AllocationResult } from './queries';

/** One colour per lot, told apart without relying on hue alone: the table says every figure. */
const LOT_COLOURS = ['indigo.6', 'teal.7', 'orange.7', 'grape.6', 'cyan.8', 'lime.8', 'pink.7'];

/**
 * Each member's amount over every lot: a stacked bar per member (a colour per lot) and the same
 * figures in a table, with each member's share of the whole and totals that add up to the cent
 * (the one-page summary's sums, from the domain).
 */
export function MemberShares({
  bid,
  result,
  names,
}: {
  bid: BidDto;
  result: AllocationResult;
  names: Names;
}) {
  const summary = useMemo(
    () =>
      splitSummary({
        versionNumber: 0,
        status: 'NOT_PROPOSED',
        result,
        lots: bid.lots,
        names: new Map(bid.members.map((m) => [m.key, names.member(m.key)])),
      }),
    [bid, result, names],
  );
  if (summary.members.length === 0) return null;
  const lotKey = (number: number) => `Lot ${number}`;
  const chartData = summary.members.map((member) => ({
    membre: member.name,
    ...Object.fromEntries(
      summary.lots.map((lot) => [
        lotKey(lot.number),
        (member.lots.get(lot.number)?.amountCents ?? 0) / 100,
      ]),
    ),
  }));

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      component="section"
      aria-labelledby="members-title"
    >
      <Stack gap="sm">
        <Title order={4} size="h5" id="members-title">
          Part de chaque membre, tous lots confondus
        </Title>
        <DataTable
          minWidth={360 + 110 * summary.lots.length}
          striped
          aria-labelledby="members-title"
          scrollRegionLabel="Part de chaque membre, tous lots confondus (tableau défilant)"
          styles={NUMBERS_ON_ONE_LINE}
          columns={[
            'Membre',
            ...summary.lots.map((lot) => numeric(lotKey(lot.number))),
            numeric('Total HT'),
            numeric('Part de l’ensemble'),
          ]}
          footer={
            <>
              {summary.uncoveredCents > 0 && (
                <Table.Tr c="red.9">
                  <Table.Th scope="row" fw={400}>
                    Non couvert
                  </Table.Th>
                  {summary.lots.map((lot) => (
                    <Table.Td key={lot.number} ta="right">
                      {lot.uncoveredCents > 0 ? formatCents(lot.uncoveredCents) : '—'}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right">{formatCents(summary.uncoveredCents)}</Table.Td>
                  <Table.Td ta="right">—</Table.Td>
                </Table.Tr>
              )}
              <Table.Tr fw={700}>
                <Table.Th scope="row">Total</Table.Th>
                {summary.lots.map((lot) => (
                  <Table.Td key={lot.number} ta="right">
                    {formatCents(lot.totalCents)}
                  </Table.Td>
                ))}
                <Table.Td ta="right">{formatCents(summary.totalCents)}</Table.Td>
                <Table.Td ta="right">—</Table.Td>
              </Table.Tr>
            </>
          }
        >
          {summary.members.map((member) => {
            const own = names.own.has(member.key);
            return (
              <Table.Tr key={member.key} fw={own ? 700 : undefined}>
                <Table.Th scope="row" fw={own ? 700 : 400}>
                  {member.name}
                </Table.Th>
                {summary.lots.map((lot) => {
                  const cell = member.lots.get(lot.number);
                  return (
                    <Table.Td key={lot.number} ta="right">
                      {cell ? formatCents(cell.amountCents) : '—'}
                    </Table.Td>
                  );
                })}
                <Table.Td ta="right">{formatCents(member.total.amountCents)}</Table.Td>
                <Table.Td ta="right">{formatPermille(member.total.sharePermille)}</Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
        <Text size="sm" c="dimmed">
          Montants hors taxes ; la part de l’ensemble est celle du total de tous les lots.
        </Text>
        {/* The table above carries the same figures for screen readers and keyboard users. */}
        <Box
          role="img"
          aria-label="Graphique : montant de chaque membre, en barres empilées par lot ; les valeurs figurent dans le tableau ci-dessus."
        >
          <BarChart
            h={Math.max(160, 34 * summary.members.length + 80)}
            data={chartData}
            dataKey="membre"
            type="stacked"
            orientation="vertical"
            series={summary.lots.map((lot, index) => ({
              name: lotKey(lot.number),
              color: LOT_COLOURS[index % LOT_COLOURS.length] ?? 'indigo.6',
            }))}
            valueFormatter={(euros) => formatCents(Math.round(euros * 100))}
            yAxisProps={{ width: 150, tick: { fontSize: 12 } }}
            gridAxis="x"
            withLegend
            withTooltip={false}
          />
        </Box>
      </Stack>
    </Paper>
  );
}
