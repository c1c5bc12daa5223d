import { Alert, List, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { BidDto } from '../api/schema';
import { useBidContext } from '../bids/queries';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { Section } from '../ui/Section';
import { ChartLegend, CumulativeChart, GapHeatMap, HeatLegend } from './charts';
import { MissingDeclarations } from './MissingDeclarations';
import {
  closedPeriods,
  formatWholeHours,
  memberNamer,
  periodLabel,
  runningLots,
  territoryNamer,
  todayFor,
} from './model';
import { LotAndPeriodSelects } from './LotAndPeriod';
import { NoContractYet } from './NoContractYet';
import {
  type DriftAlert,
  type Period,
  type Total,
  useAward,
  useDrifts,
  useLines,
  useTotals,
} from './queries';

/** Figures never break across lines. */
const NUMBERS_ON_ONE_LINE = { td: { whiteSpace: 'nowrap' } } as const;

/**
 * Planned against realised: per member and lot, the month's plan, realised and gap, and the
 * cumulative ones, in euros and hours; a chart of each member's cumulative plan and realised, a
 * heat map of the gaps by territory and month, and the drifts the 15 % rule finds.
 */
export function FollowUpPage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  const [lotNumber, setLotNumber] = useState<number | null>(null);
  const [periodNumber, setPeriodNumber] = useState<number | null>(null);
  const lots = award.data ? runningLots(award.data.lots) : [];
  const lot = lots.find((l) => l.lot === lotNumber) ?? lots[0];
  const totals = useTotals(bid.id, lot?.lot ?? null);

  if (award.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;

  const heading = (
    <PageIntro title="Prévu et réalisé">
      Ce que chaque structure devait faire selon la répartition signée, et ce qu’elle a déclaré,
      mois par mois : pour repérer les écarts tôt et les corriger ensemble.
    </PageIntro>
  );
  if (!lot)
    return (
      <Stack gap="lg">
        {heading}
        <NoContractYet bidId={bid.id} />
      </Stack>
    );

  const periods = lot.contract.periods;
  const closed = closedPeriods(periods, todayFor(bid));
  const period =
    periods.find((p) => p.number === periodNumber) ?? closed[closed.length - 1] ?? periods[0];

  return (
    <Stack gap="lg">
      {heading}
      {access.isCoordinator && <MissingDeclarations bid={bid} lots={lots} />}
      <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
        <LotAndPeriodSelects
          lots={lots}
          lot={lot.lot}
          periods={periods}
          period={period}
          onLot={setLotNumber}
          onPeriod={setPeriodNumber}
        />
      </SimpleGrid>
      {totals.isPending ? (
        <Loading />
      ) : totals.isError ? (
        <ErrorPanel error={totals.error} />
      ) : (
        period && (
          <LotFollowUp
            bid={bid}
            lot={lot.lot}
            periods={periods}
            closed={closed}
            period={period}
            totals={totals.data.totals}
          />
        )
      )}
    </Stack>
  );
}

function LotFollowUp({
  bid,
  lot,
  periods,
  closed,
  period,
  totals,
}: {
  bid: BidDto;
  lot: number;
  periods: readonly Period[];
  closed: readonly Period[];
  period: Period;
  totals: readonly Total[];
}) {
  const memberName = memberNamer(bid);
  const wide = useMediaQuery('(min-width: 62em)', true, { getInitialValueInEffect: false });
  const members = [...new Set(totals.map((total) => total.member))];
  const atPeriod = totals.filter((total) => total.period === period.number);
  const alerts = useDrifts(bid.id);
  const drifts = (alerts.data?.alerts ?? []).filter((alert) => alert.lot === lot);
  const periodOf = (number: number) => periods.find((p) => p.number === number);

  return (
    <Stack gap="lg">
      <Section title="Alertes d’écart">
        <Text size="sm" c="dimmed" mb="xs">
          Une alerte est levée, une seule fois, quand une structure est à plus de 15 % en deçà de
          son prévu cumulé deux mois de suite ; la coordination et la structure la reçoivent par
          courriel.
        </Text>
        {alerts.isPending ? (
          <Loading />
        ) : alerts.isError ? (
          <ErrorPanel error={alerts.error} />
        ) : drifts.length === 0 ? (
          <Text size="sm">Aucune alerte d’écart n’a été levée sur ce lot.</Text>
        ) : (
          <Alert
            color="orange"
            title={`${drifts.length} alerte${drifts.length > 1 ? 's' : ''} d’écart`}
          >
            <List size="sm">
              {drifts.map((drift) => (
                <List.Item key={drift.id}>
                  <DriftText drift={drift} name={memberName(drift.member)} periodOf={periodOf} />
                </List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Section>

      <Section
        title={<>{periodLabel(period)} et cumul depuis le début du marché</>}
        titleId="month-figures"
      >
        {atPeriod.length === 0 ? (
          <Text size="sm">Aucune part prévue ni déclarée pour ce lot.</Text>
        ) : wide ? (
          <DataTable
            minWidth={1000}
            striped
            aria-labelledby="month-figures"
            styles={NUMBERS_ON_ONE_LINE}
            columns={[
              'Structure',
              numeric('Prévu du mois'),
              numeric('Réalisé du mois'),
              numeric('Écart du mois'),
              numeric('Prévu cumulé'),
              numeric('Réalisé cumulé'),
              numeric('Écart cumulé'),
              numeric('Heures prévues (cumul)'),
              numeric('Heures réalisées (cumul)'),
              numeric('Insertion du mois (prévu / réalisé)'),
            ]}
          >
            {atPeriod.map((total) => (
              <Table.Tr key={total.member}>
                <Table.Th scope="row" fw={500}>
                  {memberName(total.member)}
                  {total.declaredCells === 0 && (
                    <Text span size="xs" c="dimmed">
                      {' '}
                      (rien déclaré)
                    </Text>
                  )}
                </Table.Th>
                <Table.Td ta="right">{formatCents(total.plannedCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(total.realisedCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(total.gapCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(total.cumulativePlannedCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(total.cumulativeRealisedCents)}</Table.Td>
                <Table.Td ta="right">{formatCents(total.cumulativeGapCents)}</Table.Td>
                <Table.Td ta="right">
                  {formatWholeHours(total.cumulativePlannedHundredths / 100)}
                </Table.Td>
                <Table.Td ta="right">{formatWholeHours(total.cumulativeRealisedHours)}</Table.Td>
                <Table.Td ta="right">{insertionText(total)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ) : (
          <Stack gap="xs" role="list" aria-labelledby="month-figures">
            {atPeriod.map((total) => (
              <MemberCard key={total.member} name={memberName(total.member)} total={total} />
            ))}
          </Stack>
        )}
      </Section>

      <Section title="Prévu et réalisé cumulés, par structure">
        <ChartLegend />
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} mt="sm">
          {members.map((member) => {
            const own = totals
              .filter((total) => total.member === member)
              .sort((a, b) => a.period - b.period);
            const lastDeclared = Math.max(
              0,
              ...own.filter((t) => t.declaredCells > 0).map((t) => t.period),
            );
            return (
              <CumulativeChart
                key={member}
                title={memberName(member)}
                series={{
                  periods,
                  planned: periods.map(
                    (p) => own.find((t) => t.period === p.number)?.cumulativePlannedCents ?? 0,
                  ),
                  realised: periods.map((p) =>
                    p.number > lastDeclared
                      ? null
                      : (own.find((t) => t.period === p.number)?.cumulativeRealisedCents ?? 0),
                  ),
                }}
              />
            );
          })}
        </SimpleGrid>
      </Section>

      <GapsByTerritory bid={bid} lot={lot} periods={periods} closed={closed} />
    </Stack>
  );
}

/** One alert in words: who, since when, how far behind, when it was raised and mailed. */
function DriftText({
  drift,
  name,
  periodOf,
}: {
  drift: DriftAlert;
  name: string;
  periodOf: (number: number) => Period | undefined;
}) {
  const start = periodOf(drift.startPeriod);
  const alert = periodOf(drift.alertPeriod);
  return (
    <>
      {name} : {DRIFT_MEASURE_WORDS[drift.measure]} à plus de 15 % en deçà du prévu cumulé depuis{' '}
      {start ? periodLabel(start) : `la période ${drift.startPeriod}`} ; fin{' '}
      {alert ? periodLabel(alert) : `de la période ${drift.alertPeriod}`},{' '}
      {driftValue(drift, drift.realised)} réalisés pour {driftValue(drift, drift.planned)} prévus.
      Alerte levée le {formatDate(drift.raisedAt)},{' '}
      {drift.mailed
        ? 'courriels envoyés'
        : drift.mailsQueued === 0
          ? 'sans destinataire'
          : 'courriels en cours d’envoi'}
      .
    </>
  );
}

/** What drifted, in words. */
const DRIFT_MEASURE_WORDS: Record<DriftAlert['measure'], string> = {
  REVENUE: 'chiffre d’affaires',
  HOURS: 'heures travaillées',
  INSERTION_HOURS: 'heures d’insertion',
};

/** A drift's figure in its unit: euros, or hours (stored in hundredths). */
const driftValue = (drift: DriftAlert, value: number) =>
  drift.measure === 'REVENUE' ? formatCents(value) : formatWholeHours(value / 100);

/** The month's insertion hours, planned then realised: « 12 h / 35 h ». */
const insertionText = (total: Total) =>
  `${formatWholeHours(total.plannedInsertionHours)} / ${formatWholeHours(total.realisedInsertionHours)}`;

/** A member's figures on a phone: a card, every amount in view. */
function MemberCard({ name, total }: { name: string; total: Total }) {
  const figures: [string, string][] = [
    ['Prévu du mois', formatCents(total.plannedCents)],
    ['Réalisé du mois', formatCents(total.realisedCents)],
    ['Écart du mois', formatCents(total.gapCents)],
    ['Écart cumulé', formatCents(total.cumulativeGapCents)],
    ['Prévu cumulé', formatCents(total.cumulativePlannedCents)],
    ['Réalisé cumulé', formatCents(total.cumulativeRealisedCents)],
    ['Heures prévues (cumul)', formatWholeHours(total.cumulativePlannedHundredths / 100)],
    ['Heures réalisées (cumul)', formatWholeHours(total.cumulativeRealisedHours)],
    ['Insertion du mois (prévu / réalisé)', insertionText(total)],
  ];
  return (
    <Paper role="listitem" withBorder p="xs">
      <Text fw={600} size="sm">
        {name}
        {total.declaredCells === 0 && (
          <Text span size="xs" c="dimmed">
            {' '}
            (rien déclaré ce mois)
          </Text>
        )}
      </Text>
      <SimpleGrid cols={2} spacing={4} verticalSpacing={2} mt={4} component="dl" m={0}>
        {figures.map(([label, value]) => (
          <div key={label}>
            <Text component="dt" size="xs" c="dimmed">
              {label}
            </Text>
            <Text component="dd" size="sm" fw={500} m={0} style={{ whiteSpace: 'nowrap' }}>
              {value}
            </Text>
          </div>
        ))}
      </SimpleGrid>
    </Paper>
  );
}

/** The heat map: every visible member's gaps summed by territory and closed month. */
function GapsByTerritory({
  bid,
  lot,
  periods,
  closed,
}: {
  bid: BidDto;
  lot: number;
  periods: readonly Period[];
  closed: readonly Period[];
}) {
  const lines = useLines(bid.id, lot, null);
  const territoryName = territoryNamer(bid);
  const closedNumbers = new Set(closed.map((period) => period.number));
  const sums = new Map<string, { plannedCents: number; gapCents: number }>();
  for (const line of lines.data?.lines ?? []) {
    if (!closedNumbers.has(line.period)) continue;
    const key = `${line.territory}|${line.period}`;
    const sum = sums.get(key) ?? { plannedCents: 0, gapCents: 0 };
    sum.plannedCents += line.plannedCents;
    sum.gapCents += line.gapCents;
    sums.set(key, sum);
  }
  const territories = [...new Set((lines.data?.lines ?? []).map((line) => line.territory))]
    .map((code) => ({ code, name: territoryName(lot, code) }))
    .sort((a, b) => a.name.localeCompare(b.name, 'fr'));
  return (
    <Section title="Écarts par territoire et par mois">
      <Text size="sm" c="dimmed" mb="xs">
        Réalisé moins prévu, en euros HT, sommé sur les structures que vous voyez, pour les mois
        échus.
      </Text>
      {lines.isPending ? (
        <Loading />
      ) : lines.isError ? (
        <ErrorPanel error={lines.error} />
      ) : (
        <Stack gap="xs">
          <HeatLegend />
          <GapHeatMap
            caption={`Écarts au prévu par territoire et par mois, lot ${lot}`}
            territories={territories}
            periods={periods}
            cell={(territory, period) => sums.get(`${territory}|${period}`) ?? null}
          />
        </Stack>
      )}
    </Section>
  );
}
