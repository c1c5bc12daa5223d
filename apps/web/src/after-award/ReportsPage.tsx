import {
  Anchor,
  Badge,
  Button,
  Group,
  NativeSelect,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, JobStatusDto } from '../api/schema';
import { type BidAccess, useBidContext } from '../bids/queries';
import { JobProgress } from '../convention/JobProgress';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { formatDate, formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { Section } from '../ui/Section';
import { memberNamer, periodLabel, runningLots } from './model';
import { LotAndPeriodSelects } from './LotAndPeriod';
import { type Report, afterAwardKeys, useApprovals, useAward, useReports } from './queries';

type Kind = Report['report'];

const KINDS: Record<Kind, { title: string; help: string }> = {
  INSERTION: {
    title: 'Rapport d’insertion',
    help: 'Par lot et par mois, comme le facilitateur de la clause sociale le demande (tableur et PDF).',
  },
  EVALUATION: {
    title: 'Évaluation annuelle partagée',
    help: 'Prévu et réalisé de chaque structure sur l’année, écarts et décisions (PDF), que chaque membre approuve.',
  },
  OCDS: {
    title: 'Publication OCDS',
    help: 'Attribution, marchés et exécution au format des données ouvertes de la commande publique (JSON).',
  },
};

const STATUS: Record<Report['status'], { label: string; color: string }> = {
  QUEUED: { label: 'En attente', color: 'blue' },
  RUNNING: { label: 'En préparation', color: 'blue' },
  DONE: { label: 'Prêt', color: 'green' },
  FAILED: { label: 'Échec', color: 'red' },
};

const FILES: Record<string, string> = {
  INSERTION_XLSX: 'Tableur (XLSX)',
  INSERTION_PDF: 'PDF',
  EVALUATION: 'PDF',
  OCDS_CONTRACT: 'JSON (OCDS)',
};

/**
 * « Rapports »: the insertion report of a lot and month, the year's shared evaluation and the
 * OCDS package. The coordinator asks them and follows their preparation; everyone who may read
 * them downloads the files; the members approve the evaluation and everyone sees who did.
 */
export function ReportsPage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  const reports = useReports(bid.id);

  if (award.isPending || reports.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;
  if (reports.isError) return <ErrorPanel error={reports.error} />;

  return (
    <Stack gap="lg">
      <PageIntro title="Rapports">
        Les rapports de l’exécution du marché, préparés à partir des chiffres déclarés en vigueur.
      </PageIntro>
      {access.isCoordinator && <AskReport bid={bid} lots={runningLots(award.data.lots)} />}
      <Section title="Rapports demandés" titleId="list">
        {reports.data.length === 0 ? (
          <Text size="sm">
            {access.isCoordinator
              ? 'Aucun rapport demandé pour l’instant.'
              : 'Aucun rapport que vous puissiez lire pour l’instant.'}
          </Text>
        ) : (
          <Stack gap="sm" role="list" aria-labelledby="list">
            {reports.data.map((report) => (
              <ReportCard key={report.id} bid={bid} access={access} report={report} />
            ))}
          </Stack>
        )}
      </Section>
    </Stack>
  );
}

/** What a report covers, in words. */
function reportSubject(report: Report, lots: ReturnType<typeof runningLots>): string {
  if (report.report === 'INSERTION') {
    const period = lots
      .find((l) => l.lot === report.lot)
      ?.contract.periods.find((p) => p.number === report.period);
    return `lot ${report.lot ?? '?'}, ${period ? periodLabel(period) : `période ${report.period ?? '?'}`}`;
  }
  if (report.report === 'EVALUATION') return `année ${report.year ?? '?'}`;
  return 'tout le marché';
}

/** The coordinator's request: which report, for what, then its preparation's progress. */
function AskReport({ bid, lots }: { bid: BidDto; lots: ReturnType<typeof runningLots> }) {
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>('INSERTION');
  const [lotNumber, setLotNumber] = useState<number | null>(null);
  const [periodNumber, setPeriodNumber] = useState<number | null>(null);
  const lot = lots.find((l) => l.lot === lotNumber) ?? lots[0];
  const period =
    lot?.contract.periods.find((p) => p.number === periodNumber) ?? lot?.contract.periods[0];
  const years = [
    ...new Set(lots.flatMap((l) => l.contract.periods.map((p) => Number(p.startOn.slice(0, 4))))),
  ].sort();
  const [yearChoice, setYear] = useState<number | null>(null);
  const year = yearChoice ?? years[0];
  const [job, setJob] = useState<{ jobId: string; kind: Kind } | null>(null);

  const ask = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/reports', {
          params: { path: { bidId: bid.id } },
          body:
            kind === 'INSERTION'
              ? { report: kind, lot: lot?.lot, period: period?.number }
              : kind === 'EVALUATION'
                ? { report: kind, year }
                : { report: kind },
        }),
      ),
    onSuccess: (accepted) => {
      setJob({ jobId: accepted.jobId, kind });
      void queryClient.invalidateQueries({ queryKey: afterAwardKeys.reports(bid.id) });
    },
  });
  const finished = useCallback(
    (_status: JobStatusDto) =>
      void queryClient.invalidateQueries({ queryKey: afterAwardKeys.reports(bid.id) }),
    [queryClient, bid.id],
  );

  return (
    <Section title="Demander un rapport">
      <Stack gap="sm">
        <Radio.Group label="Rapport" value={kind} onChange={(value) => setKind(value)}>
          <Stack gap={6} mt={4}>
            {(Object.keys(KINDS) as Kind[]).map((value) => (
              <Radio
                key={value}
                value={value}
                label={KINDS[value].title}
                description={KINDS[value].help}
              />
            ))}
          </Stack>
        </Radio.Group>
        {kind === 'INSERTION' && lot && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <LotAndPeriodSelects
              lots={lots}
              lot={lot.lot}
              periods={lot.contract.periods}
              period={period}
              onLot={setLotNumber}
              onPeriod={setPeriodNumber}
            />
          </SimpleGrid>
        )}
        {kind === 'EVALUATION' && year !== undefined && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} maw={720}>
            <NativeSelect
              label="Année"
              value={String(year)}
              onChange={(event) => setYear(Number(event.currentTarget.value))}
              data={years.map((y) => String(y))}
            />
          </SimpleGrid>
        )}
        <Group>
          <Button onClick={() => ask.mutate()} loading={ask.isPending}>
            Préparer le rapport
          </Button>
        </Group>
        <FailureAlert error={ask.error} />
        {job && (
          <JobProgress
            jobId={job.jobId}
            label={`Préparation : ${KINDS[job.kind].title.toLowerCase()}`}
            onFinished={finished}
          />
        )}
      </Stack>
    </Section>
  );
}

