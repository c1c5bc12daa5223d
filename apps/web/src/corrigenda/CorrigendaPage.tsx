import {
  Alert,
  Badge,
  Button,
  Card,
  CloseButton,
  Fieldset,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { decimalValue } from '@cordage/domain/french-decimal';
import { api } from '../api/client';
import { ApiError, messageOf, unwrap } from '../api/errors';
import type {
  BidDto,
  CorrigendumDto,
  CorrigendumInputDto,
  CorrigendumPlanDto,
} from '../api/schema';
import { bidKeys, useBidContext } from '../bids/queries';
import { useRefreshBid } from '../members/queries';
import { DataTable, numeric } from '../ui/DataTable';
import { DecimalInput } from '../ui/DecimalInput';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatDate, formatDateTime, formatHours, parseEuros } from '../ui/format';
import { Loading } from '../ui/Loading';
import { TerritorySelect } from '../ui/TerritorySelect';

type Change = CorrigendumInputDto['changes'][number];
type Kind = Exclude<Change['kind'], 'LOT_ADDED'>;

/** The changes the form offers, in the coordinator's words. */
const KINDS: { value: Kind; label: string }[] = [
  { value: 'LOT_CHANGED', label: 'Modifier l’intitulé ou le montant d’un lot' },
  { value: 'CELL_CHANGED', label: 'Modifier les heures demandées sur un territoire' },
  { value: 'CELL_ADDED', label: 'Ajouter un territoire à un lot' },
  { value: 'CELL_REMOVED', label: 'Retirer un territoire d’un lot' },
  { value: 'DEADLINES_MOVED', label: 'Déplacer une date limite' },
];

/** Until signing opens, the tender is corrected here; afterwards through a change request. */
const OPEN_STATUSES: readonly BidDto['status'][] = [
  'DRAFT',
  'COLLECTING',
  'ALLOCATING',
  'PROPOSED',
  'AGREED',
];

const lotName = (bid: BidDto, number: number) => {
  const lot = bid.lots.find((candidate) => candidate.number === number);
  return lot ? `lot ${number} (${lot.title})` : `lot ${number}`;
};

const placeName = (bid: BidDto, lot: number, territory: string) => {
  const cell = bid.lots
    .find((candidate) => candidate.number === lot)
    ?.cells.find((candidate) => candidate.territory === territory);
  return cell ? (cell.label ?? cell.territoryName) : territory;
};

/** A pending change, as a sentence. */
function describe(bid: BidDto, change: Change): string {
  switch (change.kind) {
    case 'LOT_CHANGED':
      return [
        `${lotName(bid, change.lot)} :`,
        change.title !== undefined && `nouvel intitulé « ${change.title} »`,
        change.amountCents !== undefined && `nouveau montant ${formatCents(change.amountCents)} HT`,
      ]
        .filter(Boolean)
        .join(' ');
    case 'CELL_CHANGED':
      return `${lotName(bid, change.lot)} : ${formatHours(change.demandHours)} demandées à ${placeName(bid, change.lot, change.territory)}`;
    case 'CELL_ADDED':
      return `${lotName(bid, change.lot)} : ajout de ${change.territory}, ${formatHours(change.demandHours)} demandées`;
    case 'CELL_REMOVED':
      return `${lotName(bid, change.lot)} : retrait de ${placeName(bid, change.lot, change.territory)}`;
    case 'DEADLINES_MOVED':
      return [
        change.capacityDeadline &&
          `appel à capacités jusqu’au ${formatDateTime(change.capacityDeadline)}`,
        change.applicationDeadline &&
          `remise des candidatures avant le ${formatDateTime(change.applicationDeadline)}`,
      ]
        .filter(Boolean)
        .join(' ; ');
    case 'LOT_ADDED':
      return `Nouveau lot ${change.lot} : « ${change.title} »`;
  }
}

/** A local date and time typed in the field (2026-12-20T12:00), to ISO 8601; null when empty. */
const isoOf = (local: string): string | null => (local ? new Date(local).toISOString() : null);

