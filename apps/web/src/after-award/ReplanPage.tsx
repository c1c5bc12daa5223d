import {
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, JobStatusDto } from '../api/schema';
import { useBidContext } from '../bids/queries';
import { JobProgress } from '../convention/JobProgress';
import { FailureAlert } from '../ui/FailureAlert';
import { PageIntro } from '../ui/PageIntro';
import { NoContractYet } from './NoContractYet';
import { ReplanDecision } from './ReplanDecision';
import { DataTable, numeric } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import {
  formatWholeHours,
  lotLabel,
  memberNamer,
  periodLabel,
  runningLots,
  territoryNamer,
} from './model';
import {
  type Period,
  type Replan,
  afterAwardKeys,
  useAward,
  useReplan,
  useReplans,
} from './queries';

const STATUS: Record<Replan['status'], { label: string; color: string }> = {
  QUEUED: { label: 'En cours de calcul', color: 'blue' },
  DONE: { label: 'Calculée', color: 'green' },
  FAILED: { label: 'Échec', color: 'red' },
};

/**
 * « Nouvelle répartition »: from a chosen month on, the allocation computed again on what remains
 * to do, what was realised before staying as it is. The coordinator asks it and follows the
 * computation; everyone reads the new split (their own lines, the others' under open
 * transparency), then the members vote on it and sign its amendment (ReplanDecision).
 */
export function ReplanPage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  const replans = useReplans(bid.id);
  const [selected, setSelected] = useState<number | null>(null);

  if (award.isPending || replans.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;
  if (replans.isError) return <ErrorPanel error={replans.error} />;

  const lots = runningLots(award.data.lots);
  const longest = lots.reduce<Period[]>(
    (best, lot) => (lot.contract.periods.length > best.length ? lot.contract.periods : best),
    [],
  );
  const list = replans.data;
  const shown = selected ?? list.filter((r) => r.status === 'DONE').at(-1)?.number ?? null;

  return (
    <Stack gap="lg">
      <PageIntro title="Nouvelle répartition">
        Quand l’exécution s’écarte du prévu, la répartition des mois restants peut être calculée de
        nouveau : ce qui a été réalisé reste acquis, la demande restante est répartie par le même
        calcul en trois étapes que la répartition signée. Les mois précédents ne changent pas.
      </PageIntro>
      {lots.length === 0 ? (
        <NoContractYet bidId={bid.id} />
      ) : (
        access.isCoordinator && (
          <AskReplan bidId={bid.id} periods={longest} onDone={(number) => setSelected(number)} />
        )
      )}

      <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="replans">
        <Title order={3} size="h4" id="replans" mb="xs">
          Répartitions recalculées
        </Title>
        {list.length === 0 ? (
          <Text size="sm">Aucune nouvelle répartition n’a été demandée.</Text>
        ) : (
          <List size="sm" spacing="xs" listStyleType="none" aria-labelledby="replans">
            {list.map((replan) => {
              const from = longest.find((p) => p.number === replan.fromPeriod);
              return (
                <List.Item key={replan.number}>
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={600}>
                      N° {replan.number}
                    </Text>
                    <Text size="sm">
                      à partir de {from ? periodLabel(from) : `la période ${replan.fromPeriod}`},
                      demandée le {formatDate(replan.createdAt)}
                    </Text>
                    <Badge color={STATUS[replan.status].color} variant="light">
                      {STATUS[replan.status].label}
                    </Badge>
                    {replan.status === 'DONE' && (
                      <Button
                        size="compact-sm"
                        variant={shown === replan.number ? 'filled' : 'light'}
                        onClick={() => setSelected(replan.number)}
                        aria-pressed={shown === replan.number}
                      >
                        Lire la répartition n° {replan.number}
                      </Button>
                    )}
                  </Group>
                  {replan.failure && (
                    <Text size="sm" c="red">
                      {replan.failure.message}
                    </Text>
                  )}
                </List.Item>
              );
            })}
          </List>
        )}
      </Paper>

      {shown !== null && <ReplanDetail bid={bid} number={shown} lots={lots} />}
      {shown !== null && <ReplanDecision bid={bid} access={access} replan={shown} />}
    </Stack>
  );
}

/** The coordinator's request: the first month re-planned, then the computation's progress. */
function AskReplan({
  bidId,
  periods,
  onDone,
}: {
  bidId: string;
  periods: readonly Period[];
  onDone: (number: number) => void;
}) {
  const queryClient = useQueryClient();
  const choices = periods.filter((period) => period.number > 1);
  const [from, setFrom] = useState<number>(choices[0]?.number ?? 2);
  const [job, setJob] = useState<{ jobId: string; number: number } | null>(null);
  const ask = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/award/replans', {
          params: { path: { bidId } },
          body: { fromPeriod: from },
        }),
      ),
    onSuccess: (accepted) => {
      setJob({ jobId: accepted.jobId, number: accepted.number });
      void queryClient.invalidateQueries({ queryKey: afterAwardKeys.replans(bidId) });
    },
  });
  const finished = useCallback(
    (status: JobStatusDto) => {
      void queryClient.invalidateQueries({ queryKey: afterAwardKeys.replans(bidId) });
      if (status.state === 'completed' && job) onDone(job.number);
    },
    [queryClient, bidId, job, onDone],
  );

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="ask">
      <Title order={3} size="h4" id="ask" mb="xs">
        Demander une nouvelle répartition
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
          <NativeSelect
            label="À partir du mois"
            description="Les mois précédents restent tels qu’ils ont été prévus et réalisés."
            value={String(from)}
            onChange={(event) => setFrom(Number(event.currentTarget.value))}
            data={choices.map((p) => ({
              value: String(p.number),
              label: `${periodLabel(p)} (mois ${p.number})`,
            }))}
          />
        </SimpleGrid>
        <Group>
          <Button onClick={() => ask.mutate()} loading={ask.isPending}>
            Calculer la nouvelle répartition
          </Button>
        </Group>
        <FailureAlert error={ask.error} />
        {job && (
          <JobProgress
            jobId={job.jobId}
            label={`Calcul de la nouvelle répartition n° ${job.number}`}
            onFinished={finished}
          />
        )}
      </Stack>
    </Paper>
  );
}

