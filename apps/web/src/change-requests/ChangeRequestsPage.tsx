import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  List,
  NativeSelect,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, ChangeRequestDto, DocumentDto, JobStatusDto } from '../api/schema';
import { useChangeRequests } from '../allocation/queries';
import {
  type BidAccess,
  type Member,
  bidKeys,
  useBidContext,
  useWorkflow,
  useRefreshBid,
} from '../bids/queries';
import { DocumentList } from '../convention/DocumentList';
import { JobProgress } from '../convention/JobProgress';
import { AMENDMENT_WORDS } from '../convention/labels';
import { useDocuments } from '../convention/queries';
import { SigningSection } from '../convention/SigningSection';
import { Tally } from '../decision/DecisionPage';
import { VoteForm } from '../decision/VoteForm';
import { ConfirmModal } from '../ui/ConfirmModal';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';

/** The bid's statuses in which a change request may open: once its convention is signed. */
const CHANGEABLE = new Set(['SIGNED', 'SUBMITTED', 'AWARDED']);
const ACTIVE = new Set<ChangeRequestDto['status']>(['OPEN', 'REALLOCATED', 'AMENDMENT_SIGNING']);
/** The members who are parties to the convention: co-contractors who joined and have not left. */
const PARTY_STATUSES = new Set(['ACCEPTED', 'DATA_COMPLETE', 'SIGNED']);
const isParty = (member: Member) =>
  member.role === 'COTRAITANT' && PARTY_STATUSES.has(member.status);

/** The two exceptions of R2142-26, as the coordinator chooses between them. */
const REASONS: { value: 'MEMBER_UNABLE_TO_PERFORM' | 'RESTRUCTURING'; label: string }[] = [
  { value: 'MEMBER_UNABLE_TO_PERFORM', label: 'Le membre ne peut plus exécuter sa part' },
  {
    value: 'RESTRUCTURING',
    label: 'Restructuration du membre (fusion, absorption, scission, cession)',
  },
];
const REASON_LABEL: Record<ChangeRequestDto['reason'], string> = {
  MEMBER_UNABLE_TO_PERFORM: 'le membre ne peut plus exécuter sa part',
  RESTRUCTURING: 'restructuration du membre',
  REPLAN: 'nouvelle répartition des mois restants',
};

const STATUS: Record<ChangeRequestDto['status'], { label: string; color: string }> = {
  OPEN: { label: 'Nouvelle répartition à calculer', color: 'blue' },
  REALLOCATED: { label: 'Vote des membres restants', color: 'violet' },
  AMENDMENT_SIGNING: { label: 'Avenant en signature', color: 'orange' },
  CLOSED: { label: 'Close : avenant signé', color: 'green' },
  REJECTED: { label: 'Rejetée', color: 'gray' },
};

const AMENDMENT_KINDS = new Set<DocumentDto['kind']>(['AMENDMENT', 'BUYER_LETTER']);

/** The amendment and the letter to the buyer of a change: those of its new split's version. */
const documentsOf = (change: ChangeRequestDto, documents: readonly DocumentDto[]) =>
  change.allocationVersion === null
    ? []
    : documents.filter(
        (document) =>
          AMENDMENT_KINDS.has(document.kind) &&
          document.allocationVersion === change.allocationVersion,
      );

/** The amendment once frozen: the one the members sign. */
const frozenAmendment = (documents: readonly DocumentDto[]) =>
  documents.find((document) => document.kind === 'AMENDMENT' && document.frozenAt !== null);

/** What each part of a change request is shown with. */
interface ChangeProps {
  bid: BidDto;
  access: BidAccess;
  change: ChangeRequestDto;
  /** The change's amendment and letter to the buyer. */
  documents: DocumentDto[];
}

const leavingName = (bid: BidDto, change: ChangeRequestDto): string =>
  bid.members.find((member) => member.id === change.memberId)?.organisation.legalName ??
  'un membre';

/**
 * « Modifications du groupement »: after the signature, a member who can no longer perform (or is
 * restructured) leaves the consortium (R2142-26). The coordination opens the request, computes
 * the split among the remaining members, puts it to their vote, generates the amendment and the
 * letter to the buyer, and opens the amendment's signature; the last signature closes it.
 */
