import { Button, Card, Center, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, HistoryPageDto } from '../api/schema';
import { DataTable } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { formatDateTime, formatHours } from '../ui/format';
import { statusOf } from '../ui/labels';
import { Loading } from '../ui/Loading';
import { actorOf } from './historyWords';
import { bidKeys, useBidContext } from './queries';

const PAGE_SIZE = 50;

type Entry = HistoryPageDto['items'][number];

/** The api's audit records carry free-form JSON: read a field only if it has the expected type. */
const field = (value: unknown, key: string): unknown =>
  typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
const text = (value: unknown, key: string): string | null => {
  const found = field(value, key);
  return typeof found === 'string' ? found : null;
};
const count = (value: unknown, key: string): number | null => {
  const found = field(value, key);
  return typeof found === 'number' ? found : null;
};

const EVENT: Record<string, string> = {
  OPEN_CAPACITY_CALL: 'Appel à capacités ouvert',
  CLOSE_CAPACITY_CALL: 'Appel à capacités clos',
  REOPEN_CAPACITY_CALL: 'Appel à capacités rouvert',
  PROPOSE: 'Répartition soumise au vote',
  REVISE: 'Répartition renvoyée en révision',
  AGREE: 'Répartition approuvée par les membres',
  OPEN_SIGNING: 'Signature de la convention ouverte',
  COMPLETE_SIGNING: 'Convention signée par tous les membres',
  SUBMIT: 'Offre déposée',
  AWARD: 'Marché attribué',
  LOSE: 'Marché non obtenu',
  WITHDRAW: 'Candidature abandonnée',
};

const MEMBER_ACTION: Record<string, string> = {
  'member.invited': 'Membre invité',
  'member.invitation_link_sent': 'Lien d’invitation envoyé',
  'member.accepted': 'Invitation acceptée',
  'member.declined': 'Invitation déclinée',
  'member.data_complete': 'Données du membre complètes',
  'member.signed': 'Membre signataire de la convention',
  'member.withdrawn': 'Membre retiré du groupement',
  'member.data_updated': 'Données du membre modifiées',
  'member.offers_declared': 'Capacités déclarées',
};

const CHANGE_REQUEST_STATUS: Record<string, string> = {
  OPEN: 'ouverte',
  REALLOCATED: 'répartition refaite',
  AMENDMENT_SIGNING: 'avenant en signature',
  CLOSED: 'close',
  REJECTED: 'rejetée',
};

const CHANGE_REQUEST_REASON: Record<string, string> = {
  MEMBER_UNABLE_TO_PERFORM: 'membre dans l’incapacité d’exécuter sa part',
  RESTRUCTURING: 'restructuration du membre',
};

const DOCUMENT_SET: Record<string, string> = {
  CONVENTION: 'convention de groupement',
  EXPORTS: 'documents pour l’acheteur (DC1, DC4, XLSX, CSV, OCDS)',
  AMENDMENT: 'avenant et lettre à l’acheteur',
};

const CONVENTION_SETTING: Record<string, string> = {
  locale: 'pays de la convention',
  paymentFlow: 'circuit des paiements',
  uncoveredWorkRule: 'règle de la part non couverte',
  redistributionDays: 'délai de reversement',
  exitNoticeDays: 'préavis de sortie',
  mandataireFeeBasisPoints: 'rémunération du mandataire',
  steeringMeetingsPerYear: 'comités de pilotage par an',
  quorumPercent: 'quorum',
  decisionRule: 'règle de décision',
  doubleMajorityMembersPercent: 'double majorité : part des membres',
  doubleMajorityAmountPercent: 'double majorité : part des montants',
  contractNature: 'nature du marché',
  vatRateBasisPoints: 'taux de TVA',
  paymentTermDays: 'délai de paiement',
  // Changes recorded before the disputes clause left the court to the ordinary rules of law.
  court: 'tribunal compétent',
};