/** One report: what it covers, its state, its files, and for an evaluation its approvals. */
function ReportCard({ bid, access, report }: { bid: BidDto; access: BidAccess; report: Report }) {
  const award = useAward(bid.id);
  const lots = award.data ? runningLots(award.data.lots) : [];
  const title = `${KINDS[report.report].title}, ${reportSubject(report, lots)}`;
  return (
    <Paper role="listitem" withBorder p="xs">
      <Group gap="xs" wrap="wrap">
        <Text fw={600} size="sm">
          {title}
        </Text>
        <Badge color={STATUS[report.status].color} variant="light">
          {STATUS[report.status].label}
        </Badge>
      </Group>
      <Text size="xs" c="dimmed">
        Demandé le {formatDateTime(report.requestedAt)}
      </Text>
      {report.failure && (
        <Text size="sm" c="red">
          {report.failure.message}
        </Text>
      )}
      {report.documents.length > 0 && (
        <Group gap="md" mt={4}>
          {report.documents.map((document) => (
            <Anchor
              key={document.id}
              href={document.downloadUrl}
              download={document.filename}
              size="sm"
            >
              Télécharger : {FILES[document.kind] ?? document.filename}
              <Text span size="xs" c="dimmed">
                {' '}
                ({document.filename})
              </Text>
            </Anchor>
          ))}
        </Group>
      )}
      {report.report === 'EVALUATION' && report.status === 'DONE' && (
        <Approvals bid={bid} access={access} report={report} />
      )}
    </Paper>
  );
}

/** Who approved the evaluation, and « Approuver » for the members this person answers for. */
function Approvals({ bid, access, report }: { bid: BidDto; access: BidAccess; report: Report }) {
  const queryClient = useQueryClient();
  const approvals = useApprovals(bid.id, report.id);
  const memberName = memberNamer(bid);
  const approve = useMutation({
    mutationFn: (memberId: string) =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/evaluations/{reportId}/approval', {
          params: { path: { bidId: bid.id, memberId, reportId: report.id } },
        }),
      ),
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: afterAwardKeys.approvals(bid.id, report.id) }),
  });
  if (approvals.isPending) return <Loading />;
  if (approvals.isError)
    return <ErrorPanel error={approvals.error} title="Impossible d’afficher les approbations" />;

  const approved = new Set(approvals.data.approvals.map((a) => a.memberId));
  const mine = [
    ...new Map(
      [...access.editableMembers, ...access.signatoryMembers].map((m) => [m.id, m]),
    ).values(),
  ].filter((member) => !approved.has(member.id));

  return (
    <Stack gap={4} mt="xs">
      <Text size="sm" fw={500}>
        Approbations : {approvals.data.approvals.length} sur {bid.members.length} membres
      </Text>
      {approvals.data.approvals.length > 0 && (
        <Text size="sm">
          {approvals.data.approvals
            .map(
              (a) => `${memberName(a.member)} (${a.approverLabel}, le ${formatDate(a.approvedAt)})`,
            )
            .join(' ; ')}
        </Text>
      )}
      {mine.map((member) => (
        <Group key={member.id}>
          <Button
            size="compact-sm"
            onClick={() => approve.mutate(member.id)}
            loading={approve.isPending && approve.variables === member.id}
          >
            Approuver au nom de {member.organisation.legalName}
          </Button>
        </Group>
      ))}
      <FailureAlert error={approve.error} />
    </Stack>
  );
}