const today = () => new Date().toISOString().slice(0, 10);

/** The buyer's corrigenda: the coordinator records one with its changes, everyone reads them. */
export function CorrigendaPage() {
  const { bid, access } = useBidContext();
  const history = useQuery({
    queryKey: bidKeys.part(bid.id, 'corrigenda'),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/corrigenda', { params: { path: { bidId: bid.id } } })),
  });
  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Avis rectificatifs</Title>
        <Text size="sm" c="gray.7">
          Quand l’acheteur rectifie sa consultation (lots, territoires, montants, dates), le
          coordinateur le reporte ici. Les déclarations et les versions de la répartition qui ne
          correspondent plus sont conservées et marquées périmées ; chaque membre est prévenu par
          mail.
        </Text>
      </div>
      {access.isCoordinator &&
        (OPEN_STATUSES.includes(bid.status) ? (
          <CorrigendumForm bid={bid} />
        ) : (
          <Alert color="gray" role="status">
            La convention est en signature ou la candidature est déposée : un avis rectificatif ne
            s’applique plus ici. Ouvrez une demande de modification, sur la page Décision, pour
            changer la répartition par un avenant.
          </Alert>
        ))}
      <Title order={3} size="h4">
        Avis appliqués
      </Title>
      {history.isPending ? (
        <Loading />
      ) : history.isError ? (
        <ErrorPanel error={history.error} />
      ) : history.data.length === 0 ? (
        <Text size="sm" c="gray.7">
          Aucun avis rectificatif n’a été appliqué à cette candidature.
        </Text>
      ) : (
        history.data.map((corrigendum) => (
          <CorrigendumCard key={corrigendum.number} corrigendum={corrigendum} />
        ))
      )}
    </Stack>
  );
}