/** What happened, in words, and on what; an unknown action is shown as the api names it. */
function describe(entry: Entry, bid: BidDto): { what: string; detail: string | null } {
  const { after, before } = entry;
  const byKey = (key: string | null) =>
    key === null
      ? null
      : (bid.members.find((member) => member.key === key)?.organisation.legalName ?? key);
  const memberById = () =>
    bid.members.find((member) => member.id === entry.entityId)?.organisation.legalName ?? null;

  // The subcontracting tier: whom for, and whether a coordinator acted on the member's behalf.
  const principalId = text(after, 'principalId') ?? text(after, 'subcontractorOf');
  const principalName = principalId
    ? (bid.members.find((member) => member.id === principalId)?.organisation.legalName ?? null)
    : null;
  const forPrincipal = principalName
    ? field(after, 'onBehalf') === true
      ? ` (pour le compte de ${principalName}, par la coordination)`
      : ` (sous-traitant de ${principalName})`
    : '';
  if (principalId && (entry.action === 'member.invited' || entry.action === 'member.withdrawn')) {
    const name = text(after, 'organisation') ?? text(after, 'subcontractorName') ?? memberById();
    return {
      what: entry.action === 'member.invited' ? 'Sous-traitant invité' : 'Sous-traitant retiré',
      detail: `${name ?? ''}${forPrincipal}`.trim() || null,
    };
  }
  if (entry.action === 'subcontract.created' || entry.action === 'subcontract.updated') {
    const lot = count(after, 'lot');
    const name = text(after, 'subcontractorName');
    return {
      what:
        entry.action === 'subcontract.created'
          ? 'Sous-traitance confiée'
          : 'Sous-traitance modifiée',
      detail:
        `${lot === null ? '' : `Lot ${lot}`}${name ? ` — ${name}` : ''}${forPrincipal}`.trim() ||
        null,
    };
  }

  const memberAction = MEMBER_ACTION[entry.action];
  if (memberAction !== undefined) {
    const name = memberById() ?? text(after, 'organisation');
    const parts = [name];
    if (entry.action === 'member.declined') parts.push(text(after, 'reason'));
    if (entry.action === 'member.offers_declared') {
      const offers = count(after, 'offers');
      const hours = count(after, 'hours');
      if (offers !== null && hours !== null) {
        parts.push(`${offers} offre${offers > 1 ? 's' : ''}, ${formatHours(hours)}`);
      }
    }
    return { what: memberAction, detail: parts.filter(Boolean).join(' — ') || null };
  }

  switch (entry.action) {
    case 'bid.imported':
      return { what: 'Candidature importée', detail: null };
    case 'bid.renewed': {
      const members = count(after, 'membersCarried');
      const offers = count(after, 'offersCarried');
      return {
        what: 'Candidature créée par le renouvellement d’un marché attribué',
        detail:
          members === null || offers === null
            ? null
            : `${members} membres invités à nouveau, ${offers} offres proposées`,
      };
    }
    case 'bid.renewal_started':
      return { what: 'Marché renouvelé : nouvelle candidature créée', detail: null };
    case 'bid.transition': {
      const event = text(after, 'event');
      const from = text(before, 'status');
      const to = text(after, 'status');
      return {
        what: (event && EVENT[event]) ?? 'Étape de la candidature',
        detail: from && to ? `${statusOf(from).label} → ${statusOf(to).label}` : null,
      };
    }
    case 'bid.settings_changed':
      return {
        what: 'Partage des offres modifié',
        detail:
          text(after, 'transparency') === 'OPEN'
            ? 'Les membres voient les offres des autres'
            : 'Les membres ne voient que la répartition',
      };
    case 'bid.convention_settings_changed': {
      const changed = Object.keys(CONVENTION_SETTING).filter(
        (key) => JSON.stringify(field(before, key)) !== JSON.stringify(field(after, key)),
      );
      return {
        what: 'Paramètres de la convention modifiés',
        detail: changed.map((key) => CONVENTION_SETTING[key]).join(', ') || null,
      };
    }
    case 'allocation.computed':
    case 'allocation.overridden': {
      const number = count(after, 'number');
      const override = field(after, 'override');
      const hoursBefore = count(override, 'hoursBefore');
      const hoursAfter = count(override, 'hoursAfter');
      const change =
        override && hoursBefore !== null && hoursAfter !== null
          ? ` : ${byKey(text(override, 'org'))}, lot ${String(field(override, 'lot'))}, ${formatHours(hoursBefore)} → ${formatHours(hoursAfter)}`
          : '';
      return {
        what:
          entry.action === 'allocation.computed'
            ? 'Répartition calculée'
            : 'Répartition modifiée à la main',
        detail: number === null ? null : `Version ${number}${change}`,
      };
    }
    case 'allocation.voted': {
      const choice = text(after, 'choice') === 'APPROVE' ? 'approuve' : 'objecte';
      const comment = text(after, 'comment');
      return {
        what: 'Vote sur la répartition',
        detail: `${byKey(text(after, 'member'))} ${choice}${comment ? ` : « ${comment} »` : ''}`,
      };
    }
    case 'documents.generated': {
      const set = text(after, 'documentSet');
      return { what: 'Documents générés', detail: (set && DOCUMENT_SET[set]) ?? set };
    }
    case 'document.frozen':
      return { what: 'Convention figée pour la signature', detail: null };
    case 'document.signed': {
      const revision = count(after, 'revision');
      return {
        what: 'Convention signée',
        detail: `${byKey(text(after, 'member'))}${revision === null ? '' : ` (signature n° ${revision})`}`,
      };
    }
    case 'change_request.opened': {
      const reason = text(after, 'reason');
      return {
        what: 'Demande de modification ouverte',
        detail: `${byKey(text(after, 'member'))} quitte le groupement${reason && CHANGE_REQUEST_REASON[reason] ? ` : ${CHANGE_REQUEST_REASON[reason]}` : ''}`,
      };
    }
    case 'change_request.transition': {
      const status = text(after, 'status');
      return {
        what: 'Demande de modification',
        detail: status ? `Désormais ${CHANGE_REQUEST_STATUS[status] ?? status}` : null,
      };
    }
    case 'charter.accepted': {
      const organisationId = text(after, 'organisationId');
      const version = count(after, 'version');
      const name = bid.members.find((member) => member.organisation.id === organisationId)
        ?.organisation.legalName;
      return {
        what: 'Charte du réseau acceptée',
        detail:
          [name, version === null ? null : `version ${version}`].filter(Boolean).join(', ') || null,
      };
    }
    default:
      return { what: entry.action, detail: entry.entityType };
  }
}