export function ChangeRequestsPage() {
  const { bid, access } = useBidContext();
  const changes = useChangeRequests(bid.id);
  const documents = useDocuments(bid.id);

  if (changes.isPending || documents.isPending) return <Loading />;
  if (changes.isError) return <ErrorPanel error={changes.error} />;
  if (documents.isError) return <ErrorPanel error={documents.error} />;

  const membership = changes.data.filter((change) => change.reason !== 'REPLAN');
  const replans = changes.data.filter((change) => change.reason === 'REPLAN');
  const active = membership.find((change) => ACTIVE.has(change.status));
  const past = membership.filter((change) => !ACTIVE.has(change.status)).reverse();
  const changeable = CHANGEABLE.has(bid.status);

  return (
    <Stack gap="lg">
      <div>
        <Title order={2}>Modifications du groupement</Title>
        <Text size="sm" c="dimmed" maw={760}>
          Une fois la convention signée, la composition du groupement ne change que si un membre ne
          peut plus exécuter sa part ou se restructure (article R2142-26 du code de la commande
          publique) : les autres membres se répartissent son travail, approuvent la nouvelle
          répartition et signent un avenant, que l’acheteur agrée.
        </Text>
      </div>

      {active ? (
        <ActiveChange
          bid={bid}
          access={access}
          change={active}
          documents={documentsOf(active, documents.data)}
        />
      ) : !changeable ? (
        <Alert color="gray" role="status">
          {bid.status === 'LOST' || bid.status === 'WITHDRAWN'
            ? 'La candidature est close : sa composition ne change plus.'
            : 'Avant la signature de la convention, les membres changent par les invitations, le vote et la répartition : aucune demande de modification n’est nécessaire.'}
        </Alert>
      ) : access.isCoordinator ? (
        <OpenChange bid={bid} />
      ) : (
        <Text c="dimmed">Aucune demande de modification en cours.</Text>
      )}

      {past.length > 0 && (
        <section aria-labelledby="past-changes-title">
          <Title order={3} id="past-changes-title" mb="sm">
            Demandes précédentes
          </Title>
          <Stack gap="md">
            {past.map((change) => (
              <PastChange
                key={change.id}
                bid={bid}
                access={access}
                change={change}
                documents={documentsOf(change, documents.data)}
              />
            ))}
          </Stack>
        </section>
      )}

      {replans.length > 0 && (
        <Text size="sm">
          Les nouvelles répartitions des mois restants mises au vote se suivent sur la page{' '}
          <Anchor component={Link} to={`/candidatures/${bid.id}/nouvelle-repartition`}>
            Nouvelle répartition
          </Anchor>
          .
        </Text>
      )}
    </Stack>
  );
}

/** The coordinator names the member who leaves, why, and what happened. */
function OpenChange({ bid }: { bid: BidDto }) {
  const refresh = useRefreshBid(bid.id);
  const parties = bid.members.filter(isParty);
  const [memberId, setMemberId] = useState('');
  const [reason, setReason] = useState<(typeof REASONS)[number]['value']>(
    'MEMBER_UNABLE_TO_PERFORM',
  );
  const [justification, setJustification] = useState('');
  const [touched, setTouched] = useState(false);
  const open = useNotifiedMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/change-requests', {
          params: { path: { bidId: bid.id } },
          body: { memberId, reason, justification: justification.trim() },
        }),
      ),
    refresh,
    success: 'La demande de modification est ouverte : calculez la nouvelle répartition.',
  });
  const memberError = touched && memberId === '' ? 'Choisissez le membre qui quitte.' : undefined;
  const justificationError =
    touched && justification.trim().length < 10
      ? 'Décrivez ce qui s’est passé en quelques phrases (10 caractères au moins).'
      : undefined;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="open-change-title">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          setTouched(true);
          if (memberId !== '' && justification.trim().length >= 10) open.mutate();
        }}
      >
        <Stack gap="sm" maw={640}>
          <Title order={3} id="open-change-title">
            Ouvrir une demande de modification
          </Title>
          <NativeSelect
            label="Membre qui quitte le groupement"
            required
            value={memberId}
            error={memberError}
            onChange={(event) => setMemberId(event.currentTarget.value)}
            data={[
              { value: '', label: 'Choisissez un membre' },
              ...parties.map((member) => ({
                value: member.id,
                label: member.organisation.legalName,
              })),
            ]}
          />
          <NativeSelect
            label="Motif"
            required
            value={reason}
            onChange={(event) =>
              setReason(event.currentTarget.value as (typeof REASONS)[number]['value'])
            }
            data={REASONS}
          />
          <Textarea
            label="Ce qui s’est passé"
            description="Il figure dans l’avenant et dans la lettre à l’acheteur."
            autosize
            minRows={3}
            required
            value={justification}
            error={justificationError}
            onChange={(event) => setJustification(event.currentTarget.value)}
          />
          <FailureAlert error={open.error} />
          <Group>
            <Button type="submit" loading={open.isPending}>
              Ouvrir la demande
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** Who leaves, why, when: the header of a change request. */
function ChangeHeader({ bid, change }: { bid: BidDto; change: ChangeRequestDto }) {
  const status = STATUS[change.status];
  const titleId = `change-${change.id}-title`;
  return (
    <Stack gap={4}>
      <Group gap="xs">
        <Title order={3} size="h4" id={titleId}>
          Avenant n° {change.amendmentNumber} : {leavingName(bid, change)} quitte le groupement
        </Title>
        <Badge color={status.color} variant="light">
          {status.label}
        </Badge>
      </Group>
      <Text size="sm">
        Demande ouverte le {formatDate(change.createdAt)} ; motif : {REASON_LABEL[change.reason]}.
      </Text>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        « {change.justification} »
      </Text>
    </Stack>
  );
}