/** One re-plan: per lot, its totals, then the lines of one month per member and territory. */
function ReplanDetail({
  bid,
  number,
  lots,
}: {
  bid: BidDto;
  number: number;
  lots: ReturnType<typeof runningLots>;
}) {
  const replan = useReplan(bid.id, number);
  const [lotNumber, setLotNumber] = useState<number | null>(null);
  const [periodNumber, setPeriodNumber] = useState<number | null>(null);
  const memberName = memberNamer(bid);
  const territoryName = territoryNamer(bid);
  const titleId = 'replan-detail';

  if (replan.isPending) return <Loading />;
  if (replan.isError) return <ErrorPanel error={replan.error} />;
  const result = replan.data.result;
  if (!result) return null;

  const lotNumbers = [...new Set(result.totals.map((total) => total.lot))];
  const lot = lotNumbers.includes(lotNumber ?? -1) ? (lotNumber as number) : lotNumbers[0];
  const contract = lots.find((l) => l.lot === lot);
  const ofLot = result.lines.filter((line) => line.lot === lot);
  const periodNumbers = [...new Set(ofLot.map((line) => line.period))].sort((a, b) => a - b);
  const period = periodNumbers.includes(periodNumber ?? -1)
    ? (periodNumber as number)
    : periodNumbers[0];
  const periodOf = (n: number) => contract?.contract.periods.find((p) => p.number === n);
  const label = (n: number) => {
    const found = periodOf(n);
    return found ? periodLabel(found) : `Période ${n}`;
  };
  const lines = ofLot
    .filter((line) => line.period === period)
    .map((line) => ({
      ...line,
      name: memberName(line.org),
      territoryName: territoryName(line.lot, line.territory),
    }))
    .sort(
      (a, b) =>
        Number(a.org === null) - Number(b.org === null) ||
        a.name.localeCompare(b.name, 'fr') ||
        a.territoryName.localeCompare(b.territoryName, 'fr'),
    );
  const total = result.totals.find((t) => t.lot === lot);
  const title = (n: number) =>
    lotLabel(n, bid.lots.find((l) => l.number === n)?.title ?? `Lot ${n}`);

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Title order={3} size="h4" id={titleId} mb="xs">
        Nouvelle répartition n° {number}
      </Title>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
          <NativeSelect
            label="Lot"
            value={String(lot)}
            onChange={(event) => {
              setLotNumber(Number(event.currentTarget.value));
              setPeriodNumber(null);
            }}
            data={lotNumbers.map((n) => ({ value: String(n), label: title(n) }))}
          />
          {period !== undefined && (
            <NativeSelect
              label="Mois"
              value={String(period)}
              onChange={(event) => setPeriodNumber(Number(event.currentTarget.value))}
              data={periodNumbers.map((n) => ({ value: String(n), label: label(n) }))}
            />
          )}
        </SimpleGrid>
        {total && (
          <Text size="sm">
            Montant attribué {formatCents(total.awardedCents)} : {formatCents(total.keptCents)}{' '}
            prévus avant {label(replan.data.fromPeriod).toLowerCase()}, inchangés, et{' '}
            {formatCents(total.replannedCents)} répartis de nouveau
            {total.replannedUncoveredCents > 0 &&
              `, dont ${formatCents(total.replannedUncoveredCents)} non couverts`}
            .
          </Text>
        )}
        {lines.length === 0 ? (
          <Text size="sm">Aucune ligne que vous puissiez voir pour ce lot et ce mois.</Text>
        ) : (
          <DataTable
            minWidth={640}
            striped
            scrollRegionLabel={`Nouvelle répartition n° ${number}, ${title(lot ?? 0)}`}
            aria-labelledby={titleId}
            columns={['Structure', 'Territoire', 'Mois', numeric('Heures'), numeric('Montant HT')]}
          >
            {lines.map((line) => (
              <Table.Tr key={`${line.org ?? '-'}|${line.territory}`}>
                <Table.Th scope="row" fw={500}>
                  {line.name}
                </Table.Th>
                <Table.Td>{line.territoryName}</Table.Td>
                <Table.Td>{label(line.period)}</Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatWholeHours(line.hundredths / 100)}
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatCents(line.amountCents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>
    </Paper>
  );
}
