import { Button, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import type { Member } from '../bids/queries';
import { formatDateTime } from '../ui/format';
import { useRefreshBid } from './queries';

const STEP_WORDS: Partial<Record<BidDto['status'], string>> = {
  COLLECTING: 'déclarer ses capacités',
  PROPOSED: 'voter sur la répartition',
  SIGNING: 'signer la convention',
};

/**
 * The co-contractors who have not done the step the bid waits on: not declared during the call,
 * not voted on the split put to the vote (`voted`: keys of those who did), not signed.
 */
export function lateMembers(bid: BidDto, voted: ReadonlySet<string>): Set<string> {
  const late = bid.members.filter((member) => {
    if (member.role !== 'COTRAITANT') return false;
    if (member.status === 'WITHDRAWN' || member.status === 'DECLINED') return false;
    if (bid.status === 'COLLECTING') return member.offerCount === 0;
    if (bid.status === 'PROPOSED') return !voted.has(member.key);
    if (bid.status === 'SIGNING') return member.status === 'DATA_COMPLETE';
    return false;
  });
  return new Set(late.map((member) => member.id));
}

/** A fresh id per click: a retried request carries the same one and the api sends once. */
const newClickId = () => crypto.randomUUID();

/** "Relancer": one member, for the step the bid waits on. */
export function RemindButton({ bid, member }: { bid: BidDto; member: Member }) {
  const refresh = useRefreshBid(bid.id);
  const name = member.organisation.legalName;
  const remind = useMutation({
    mutationFn: (clickId: string) =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/reminders', {
          params: { path: { bidId: bid.id, memberId: member.id } },
          body: { clickId },
        }),
      ),
    onSuccess: () => {
      notifications.show({
        color: 'green',
        message: `${name} est relancé : un mail lui rappelle de ${STEP_WORDS[bid.status] ?? 'agir'}.`,
      });
      void refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Relance non envoyée', message: messageOf(error) }),
  });
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      aria-label={`Relancer ${name}`}
      loading={remind.isPending}
      onClick={() => remind.mutate(newClickId())}
    >
      Relancer
    </Button>
  );
}

/** "Relancer les retardataires": everyone late, in one click. */
export function RemindAllButton({ bid, late }: { bid: BidDto; late: number }) {
  const refresh = useRefreshBid(bid.id);
  const remind = useMutation({
    mutationFn: (clickId: string) =>
      unwrap(
        api.POST('/api/bids/{bidId}/reminders', {
          params: { path: { bidId: bid.id } },
          body: { clickId },
        }),
      ),
    onSuccess: (result) => {
      const count = result.reminded.length;
      notifications.show({
        color: 'green',
        message: `${count} structure${count > 1 ? 's relancées' : ' relancée'} pour ${STEP_WORDS[bid.status] ?? 'agir'}.`,
      });
      void refresh();
    },
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Relance non envoyée', message: messageOf(error) }),
  });
  return (
    <Button variant="light" loading={remind.isPending} onClick={() => remind.mutate(newClickId())}>
      Relancer les retardataires ({late})
    </Button>
  );
}

/** When the member was last reminded, for the coordinators. */
export function LastReminder({ member }: { member: Member }) {
  if (!member.lastRemindedAt) return null;
  return (
    <Text size="xs" c="gray.7" mt={4}>
      Relancé le {formatDateTime(member.lastRemindedAt)}
    </Text>
  );
}
