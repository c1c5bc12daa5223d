import { Alert, Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import type { BidDto } from '../api/schema';
import { type Member, useBidContext, useWorkflow } from '../bids/queries';
import { CharterPanel, charterStanding } from '../members/CharterPanel';
import { InvitationAnswer } from '../members/InvitationAnswer';
import {
  type Offer,
  mayDeclare,
  membershipClosedReason,
  useCharter,
  useMemberOffers,
} from '../members/queries';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { OutdatedOffers } from '../corrigenda/OutdatedOffers';
import { CarriedOffersSummary } from '../renewal/CarriedOffers';
import { standingProposal, useCarriedOffers } from '../renewal/carriedOffersQueries';
import { CapacityForm } from './CapacityForm';
import { ReadOnlyCapacity } from './ReadOnlyCapacity';

/** Why this person may not change this declaration now, in one sentence; null when they may. */
function readOnlyReason(
  bid: BidDto,
  member: Member,
  who: 'EDITOR' | 'COORDINATOR' | 'READER',
  charterPending: boolean,
): string | null {
  if (who === 'READER') {
    return `Vous consultez la déclaration de ${member.organisation.legalName} : seule cette structure peut la modifier.`;
  }
  if (who === 'COORDINATOR') return onBehalfReason(bid, member, charterPending);
  switch (member.status) {
    case 'INVITED':
      return 'Acceptez d’abord l’invitation, ci-dessous, pour déclarer vos capacités.';
    case 'DECLINED':
      return 'Vous avez décliné l’invitation : rejoignez le groupement, ci-dessous, pour déclarer vos capacités.';
    case 'WITHDRAWN':
      return 'Votre structure ne fait plus partie du groupement : sa déclaration ne change plus.';
    case 'SIGNED':
      return 'Votre structure a signé la convention : sa déclaration ne change plus.';
    case 'ACCEPTED':
    case 'DATA_COMPLETE':
      break;
  }
  if (bid.status === 'DRAFT') {
    return 'L’appel à capacités n’est pas encore ouvert : vous pourrez déclarer vos capacités dès que le coordinateur l’aura ouvert.';
  }
  if (bid.status !== 'COLLECTING') {
    return 'L’appel à capacités est clos : la déclaration ne change plus.';
  }
  if (charterPending) {
    return 'Acceptez d’abord la charte du réseau ci-dessus : la déclaration des capacités s’ouvre ensuite.';
  }
  return null;
}

/** Why the coordinator may not enter this member's declaration for it now; null when it may. */
function onBehalfReason(bid: BidDto, member: Member, charterPending: boolean): string | null {
  const name = member.organisation.legalName;
  switch (member.status) {
    case 'INVITED':
    case 'DECLINED':
      return `${name} n’a pas rejoint le groupement : sa déclaration ne peut pas être saisie pour son compte.`;
    case 'WITHDRAWN':
      return `${name} ne fait plus partie du groupement : sa déclaration ne change plus.`;
    case 'SIGNED':
      return `${name} a signé la convention : sa déclaration ne change plus.`;
    case 'ACCEPTED':
    case 'DATA_COMPLETE':
      break;
  }
  if (bid.status === 'DRAFT') {
    return 'L’appel à capacités n’est pas encore ouvert : ouvrez-le pour saisir des déclarations.';
  }
  if (bid.status !== 'COLLECTING') {
    return 'L’appel à capacités est clos : la déclaration ne change plus.';
  }
  if (charterPending) {
    return `${name} n’a pas encore accepté la charte du réseau : elle doit l’accepter elle-même avant que ses capacités soient déclarées.`;
  }
  return null;
}

/** Who entered the declaration in force and when: the partner sees one entered for it. */
function EnteredBy({ offers, member, own }: { offers: Offer[]; member: Member; own: boolean }) {
  const entries = offers.flatMap((offer) => (offer.entered ? [offer.entered] : []));
  const last = entries.reduce<(typeof entries)[number] | null>(
    (latest, entry) => (latest === null || entry.at > latest.at ? entry : latest),
    null,
  );
  if (last === null) return null;
  if (!last.onBehalf) {
    return (
      <Text size="sm" c="gray.7">
        Déclaré par {last.by} le {formatDateTime(last.at)}.
      </Text>
    );
  }
  return (
    <Alert color="blue" role="status" title="Déclaration saisie par la coordination">
      Saisi par {last.by} (coordination) pour{' '}
      {own ? 'votre compte' : `le compte de ${member.organisation.legalName}`} le{' '}
      {formatDateTime(last.at)}.
      {own && ' Vérifiez-la : vous pouvez la corriger tant que l’appel à capacités est ouvert.'}
    </Alert>
  );
}

/** One member's capacities: the form for its editor while the call is open, otherwise a summary. */
export function CapacityPage() {
  const { memberId = '' } = useParams();
  const { bid, access } = useBidContext();
  const member = bid.members.find((candidate) => candidate.id === memberId);
  const offers = useMemberOffers(bid.id, memberId);
  const charters = useCharter(bid.id);
  const editor = access.editableMembers.some((own) => own.id === memberId);
  // A coordinator may enter or correct a partner's declaration for it (by phone, say).
  const who = editor ? 'EDITOR' : access.isCoordinator ? 'COORDINATOR' : 'READER';
  // The offers carried from a previous tender: its editors and the coordinators read them.
  const carried = useCarriedOffers(bid.id, memberId, member !== undefined && who !== 'READER');
  const workflow = useWorkflow(bid.id);
  const back = (
    <Anchor component={Link} to={`/candidatures/${bid.id}/membres`} size="sm">
      ← Membres du groupement
    </Anchor>
  );

  if (!member) {
    return (
      <Stack>
        {back}
        <Alert color="red" role="alert" title="Membre introuvable">
          Ce membre ne fait pas partie de cette candidature.
        </Alert>
      </Stack>
    );
  }
  // The form starts from the proposal: it waits for it rather than start empty.
  if (offers.isPending || charters.isPending || (who !== 'READER' && carried.isPending)) {
    return <Loading />;
  }
  if (offers.isError) return <ErrorPanel error={offers.error} />;
  if (charters.isError) return <ErrorPanel error={charters.error} />;
  if (carried.isError) return <ErrorPanel error={carried.error} />;

  const proposal = standingProposal(carried.data);
  const charterPending = charterStanding(charters.data, member.id).pending;
  const reason = readOnlyReason(bid, member, who, charterPending);
  const deadline = workflow.data?.capacityDeadline;

  return (
    <Stack gap="md">
      {back}
      <div>
        <Title order={2}>Capacités de {member.organisation.legalName}</Title>
        {bid.status === 'COLLECTING' && deadline && (
          <Text size="sm" c="gray.7">
            L’appel à capacités se clôt le {formatDateTime(deadline)}.
          </Text>
        )}
      </div>

      <EnteredBy offers={offers.data} member={member} own={editor} />

      <OutdatedOffers bid={bid} offers={offers.data} />

      {editor && bid.status === 'COLLECTING' && mayDeclare(member) && charterPending && (
        <CharterPanel bidId={bid.id} member={member} charters={charters.data} headingOrder={3} />
      )}

      {reason === null && who === 'COORDINATOR' && (
        <Alert color="orange" role="status" title="Saisie pour le compte du membre">
          Vous saisissez la déclaration de {member.organisation.legalName} pour son compte (au
          téléphone, par exemple). Elle sera enregistrée à votre nom, dans l’historique et sur ses
          offres, et {member.organisation.legalName} le verra sur sa page.
        </Alert>
      )}

      {reason === null ? (
        <CapacityForm
          key={member.id}
          bid={bid}
          member={member}
          offers={offers.data}
          onBehalf={who === 'COORDINATOR'}
          proposal={proposal}
        />
      ) : (
        <>
          <Alert color="gray" role="status">
            {reason}
          </Alert>
          {editor && (member.status === 'INVITED' || member.status === 'DECLINED') && (
            <InvitationAnswer
              bidId={bid.id}
              member={member}
              membershipClosed={membershipClosedReason(bid.status, bid.tender.deadline)}
            />
          )}
          {proposal && (
            <CarriedOffersSummary
              bid={bid}
              proposal={proposal}
              onBehalf={who === 'COORDINATOR'}
              legalName={member.organisation.legalName}
            />
          )}
          <ReadOnlyCapacity bid={bid} member={member} offers={offers.data} />
        </>
      )}
    </Stack>
  );
}
