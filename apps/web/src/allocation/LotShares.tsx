import { BarChart } from '@mantine/charts';
import {
  Alert,
  Badge,
  Box,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
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
  // On a phone a five-column table would push the amount out of sight: one card per line instead.
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
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
        {wide ? (
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
        ) : (
          <Stack gap="xs" role="list" aria-labelledby={titleId}>
            {shares.map((share) => (
              <ShareCard
                key={share.org}
                title={names.member(share.org)}
                own={names.own.has(share.org)}
                hours={share.hours}
                amountCents={share.amountCents}
                sharePermille={share.sharePermille}
                insertionHours={share.insertionHours}
              />
            ))}
            {uncovered.map((line) => (
              <ShareCard
                key={`uncovered-${line.territory}`}
                title={`Non couvert : ${names.territory(lot.number, line.territory)}`}
                uncovered
                hours={line.hours}
                amountCents={line.amountCents}
                insertionHours={line.insertionHours}
              />
            ))}
            <ShareCard
              title="Total du lot"
              total
              hours={totalHours}
              amountCents={totalCents}
              insertionHours={insertion}
            />
          </Stack>
        )}
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

/** One line of a lot on a phone: its name, then its figures, the amount always in view. */
function ShareCard({
  title,
  own = false,
  uncovered = false,
  total = false,
  hours,
  amountCents,
  sharePermille,
  insertionHours,
}: {
  title: string;
  own?: boolean;
  uncovered?: boolean;
  total?: boolean;
  hours: number;
  amountCents: number;
  sharePermille?: number;
  insertionHours: number;
}) {
  const figures: [string, string][] = [
    ['Montant HT', formatCents(amountCents)],
    ['Heures', formatHours(hours)],
    ...(sharePermille === undefined
      ? []
      : ([['Part du lot', formatPermille(sharePermille)]] as [string, string][])),
    ['Heures d’insertion', formatHours(insertionHours)],
  ];
  return (
    <Paper
      role="listitem"
      withBorder
      p="xs"
      bg={own ? 'var(--mantine-color-indigo-light)' : undefined}
      c={uncovered ? 'red.9' : undefined}
    >
      <Text fw={own || total ? 700 : 500} size="sm">
        {title}
        {own && (
          <Badge ml="xs" size="sm" variant="filled">
            Votre structure
          </Badge>
        )}
      </Text>
      <SimpleGrid cols={2} spacing={4} verticalSpacing={2} mt={4} mb={0} component="dl">
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c={uncovered ? undefined : 'dimmed'}>
              {label}
            </Text>
            <Text
              component="dd"
              size="sm"
              fw={total ? 700 : 500}
              m={0}
              style={{ whiteSpace: 'nowrap' }}
            >
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}