/** The four steps of a change, each said as done, under way or to come. */
function Steps({ change, approved }: { change: ChangeRequestDto; approved: boolean }) {
  // Once the remaining members approve the new split, the amendment is under way.
  const reached = {
    OPEN: 0,
    REALLOCATED: approved ? 2 : 1,
    AMENDMENT_SIGNING: 3,
    CLOSED: 4,
    REJECTED: -1,
  }[change.status];
  const steps = [
    'Nouvelle répartition entre les membres restants',
    'Vote des membres restants',
    'Avenant et lettre à l’acheteur',
    'Signature de l’avenant par chaque membre',
  ];
  return (
    <List type="ordered" size="sm" spacing={2} aria-label="Étapes de la demande">
      {steps.map((step, index) => (
        <List.Item key={step}>
          {step} :{' '}
          <strong>{index < reached ? 'fait' : index === reached ? 'en cours' : 'à venir'}</strong>
        </List.Item>
      ))}
    </List>
  );
}

/** The request under way: where it stands and what the person can do now. */
function ActiveChange({ bid, access, change, documents }: ChangeProps) {
  const workflow = useWorkflow(bid.id);
  const vote = workflow.data?.vote;
  const approved = vote?.versionNumber === change.allocationVersion && vote?.outcome === 'APPROVED';
  const titleId = `change-${change.id}-title`;
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Stack gap="md">
        <ChangeHeader bid={bid} change={change} />
        <Steps change={change} approved={approved} />
        {change.status === 'OPEN' && <Reallocation bid={bid} access={access} />}
        {change.status === 'REALLOCATED' && (
          <ChangeVote bid={bid} access={access} change={change} documents={documents} />
        )}
        {change.status === 'AMENDMENT_SIGNING' && (
          <AmendmentSigning bid={bid} access={access} change={change} documents={documents} />
        )}
        {access.isCoordinator && <RejectChange bid={bid} change={change} />}
      </Stack>
    </Paper>
  );
}

/** OPEN: the split among the remaining members is computed on the allocation page. */
function Reallocation({ bid, access }: { bid: BidDto; access: BidAccess }) {
  return access.isCoordinator ? (
    <Text>
      Calculez la répartition entre les membres restants, puis soumettez-la à leur vote :{' '}
      <Anchor component={Link} to={`/candidatures/${bid.id}/repartition`}>
        calculer la nouvelle répartition
      </Anchor>
      .
    </Text>
  ) : (
    <Text>
      La coordination calcule la répartition entre les membres restants ; elle vous sera soumise
      pour approbation.
    </Text>
  );
}