function CorrigendumCard({ corrigendum }: { corrigendum: CorrigendumDto }) {
  return (
    <Card withBorder component="article" aria-labelledby={`avis-${corrigendum.number}`}>
      <Group justify="space-between" align="flex-start">
        <Title order={4} size="h5" id={`avis-${corrigendum.number}`}>
          Avis rectificatif n° {corrigendum.number}
          {corrigendum.buyerReference && ` (${corrigendum.buyerReference})`} du{' '}
          {formatDate(corrigendum.publishedOn)}
        </Title>
        <Text size="xs" c="gray.7">
          Appliqué le {formatDateTime(corrigendum.createdAt)} par {corrigendum.author}
        </Text>
      </Group>
      <Text size="sm" mt="xs">
        {corrigendum.reason}
      </Text>
      <List size="sm" mt="xs">
        {corrigendum.summary.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      <Group gap="xs" mt="xs">
        <Badge color={corrigendum.outdatedOffers > 0 ? 'orange' : 'gray'} variant="light">
          {corrigendum.outdatedOffers} déclaration{corrigendum.outdatedOffers > 1 ? 's' : ''}{' '}
          périmée{corrigendum.outdatedOffers > 1 ? 's' : ''}
        </Badge>
        {corrigendum.outdatedVersions.length > 0 && (
          <Badge color="orange" variant="light">
            Version{corrigendum.outdatedVersions.length > 1 ? 's' : ''}{' '}
            {corrigendum.outdatedVersions.join(', ')} périmée
            {corrigendum.outdatedVersions.length > 1 ? 's' : ''}
          </Badge>
        )}
      </Group>
    </Card>
  );
}

/** The change being written, as typed. */
interface Draft {
  kind: Kind;
  lot: string;
  territory: string;
  title: string;
  amount: string;
  hours: string;
  capacityDeadline: string;
  applicationDeadline: string;
}

const EMPTY_DRAFT: Draft = {
  kind: 'LOT_CHANGED',
  lot: '',
  territory: '',
  title: '',
  amount: '',
  hours: '',
  capacityDeadline: '',
  applicationDeadline: '',
};

/** The change the draft says, or why it cannot be added yet. */
function changeOf(draft: Draft): Change | string {
  const lot = Number(draft.lot);
  if (draft.kind === 'DEADLINES_MOVED') {
    const capacityDeadline = isoOf(draft.capacityDeadline);
    const applicationDeadline = isoOf(draft.applicationDeadline);
    if (!capacityDeadline && !applicationDeadline) return 'Indiquez au moins une nouvelle date.';
    return {
      kind: 'DEADLINES_MOVED',
      ...(capacityDeadline && { capacityDeadline }),
      ...(applicationDeadline && { applicationDeadline }),
    };
  }
  if (!draft.lot) return 'Choisissez le lot.';
  if (draft.kind === 'LOT_CHANGED') {
    const title = draft.title.trim();
    const amountCents = draft.amount.trim() ? parseEuros(draft.amount) : undefined;
    if (amountCents === null) return 'Le montant n’est pas un nombre d’euros.';
    if (!title && amountCents === undefined)
      return 'Indiquez le nouvel intitulé ou le nouveau montant.';
    return {
      kind: 'LOT_CHANGED',
      lot,
      ...(title && { title }),
      ...(amountCents !== undefined && { amountCents }),
    };
  }
  if (!draft.territory) return 'Choisissez le territoire.';
  if (draft.kind === 'CELL_REMOVED')
    return { kind: 'CELL_REMOVED', lot, territory: draft.territory };
  const demandHours = decimalValue(draft.hours);
  if (demandHours === null) return 'Indiquez les heures demandées.';
  return { kind: draft.kind, lot, territory: draft.territory, demandHours };
}

function CorrigendumForm({ bid }: { bid: BidDto }) {
  const queryClient = useQueryClient();
  const refreshBid = useRefreshBid(bid.id);
  const [reason, setReason] = useState('');
  const [buyerReference, setBuyerReference] = useState('');
  const [publishedOn, setPublishedOn] = useState(today);
  const [changes, setChanges] = useState<Change[]>([]);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [draftError, setDraftError] = useState<string | null>(null);
  const [plan, setPlan] = useState<CorrigendumPlanDto | null>(null);

  const input = (): CorrigendumInputDto => ({
    reason,
    buyerReference: buyerReference.trim() || null,
    publishedOn,
    changes,
  });
  /** Anything typed makes the preview stale: it is asked again before applying. */
  const edit =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPlan(null);
    };

  const preview = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/corrigenda/preview', {
          params: { path: { bidId: bid.id } },
          body: input(),
        }),
      ),
    onSuccess: setPlan,
  });
  const apply = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/corrigenda', {
          params: { path: { bidId: bid.id } },
          body: input(),
        }),
      ),
    onSuccess: (applied) => {
      notifications.show({
        color: 'green',
        message: `Avis rectificatif n° ${applied.number} appliqué : les membres sont prévenus par mail.`,
      });
      setChanges([]);
      setReason('');
      setBuyerReference('');
      setPlan(null);
      void refreshBid();
      void queryClient.invalidateQueries({ queryKey: bidKeys.part(bid.id) });
    },
  });

  const lot = bid.lots.find((candidate) => String(candidate.number) === draft.lot);
  const setField = (field: keyof Draft) => (value: string) =>
    setDraft((current) => ({ ...current, [field]: value }));
  const addChange = () => {
    const change = changeOf(draft);
    if (typeof change === 'string') {
      setDraftError(change);
      return;
    }
    setDraftError(null);
    edit(setChanges)([...changes, change]);
    setDraft({ ...EMPTY_DRAFT, kind: draft.kind });
  };
  const failure = preview.error ?? apply.error;

  return (
    <Card withBorder component="section" aria-labelledby="new-corrigendum">
      <Stack gap="md">
        <Title order={3} size="h4" id="new-corrigendum">
          Reporter un avis rectificatif
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Référence de l’avis chez l’acheteur"
            description="Facultative : le numéro de l’avis publié (BOAMP, profil d’acheteur)"
            value={buyerReference}
            onChange={(event) => edit(setBuyerReference)(event.currentTarget.value)}
          />
          <TextInput
            type="date"
            label="Date de publication de l’avis"
            required
            value={publishedOn}
            onChange={(event) => edit(setPublishedOn)(event.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label="Motif"
          description="Ce que l’acheteur a rectifié, et pourquoi : repris dans le mail aux membres"
          required
          autosize
          minRows={2}
          value={reason}
          onChange={(event) => edit(setReason)(event.currentTarget.value)}
        />

        <Fieldset legend="Ajouter un changement">
          <Stack gap="sm">
            <NativeSelect
              label="Nature du changement"
              data={KINDS}
              value={draft.kind}
              onChange={(event) =>
                setDraft({ ...EMPTY_DRAFT, kind: event.currentTarget.value as Kind })
              }
            />
            {draft.kind !== 'DEADLINES_MOVED' && (
              <NativeSelect
                label="Lot"
                data={[
                  { value: '', label: 'Choisissez le lot', disabled: true },
                  ...bid.lots.map((candidate) => ({
                    value: String(candidate.number),
                    label: `Lot ${candidate.number} — ${candidate.title}`,
                  })),
                ]}
                value={draft.lot}
                onChange={(event) =>
                  setDraft({ ...draft, lot: event.currentTarget.value, territory: '' })
                }
              />
            )}
            {draft.kind === 'LOT_CHANGED' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Nouvel intitulé"
                  description={lot ? `Aujourd’hui : ${lot.title}` : undefined}
                  value={draft.title}
                  onChange={(event) => setField('title')(event.currentTarget.value)}
                />
                <DecimalInput
                  label="Nouveau montant (€ HT)"
                  unit="€"
                  maxDecimals={2}
                  description={lot ? `Aujourd’hui : ${formatCents(lot.amountCents)} HT` : undefined}
                  value={draft.amount}
                  onChange={(event) => setField('amount')(event.currentTarget.value)}
                />
              </SimpleGrid>
            )}
            {(draft.kind === 'CELL_CHANGED' || draft.kind === 'CELL_REMOVED') && (
              <NativeSelect
                label="Territoire"
                data={[
                  { value: '', label: 'Choisissez le territoire', disabled: true },
                  ...(lot?.cells ?? []).map((cell) => ({
                    value: cell.territory,
                    label: `${cell.label ?? cell.territoryName} — ${formatHours(cell.demandHours)} demandées`,
                  })),
                ]}
                value={draft.territory}
                onChange={(event) => setField('territory')(event.currentTarget.value)}
                disabled={!lot}
              />
            )}
            {draft.kind === 'CELL_ADDED' && (
              <TerritorySelect
                label="Territoire à ajouter"
                value={draft.territory}
                onChange={setField('territory')}
                near={bid.lots.flatMap((candidate) =>
                  candidate.cells.map((cell) => cell.territory),
                )}
              />
            )}
            {(draft.kind === 'CELL_CHANGED' || draft.kind === 'CELL_ADDED') && (
              <DecimalInput
                label="Heures demandées"
                unit="h"
                value={draft.hours}
                onChange={(event) => setField('hours')(event.currentTarget.value)}
              />
            )}
            {draft.kind === 'DEADLINES_MOVED' && (
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  type="datetime-local"
                  label="Nouvelle clôture de l’appel à capacités"
                  description="Seulement pendant l’appel à capacités"
                  value={draft.capacityDeadline}
                  onChange={(event) => setField('capacityDeadline')(event.currentTarget.value)}
                />
                <TextInput
                  type="datetime-local"
                  label="Nouvelle date limite de remise des candidatures"
                  description={`Aujourd’hui : ${formatDateTime(bid.tender.deadline)}`}
                  value={draft.applicationDeadline}
                  onChange={(event) => setField('applicationDeadline')(event.currentTarget.value)}
                />
              </SimpleGrid>
            )}
            {draftError && (
              <Text size="sm" c="red.8" role="alert">
                {draftError}
              </Text>
            )}
            <Group>
              <Button variant="light" onClick={addChange}>
                Ajouter ce changement
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        {changes.length > 0 && (
          <div>
            <Text fw={600} size="sm">
              Changements de l’avis ({changes.length})
            </Text>
            <List size="sm" mt={4}>
              {changes.map((change, index) => (
                <List.Item key={`${index}-${change.kind}`}>
                  <Group gap={4} wrap="nowrap">
                    <span>{describe(bid, change)}</span>
                    <CloseButton
                      size="sm"
                      aria-label={`Retirer le changement : ${describe(bid, change)}`}
                      onClick={() => edit(setChanges)(changes.filter((_, at) => at !== index))}
                    />
                  </Group>
                </List.Item>
              ))}
            </List>
          </div>
        )}

        {failure && (
          <Alert color="red" role="alert" title="L’avis rectificatif n’est pas appliqué">
            {messageOf(failure)}
            {failure instanceof ApiError && failure.problems.length > 0 && (
              <List size="sm" mt="xs">
                {failure.problems.map((problem) => (
                  <List.Item key={`${problem.path}-${problem.code}`}>{problem.message}</List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}

        {plan && <PlanSummary bid={bid} plan={plan} />}

        <Group>
          <Button
            variant={plan ? 'default' : 'filled'}
            disabled={changes.length === 0}
            loading={preview.isPending}
            onClick={() => preview.mutate()}
          >
            Voir ce qui sera périmé
          </Button>
          <Button
            color="orange"
            disabled={!plan}
            loading={apply.isPending}
            onClick={() => apply.mutate()}
          >
            Appliquer l’avis rectificatif{plan ? ` n° ${plan.number}` : ''}
          </Button>
        </Group>
        {!plan && changes.length > 0 && (
          <Text size="xs" c="gray.7">
            Voyez d’abord ce que l’avis rendra périmé : le bouton « Appliquer » s’active ensuite.
          </Text>
        )}
      </Stack>
    </Card>
  );
}

/** What applying will do, before it is done. */
function PlanSummary({ bid, plan }: { bid: BidDto; plan: CorrigendumPlanDto }) {
  return (
    <Alert color="orange" title={`Avant d’appliquer l’avis n° ${plan.number}`} role="status">
      <List size="sm">
        {plan.summary.map((line) => (
          <List.Item key={line}>{line}</List.Item>
        ))}
      </List>
      {plan.revise && (
        <Text size="sm" mt="xs" fw={600}>
          La répartition soumise au vote ou approuvée est abandonnée : la candidature revient à la
          répartition.
        </Text>
      )}
      <Text size="sm" mt="xs">
        {plan.outdatedVersions.length === 0
          ? 'Aucune version de la répartition ne sera périmée.'
          : `Versions de la répartition périmées : ${plan.outdatedVersions.join(', ')}.`}
      </Text>
      {plan.outdatedOffers.length === 0 ? (
        <Text size="sm" mt="xs">
          Aucune déclaration de membre ne sera périmée.
        </Text>
      ) : (
        <>
          <Text size="sm" mt="xs">
            {plan.outdatedOffers.length} déclaration{plan.outdatedOffers.length > 1 ? 's' : ''}{' '}
            seront marquées périmées (elles restent enregistrées) :
          </Text>
          <DataTable
            minWidth={520}
            scrollRegionLabel="Déclarations périmées, à faire défiler horizontalement"
            aria-label="Déclarations qui seront périmées"
            columns={['Membre', 'Lot', 'Territoire', numeric('Heures'), 'Pourquoi']}
          >
            {plan.outdatedOffers.map((offer) => (
              <Table.Tr key={`${offer.memberId}-${offer.lot}-${offer.territory}`}>
                <Table.Th scope="row">{offer.memberName}</Table.Th>
                <Table.Td>{offer.lot}</Table.Td>
                <Table.Td>{placeName(bid, offer.lot, offer.territory)}</Table.Td>
                <Table.Td ta="right">{formatHours(offer.hours)}</Table.Td>
                <Table.Td>{offer.reason}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        </>
      )}
    </Alert>
  );
}
