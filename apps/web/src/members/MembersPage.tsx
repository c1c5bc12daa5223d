import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { NextSteps } from '../bids/NextSteps';
import { type Member, useBidContext, useNextSteps, useWorkflow } from '../bids/queries';
import { ROLE_WORDS, useRepresentationRequests } from '../representations/queries';
import { MEMBER_STATUS } from '../ui/labels';
import { InviteForm } from './InviteForm';
import { MemberList } from './MemberList';
import { MyMembership } from './MyMembership';
import { SubcontractingTier } from '../subcontracting/SubcontractingTier';
import { SubcontractorsSection } from '../subcontracting/SubcontractorsSection';
import { ReasonModal } from './ReasonModal';
import { RemindAllButton, lateMembers } from './Reminders';
import { membershipClosedReason, useCharter, useRefreshBid } from './queries';

/** While the split is not proposed yet, a member invites subcontractors and enters subcontracts. */
const SUBCONTRACTING_OPEN = ['DRAFT', 'COLLECTING', 'ALLOCATING'];

/** The consortium: who is in, who is invited, and what the person can do about it. */
export function MembersPage() {
  const { bid, access } = useBidContext();
  const charters = useCharter(bid.id);
  const steps = useNextSteps();
  const refresh = useRefreshBid(bid.id);
  const [inviting, invite] = useDisclosure(false);
  const [withdrawing, setWithdrawing] = useState<Member | null>(null);
  const requests = useRepresentationRequests();
  const membershipClosed = membershipClosedReason(bid.status, bid.tender.deadline);
  const organisations = new Set(bid.members.map((member) => member.organisation.id));
  // Roles asked for one of this bid's members, not granted until its people confirm.
  const waiting = (requests.data?.mine ?? []).filter(
    (request) => request.status === 'PENDING' && organisations.has(request.organisation.id),
  );
  const mySteps = (steps.data ?? []).filter((step) => step.bidId === bid.id);
  const ownIds = new Set(access.editableMembers.map((member) => member.id));
  const workflow = useWorkflow(bid.id);
  const voted = new Set((workflow.data?.vote?.votes ?? []).map((vote) => vote.memberKey));
  const late = access.isCoordinator ? lateMembers(bid, voted) : new Set<string>();
  const counts = Object.entries(MEMBER_STATUS)
    .map(([status, { label }]) => ({
      label,
      count: bid.members.filter((member) => member.status === status).length,
    }))
    .filter(({ count }) => count > 0);

  return (
    <Stack gap="lg">
      <Title order={2}>Membres du groupement</Title>

      {waiting.map((request) => (
        <Alert key={request.id} color="yellow" title="Confirmation en attente">
          Vous pourrez {request.roles.map((role) => ROLE_WORDS[role]).join(' et ')} pour{' '}
          {request.organisation.legalName} quand l’un de ses représentants l’aura confirmé ; ils ont
          été prévenus par mail.
        </Alert>
      ))}

      {mySteps.length > 0 && (
        <section aria-labelledby="members-next-steps">
          <Title order={3} size="h4" id="members-next-steps" mb="xs">
            À faire sur cette candidature
          </Title>
          <NextSteps steps={mySteps} />
        </section>
      )}

      {access.editableMembers.length > 0 && (
        <section aria-labelledby="my-members">
          <Title order={3} id="my-members" mb="sm">
            {access.editableMembers.length > 1 ? 'Vos structures' : 'Votre structure'}
          </Title>
          <Stack>
            {access.editableMembers.map((member) => (
              <Stack key={member.id}>
                <MyMembership
                  bidId={bid.id}
                  bidStatus={bid.status}
                  member={member}
                  charters={charters}
                  membershipClosed={membershipClosed}
                />
                {member.role === 'COTRAITANT' && member.status !== 'WITHDRAWN' && (
                  <SubcontractorsSection
                    bidId={bid.id}
                    member={member}
                    open={SUBCONTRACTING_OPEN.includes(bid.status) && membershipClosed === null}
                  />
                )}
              </Stack>
            ))}
          </Stack>
        </section>
      )}

      <section aria-labelledby="all-members">
        <Group justify="space-between" mb="sm">
          <div>
            <Title order={3} id="all-members">
              Tous les membres et invitations
            </Title>
            <Text size="sm" c="gray.7">
              {bid.members.length} structure{bid.members.length > 1 ? 's' : ''} —{' '}
              {counts.map(({ label, count }) => `${label} : ${count}`).join(' · ')}
            </Text>
          </div>
          <Group gap="sm">
            {late.size > 0 && <RemindAllButton bid={bid} late={late.size} />}
            {access.isCoordinator && membershipClosed === null && !inviting && (
              <Button onClick={invite.open}>Inviter une structure</Button>
            )}
          </Group>
        </Group>
        {access.isCoordinator && membershipClosed !== null && (
          <Text size="sm" c="gray.7" mb="sm">
            {membershipClosed}
          </Text>
        )}
        {inviting && (
          <div style={{ marginBottom: 'var(--mantine-spacing-md)' }}>
            <InviteForm bidId={bid.id} onClose={invite.close} />
          </div>
        )}
        {!bid.offersShared && !access.isCoordinator && (
          <Text size="sm" c="gray.7" mb="sm">
            Dans cette candidature, chaque membre ne voit que ses propres offres ; la répartition,
            elle, est visible de tous.
          </Text>
        )}
        <MemberList
          bid={bid}
          ownIds={ownIds}
          isCoordinator={access.isCoordinator}
          late={late}
          membershipClosed={membershipClosed}
          onWithdraw={setWithdrawing}
        />
      </section>

      {access.isCoordinator && (
        <SubcontractingTier
          bidId={bid.id}
          open={SUBCONTRACTING_OPEN.includes(bid.status) && membershipClosed === null}
          ownIds={ownIds}
        />
      )}

      <ReasonModal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title={`Retirer ${withdrawing?.organisation.legalName ?? ''} du groupement`}
        explanation="La structure ne fera plus partie de cette candidature et ses offres ne compteront plus dans la répartition. Ce retrait est définitif ; la raison figure dans l’historique."
        reasonLabel="Raison du retrait"
        confirmLabel="Retirer du groupement"
        send={(reason) =>
          withdrawing === null
            ? Promise.reject(new Error('Aucune structure à retirer.'))
            : unwrap(
                api.POST('/api/bids/{bidId}/members/{memberId}/withdraw', {
                  params: { path: { bidId: bid.id, memberId: withdrawing.id } },
                  body: { reason },
                }),
              )
        }
        onDone={() => {
          notifications.show({
            message: `${withdrawing?.organisation.legalName ?? 'La structure'} ne fait plus partie du groupement.`,
            color: 'green',
          });
          setWithdrawing(null);
          void refresh();
        }}
      />
    </Stack>
  );
}
