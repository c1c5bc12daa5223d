import { Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { BidCharterDto } from '../api/schema';
import type { Member } from '../bids/queries';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatCents, formatHours } from '../ui/format';
import { MEMBER_STATUS } from '../ui/labels';
import { CharterPanel, charterStanding } from './CharterPanel';
import { ParticularsForm } from './ParticularsForm';
import { InvitationAnswer } from './InvitationAnswer';
import { mayDeclare } from './queries';

/**
 * What a member's editor does here for their structure: answer the invitation, accept the
 * charter, then go and declare capacities.
 */
export function MyMembership({
  bidId,
  bidStatus,
  member,
  charters,
  membershipClosed,
}: {
  bidId: string;
  bidStatus: string;
  member: Member;
  charters: UseQueryResult<BidCharterDto>;
  membershipClosed: string | null;
}) {
  const status = MEMBER_STATUS[member.status] ?? { label: member.status, color: 'gray' };
  const titleId = `my-member-${member.id}`;

  return (
    <Card withBorder radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={4} id={titleId}>
            {member.organisation.legalName}
          </Title>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>

        <InvitationAnswer bidId={bidId} member={member} membershipClosed={membershipClosed} />

        {member.status === 'WITHDRAWN' && (
          <Text size="sm">Votre structure a été retirée de ce groupement.</Text>
        )}

        {member.status !== 'WITHDRAWN' && member.status !== 'DECLINED' && (
          <ParticularsForm bidId={bidId} memberId={member.id} />
        )}

        {(mayDeclare(member) || member.status === 'SIGNED') && (
          <Declaration bidId={bidId} bidStatus={bidStatus} member={member} charters={charters} />
        )}
      </Stack>
    </Card>
  );
}

/** The member's declaration so far, the charter if it is still to accept, and the way to the form. */
function Declaration({
  bidId,
  bidStatus,
  member,
  charters,
}: {
  bidId: string;
  bidStatus: string;
  member: Member;
  charters: UseQueryResult<BidCharterDto>;
}) {
  const collecting = bidStatus === 'COLLECTING' && mayDeclare(member);
  // The charter may be accepted ahead of the call; once the call is closed it no longer matters.
  const charterShown = (bidStatus === 'DRAFT' || collecting) && mayDeclare(member);
  const charterPending = charters.data ? charterStanding(charters.data, member.id).pending : false;
  const to = `/candidatures/${bidId}/membres/${member.id}/capacites`;

  return (
    <Stack gap="sm">
      <Text size="sm">
        {member.offerCount === 0
          ? 'Aucune capacité déclarée pour l’instant.'
          : `Déclaré : ${formatHours(member.offeredHours)} sur ${member.offerCount} territoire${member.offerCount > 1 ? 's' : ''}.`}
        {member.limits?.maxHours != null &&
          ` Plafond d’heures : ${formatHours(member.limits.maxHours)}.`}
        {member.limits?.maxRevenueCents != null &&
          ` Chiffre d’affaires au plus : ${formatCents(member.limits.maxRevenueCents)} HT.`}
        {member.insertionHoursMax !== null &&
          ` Heures d’insertion au plus : ${formatHours(member.insertionHoursMax)}.`}
      </Text>

      {charters.isError && <ErrorPanel error={charters.error} title="Charte indisponible" />}
      {charterShown && charters.data && (
        <CharterPanel bidId={bidId} member={member} charters={charters.data} headingOrder={5} />
      )}

      {collecting ? (
        <>
          {charterPending && (
            <Text size="sm" c="gray.7">
              La déclaration des capacités s’ouvre dès que la charte est acceptée.
            </Text>
          )}
          <div>
            <Button component={Link} to={to}>
              Déclarer mes capacités
            </Button>
          </div>
        </>
      ) : (
        <>
          <Text size="sm" c="gray.7">
            {bidStatus === 'DRAFT'
              ? 'L’appel à capacités n’est pas encore ouvert : vous déclarerez vos capacités dès que le coordinateur l’aura ouvert.'
              : member.status === 'SIGNED'
                ? 'Votre structure a signé : sa déclaration ne change plus.'
                : 'L’appel à capacités est clos : votre déclaration ne change plus.'}
          </Text>
          {member.offerCount > 0 && (
            <div>
              <Button component={Link} to={to} variant="default">
                Voir ma déclaration
              </Button>
            </div>
          )}
        </>
      )}
    </Stack>
  );
}