/** REALLOCATED: the remaining members vote; once approved, the amendment is generated. */
function ChangeVote({ bid, access, change, documents }: ChangeProps) {
  const workflow = useWorkflow(bid.id);
  if (workflow.isPending) return <Loading label="Chargement du vote" />;
  if (workflow.isError) return <ErrorPanel error={workflow.error} />;
  const vote = workflow.data.vote;
  // The bid's vote is the one on the new split while the request is REALLOCATED.
  const current = vote?.versionNumber === change.allocationVersion ? vote : null;
  const voters = access.editableMembers.filter(isParty);

  return (
    <Stack gap="md">
      <Text>
        Les membres restants votent sur la{' '}
        <Anchor component={Link} to={`/candidatures/${bid.id}/repartition`}>
          version {change.allocationVersion} de la répartition
        </Anchor>
        .
      </Text>
      {current?.outcome === 'PENDING' && voters.length > 0 && (
        <section aria-labelledby="change-vote-title">
          <Title order={4} id="change-vote-title" mb="xs">
            Votre vote
          </Title>
          <Stack>
            {voters.map((member) => (
              <VoteForm
                key={member.id}
                bidId={bid.id}
                member={member}
                current={current.votes.find((ballot) => ballot.memberKey === member.key)}
                showName={voters.length > 1}
              />
            ))}
          </Stack>
        </section>
      )}
      {current && <Tally bid={bid} vote={current} />}
      {current?.outcome === 'REJECTED' && (
        <Alert color="orange" role="status">
          Les membres restants ont rejeté cette répartition :{' '}
          {access.isCoordinator
            ? 'calculez-en une autre sur la page Répartition et soumettez-la à leur vote.'
            : 'la coordination va en proposer une autre.'}
        </Alert>
      )}
      {current?.outcome === 'APPROVED' &&
        (access.isCoordinator ? (
          <AmendmentPreparation bid={bid} change={change} documents={documents} />
        ) : (
          <Text>
            La nouvelle répartition est approuvée : la coordination prépare l’avenant, puis ouvrira
            sa signature.
          </Text>
        ))}
    </Stack>
  );
}

/** The coordinator generates the amendment and the letter to the buyer, then opens signing. */
function AmendmentPreparation({
  bid,
  change,
  documents,
}: {
  bid: BidDto;
  change: ChangeRequestDto;
  documents: DocumentDto[];
}) {
  const [jobId, setJobId] = useState<string | null>(null);
  const refresh = useRefreshBid(bid.id);
  const generate = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/documents', {
          params: { path: { bidId: bid.id } },
          body: { allocationVersion: change.allocationVersion ?? 0, set: 'AMENDMENT' },
        }),
      ),
    onSuccess: (accepted) => setJobId(accepted.jobId),
  });
  const generated = useCallback(
    (job: JobStatusDto) => {
      if (job.state === 'completed') {
        notifications.show({
          color: 'green',
          message: 'L’avenant et la lettre à l’acheteur sont prêts : relisez-les.',
        });
      }
      void refresh();
    },
    [refresh],
  );
  const openSigning = useNotifiedMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/change-requests/{changeRequestId}/transitions', {
          params: { path: { bidId: bid.id, changeRequestId: change.id } },
          body: { event: 'OPEN_AMENDMENT_SIGNING' },
        }),
      ),
    refresh,
    success: 'La signature de l’avenant est ouverte : chaque signataire est prévenu par mail.',
  });
  const hasAmendment = documents.some((document) => document.kind === 'AMENDMENT');
  const failure = generate.error ?? openSigning.error;

  return (
    <section aria-labelledby="amendment-preparation-title">
      <Stack gap="sm">
        <Title order={4} id="amendment-preparation-title">
          Préparer l’avenant (coordination)
        </Title>
        <Text size="sm">
          {hasAmendment
            ? 'Relisez l’avenant et la lettre à l’acheteur, puis ouvrez la signature : l’avenant est alors figé.'
            : 'La nouvelle répartition est approuvée : générez l’avenant et la lettre qui demande à l’acheteur d’agréer le changement.'}
        </Text>
        <Group>
          <Button
            variant={hasAmendment ? 'outline' : 'filled'}
            onClick={() => generate.mutate()}
            loading={generate.isPending}
            disabled={jobId !== null}
          >
            {hasAmendment ? 'Générer à nouveau' : 'Générer l’avenant et la lettre à l’acheteur'}
          </Button>
          {hasAmendment && (
            <Button
              color="green"
              onClick={() => openSigning.mutate()}
              loading={openSigning.isPending}
              disabled={jobId !== null}
            >
              Ouvrir la signature de l’avenant
            </Button>
          )}
        </Group>
        {jobId && (
          <JobProgress
            jobId={jobId}
            label="Génération de l’avenant"
            onFinished={(job) => {
              setJobId(null);
              generated(job);
            }}
          />
        )}
        <FailureAlert error={failure} />
        {documents.length > 0 && <DocumentList bid={bid} documents={documents} />}
      </Stack>
    </section>
  );
}