/** Every change of the bid, the latest first, page by page: members see it as well. */
export function HistoryPage() {
  const { bid } = useBidContext();
  const wide = useMediaQuery('(min-width: 48em)');
  const history = useInfiniteQuery({
    queryKey: bidKeys.part(bid.id, 'history'),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/bids/{bidId}/history', {
          params: {
            path: { bidId: bid.id },
            query: { limit: PAGE_SIZE, ...(pageParam && { beforeSeq: pageParam }) },
          },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
  });

  if (history.isPending) return <Loading />;
  // A failed "see more" keeps the pages already read; only a failed first page has none.
  if (!history.data) return <ErrorPanel error={history.error} />;
  const entries = history.data.pages.flatMap((page) => page.items);

  return (
    <Stack gap="md">
      <Title order={2}>Historique</Title>
      <Text c="dimmed">
        Chaque changement de la candidature, le plus récent d’abord : ce journal ne se modifie pas.
      </Text>
      {entries.length === 0 ? (
        <Text c="dimmed">Aucun changement enregistré pour l’instant.</Text>
      ) : wide ? (
        <DataTable minWidth={720} striped columns={['Date', 'Par', 'Action', 'Détail']}>
          {entries.map((entry) => {
            const { what, detail } = describe(entry, bid);
            return (
              <Table.Tr key={entry.seq}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDateTime(entry.occurredAt)}
                </Table.Td>
                <Table.Td style={{ wordBreak: 'break-word' }}>{actorOf(entry)}</Table.Td>
                <Table.Td>{what}</Table.Td>
                <Table.Td>{detail ?? '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </DataTable>
      ) : (
        <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {entries.map((entry) => {
            const { what, detail } = describe(entry, bid);
            return (
              <Card key={entry.seq} withBorder component="li" padding="sm">
                <Text fw={600}>{what}</Text>
                {detail && <Text size="sm">{detail}</Text>}
                <Text size="xs" c="dimmed" style={{ wordBreak: 'break-word' }}>
                  {formatDateTime(entry.occurredAt)} · {actorOf(entry)}
                </Text>
              </Card>
            );
          })}
        </Stack>
      )}
      {history.hasNextPage && (
        <Center>
          <Group>
            <Button
              variant="default"
              onClick={() => void history.fetchNextPage()}
              loading={history.isFetchingNextPage}
            >
              Voir plus
            </Button>
          </Group>
        </Center>
      )}
      {history.isFetchNextPageError && <FailureAlert error={history.error} />}
    </Stack>
  );
}
