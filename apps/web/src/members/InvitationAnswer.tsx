import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { Member } from '../bids/queries';
import { ReasonModal } from './ReasonModal';
import { useRefreshBid } from './queries';

/**
 * A member's editor answers the invitation (accept, or decline saying why; a member that declined
 * may still join): on the members page, and on the capacity page a renewal's mail opens.
 */
export function InvitationAnswer({
  bidId,
  member,
  membershipClosed,
}: {
  bidId: string;
  member: Member;
  membershipClosed: string | null;
}) {
  const refresh = useRefreshBid(bidId);
  const [declining, decline] = useDisclosure(false);
  const path = { bidId, memberId: member.id };
  const accept = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/bids/{bidId}/members/{memberId}/accept', { params: { path } })),
    onSuccess: async () => {
      notifications.show({
        message: `${member.organisation.legalName} fait partie du groupement.`,
        color: 'green',
      });
      await refresh();
    },
  });
  if (member.status !== 'INVITED' && member.status !== 'DECLINED') return null;

  return (
    <Stack gap="sm">
      <Text size="sm">
        {member.status === 'INVITED'
          ? 'Le coordinateur vous invite à rejoindre ce groupement. Acceptez pour déclarer vos capacités, ou déclinez en disant pourquoi.'
          : `Vous avez décliné l’invitation${member.declineReason ? ` : « ${member.declineReason} »` : '.'} Vous pouvez encore changer d’avis.`}
      </Text>
      {membershipClosed ? (
        <Text size="sm" c="gray.7">
          {membershipClosed}
        </Text>
      ) : (
        <Group>
          <Button loading={accept.isPending} onClick={() => accept.mutate()}>
            {member.status === 'INVITED'
              ? 'Accepter l’invitation'
              : 'Rejoindre finalement le groupement'}
          </Button>
          {member.status === 'INVITED' && (
            <Button variant="default" onClick={decline.open}>
              Décliner l’invitation
            </Button>
          )}
        </Group>
      )}
      {accept.isError && (
        <Alert color="red" role="alert">
          {messageOf(accept.error)}
        </Alert>
      )}

      <ReasonModal
        opened={declining}
        onClose={decline.close}
        title="Décliner l’invitation"
        explanation="Le coordinateur lira votre raison ; vous pourrez encore rejoindre le groupement plus tard."
        reasonLabel="Pourquoi déclinez-vous ?"
        confirmLabel="Décliner l’invitation"
        send={(reason) =>
          unwrap(
            api.POST('/api/bids/{bidId}/members/{memberId}/decline', {
              params: { path },
              body: { reason },
            }),
          )
        }
        onDone={() => {
          decline.close();
          notifications.show({ message: 'Vous avez décliné l’invitation.', color: 'green' });
          void refresh();
        }}
      />
    </Stack>
  );
}