/** AMENDMENT_SIGNING: each remaining member's signatory signs the frozen amendment here. */
function AmendmentSigning({ bid, access, change, documents }: ChangeProps) {
  const amendment = frozenAmendment(documents);
  return (
    <Stack gap="md">
      <Text>
        L’avenant n° {change.amendmentNumber} est figé : le signataire de chaque membre restant le
        signe avec un code reçu par mail. La demande se clôt à la dernière signature.
      </Text>
      {amendment ? (
        <SigningSection
          bid={bid}
          access={access}
          convention={amendment}
          open
          idPrefix={`change-${change.id}-`}
          words={AMENDMENT_WORDS}
        />
      ) : (
        <Loading label="Chargement de l’avenant" />
      )}
      <LetterToBuyer documents={documents} />
    </Stack>
  );
}

/** The letter asking the buyer to approve the change: to download and send. */
function LetterToBuyer({ documents }: { documents: DocumentDto[] }) {
  const letter = documents.find((document) => document.kind === 'BUYER_LETTER');
  if (!letter) return null;
  return (
    <Text size="sm">
      <Anchor href={letter.downloadUrl} download={letter.filename}>
        Télécharger la lettre à l’acheteur (PDF)
      </Anchor>{' '}
      : elle lui demande d’agréer le départ du membre et la nouvelle répartition.
    </Text>
  );
}

/** A closed or rejected request: what it decided, and its documents. */
function PastChange({ bid, access, change, documents }: ChangeProps) {
  const amendment = frozenAmendment(documents);
  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      component="article"
      aria-labelledby={`change-${change.id}-title`}
    >
      <Stack gap="sm">
        <ChangeHeader bid={bid} change={change} />
        {change.status === 'CLOSED' ? (
          <>
            <Alert color="green" role="status">
              Tous les membres restants ont signé l’avenant n° {change.amendmentNumber} :{' '}
              {leavingName(bid, change)} a quitté le groupement, la version{' '}
              {change.allocationVersion} de la répartition est en vigueur. Envoyez la lettre à
              l’acheteur pour qu’il agrée le changement.
            </Alert>
            <LetterToBuyer documents={documents} />
            {amendment && (
              <SigningSection
                bid={bid}
                access={access}
                convention={amendment}
                open={false}
                idPrefix={`change-${change.id}-`}
                words={AMENDMENT_WORDS}
              />
            )}
          </>
        ) : (
          <Text>
            La demande a été rejetée : {leavingName(bid, change)} reste membre du groupement et la
            répartition signée reste en vigueur.
          </Text>
        )}
        {documents.length > 0 && <DocumentList bid={bid} documents={documents} />}
      </Stack>
    </Paper>
  );
}

/** The members or the buyer refuse the change: the member stays, as it was. */
function RejectChange({ bid, change }: { bid: BidDto; change: ChangeRequestDto }) {
  const queryClient = useQueryClient();
  const [opened, { open, close }] = useDisclosure(false);
  const reject = useNotifiedMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/change-requests/{changeRequestId}/transitions', {
          params: { path: { bidId: bid.id, changeRequestId: change.id } },
          body: { event: 'REJECT' },
        }),
      ),
    onSuccess: () => close(),
    refresh: () => queryClient.invalidateQueries({ queryKey: bidKeys.bid(bid.id) }),
    success: 'La demande de modification est rejetée.',
  });
  return (
    <>
      <Group>
        <Button variant="subtle" color="red" onClick={open}>
          Rejeter la demande
        </Button>
      </Group>
      <ConfirmModal
        opened={opened}
        onClose={close}
        title="Rejeter la demande de modification ?"
        centered
        error={reject.error}
        confirmLabel="Rejeter"
        color="red"
        pending={reject.isPending}
        onConfirm={() => reject.mutate()}
      >
        <Text>
          {leavingName(bid, change)} restera membre du groupement et la répartition signée restera
          en vigueur.
        </Text>
      </ConfirmModal>
    </>
  );
}
