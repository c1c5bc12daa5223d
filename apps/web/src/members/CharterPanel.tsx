import { Button, Paper, Stack, Text, Title, type TitleOrder } from '@mantine/core';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidCharterDto } from '../api/schema';
import type { Member } from '../bids/queries';
import { CharterText } from '../charter/CharterText';
import { FailureAlert } from '../ui/FailureAlert';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { useRefreshBid } from './queries';

/** Where a member stands with the network's charter: nothing to do, accepted, or to accept. */
export function charterStanding(charters: BidCharterDto, memberId: string) {
  const accepted =
    charters.members.find((member) => member.memberId === memberId)?.acceptedVersion ?? null;
  const current = charters.charter;
  return {
    current,
    accepted,
    pending: current !== null && accepted !== current.version,
  };
}

/**
 * The charter to read and accept before declaring: the api refuses a declaration until the
 * member's organisation accepted the version in force.
 */
export function CharterPanel({
  bidId,
  member,
  charters,
  headingOrder,
}: {
  bidId: string;
  member: Member;
  charters: BidCharterDto;
  headingOrder: TitleOrder;
}) {
  const refresh = useRefreshBid(bidId);
  const { current, accepted, pending } = charterStanding(charters, member.id);
  const accept = useNotifiedMutation({
    mutationFn: (version: number) =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/charter-acceptance', {
          params: { path: { bidId, memberId: member.id } },
          body: { version },
        }),
      ),
    refresh,
    success: 'Charte acceptée : vous pouvez déclarer vos capacités.',
  });

  if (current === null) return null;
  if (!pending) {
    return (
      <Text size="sm">
        Charte du réseau « {current.title} » (version {current.version}) acceptée.
      </Text>
    );
  }
  const titleId = `charter-title-${member.id}`;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={headingOrder} size="h4" id={titleId}>
          Charte du réseau : {current.title} (version {current.version})
        </Title>
        <Text size="sm">
          {accepted === null
            ? 'Lisez la charte et acceptez-la : vous ne pourrez pas déclarer vos capacités avant.'
            : `Vous aviez accepté la version ${accepted}, mais la charte a changé : relisez-la et acceptez la nouvelle version pour déclarer vos capacités.`}
        </Text>
        <CharterText version={current.version} text={current.text} maxHeight={280} />
        <FailureAlert error={accept.error} />
        <div>
          <Button loading={accept.isPending} onClick={() => accept.mutate(current.version)}>
            J’accepte la charte
          </Button>
        </div>
      </Stack>
    </Paper>
  );
}
