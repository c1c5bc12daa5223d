import { Anchor, Badge, Button, Card, Group, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import type { Member } from '../bids/queries';
import { ConfirmModal } from '../ui/ConfirmModal';
import { DataTable, numeric } from '../ui/DataTable';
import { formatHours, formatNumber } from '../ui/format';
import { MEMBER_STATUS, ORGANISATION_KIND } from '../ui/labels';
import { ROLE } from './queries';
import { LastReminder, RemindButton } from './Reminders';
import { SignatoryButton } from './SignatoryModal';

const WITHDRAWABLE: readonly Member['status'][] = [
  'INVITED',
  'ACCEPTED',
  'DECLINED',
  'DATA_COMPLETE',
];

const statusOf = (member: Member) =>
  MEMBER_STATUS[member.status] ?? { label: member.status, color: 'gray' };

export interface MemberListProps {
  bid: BidDto;
  /** Members whose figures this person sees even when offers are not shared. */
  ownIds: ReadonlySet<string>;
  isCoordinator: boolean;
  /** Members late for the step the bid waits on: the coordinator may remind them. */
  late: ReadonlySet<string>;
  /** Null when members may be withdrawn now. */
  membershipClosed: string | null;
  onWithdraw: (member: Member) => void;
}

/** Every member and invitation of the bid: a table on a laptop, one card per member on a phone. */
export function MemberList(props: MemberListProps) {
  return (
    <>
      <DataTable
        minWidth={960}
        visibleFrom="md"
        striped
        verticalSpacing="sm"
        columns={[
          'Structure',
          'Type',
          numeric('Salariés'),
          'Rôle',
          'État',
          'Représentant',
          numeric('Heures déclarées'),
          props.isCoordinator && 'Actions',
        ]}
      >
        {props.bid.members.map((member) => (
          <Table.Tr key={member.id}>
            <Table.Th scope="row" fw={500}>
              <Name bid={props.bid} member={member} />
            </Table.Th>
            <Table.Td>
              <abbr title={ORGANISATION_KIND[member.organisation.kind]}>
                {member.organisation.kind}
              </abbr>
            </Table.Td>
            <Table.Td ta="right">{staffOf(member.organisation.employees)}</Table.Td>
            <Table.Td>{ROLE[member.role]}</Table.Td>
            <Table.Td>
              <Status member={member} />
              {props.isCoordinator && <LastReminder member={member} />}
            </Table.Td>
            <Table.Td>
              <Representative member={member} />
            </Table.Td>
            <Table.Td ta="right">
              <Hours {...props} member={member} />
            </Table.Td>
            {props.isCoordinator && (
              <Table.Td>
                <Actions {...props} member={member} />
              </Table.Td>
            )}
          </Table.Tr>
        ))}
      </DataTable>

      <SimpleGrid cols={{ base: 1, sm: 2 }} hiddenFrom="md">
        {props.bid.members.map((member) => (
          <Card key={member.id} withBorder radius="md" component="article">
            <Stack gap={6}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Text fw={600} component="div">
                  <Name bid={props.bid} member={member} />
                </Text>
                <Status member={member} />
              </Group>
              {props.isCoordinator && <LastReminder member={member} />}
              <Text size="sm">
                {ORGANISATION_KIND[member.organisation.kind]} ·{' '}
                {staffOf(member.organisation.employees, ' salariés')} · {ROLE[member.role]}
              </Text>
              <Representative member={member} />
              <Text size="sm">
                Heures déclarées : <Hours {...props} member={member} />
              </Text>
              {props.isCoordinator && <Actions {...props} member={member} />}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </>
  );
}

function Name({ bid, member }: { bid: BidDto; member: Member }) {
  return (
    <>
      {member.organisation.legalName}
      {member.organisation.id === bid.consortium.mandataire.organisationId && (
        <Badge ml="xs" size="sm" variant="outline" color="grape">
          Mandataire
        </Badge>
      )}
    </>
  );
}

function Status({ member }: { member: Member }) {
  const status = statusOf(member);
  return (
    <div>
      <Badge color={status.color} variant="light">
        {status.label}
      </Badge>
      {member.status === 'DECLINED' && member.declineReason && (
        <Text size="xs" c="gray.7" mt={4}>
          Raison : « {member.declineReason} »
        </Text>
      )}
    </div>
  );
}

function Representative({ member }: { member: Member }) {
  const { name, title, email } = member.organisation.representative;
  return (
    <div>
      <Text size="sm">
        {name}
        {title && `, ${title}`}
      </Text>
      <Anchor href={`mailto:${email}`} size="xs">
        {email}
      </Anchor>
    </div>
  );
}

function Hours({ bid, ownIds, isCoordinator, member }: MemberListProps & { member: Member }) {
  if (!bid.offersShared && !isCoordinator && !ownIds.has(member.id)) {
    return (
      <Text span size="sm" c="gray.7">
        non partagées
      </Text>
    );
  }
  return <>{member.offerCount === 0 ? '—' : formatHours(member.offeredHours)}</>;
}

function Actions({
  bid,
  late,
  membershipClosed,
  onWithdraw,
  member,
}: MemberListProps & { member: Member }) {
  const name = member.organisation.legalName;
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor
        component={Link}
        to={`/candidatures/${bid.id}/membres/${member.id}/capacites`}
        size="sm"
        aria-label={`Capacités de ${name}`}
      >
        Capacités
      </Anchor>
      {late.has(member.id) && <RemindButton bid={bid} member={member} />}
      {member.status === 'INVITED' && <ResendLink bidId={bid.id} member={member} />}
      {member.status === 'INVITED' && <RevokeLink bidId={bid.id} member={member} />}
      {member.status !== 'WITHDRAWN' && <SignatoryButton bidId={bid.id} member={member} />}
      {membershipClosed === null && WITHDRAWABLE.includes(member.status) && (
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          aria-label={`Retirer ${name}`}
          onClick={() => onWithdraw(member)}
        >
          Retirer
        </Button>
      )}
    </Group>
  );
}

/** A new invitation link for a member who has not answered: the previous links stop working. */
function ResendLink({ bidId, member }: { bidId: string; member: Member }) {
  const name = member.organisation.legalName;
  const resend = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/invitation-link', {
          params: { path: { bidId, memberId: member.id } },
        }),
      ),
    onSuccess: () =>
      notifications.show({
        color: 'green',
        message: `Nouveau lien d’invitation envoyé pour ${name} ; le précédent ne fonctionne plus.`,
      }),
    onError: (error) =>
      notifications.show({ color: 'red', title: 'Lien non envoyé', message: messageOf(error) }),
  });
  return (
    <Button
      size="compact-sm"
      variant="subtle"
      aria-label={`Renvoyer le lien d’invitation de ${name}`}
      loading={resend.isPending}
      onClick={() => resend.mutate()}
    >
      Renvoyer le lien
    </Button>
  );
}

/** Stops the member's invitation link from working, after a confirmation; a new one can be sent. */
function RevokeLink({ bidId, member }: { bidId: string; member: Member }) {
  const name = member.organisation.legalName;
  const [asking, setAsking] = useState(false);
  const revoke = useMutation({
    mutationFn: () =>
      unwrap(
        api.DELETE('/api/bids/{bidId}/members/{memberId}/invitation-link', {
          params: { path: { bidId, memberId: member.id } },
        }),
      ),
    onSuccess: () => {
      setAsking(false);
      notifications.show({
        color: 'green',
        message: `Le lien d’invitation de ${name} ne fonctionne plus. « Renvoyer le lien » en envoie un nouveau.`,
      });
    },
    onError: (error) => {
      setAsking(false);
      notifications.show({ color: 'red', title: 'Lien non révoqué', message: messageOf(error) });
    },
  });
  return (
    <>
      <Button
        size="compact-sm"
        variant="subtle"
        color="red"
        aria-label={`Révoquer le lien d’invitation de ${name}`}
        onClick={() => setAsking(true)}
      >
        Révoquer le lien
      </Button>
      <ConfirmModal
        opened={asking}
        onClose={() => setAsking(false)}
        title={`Révoquer le lien d’invitation de ${name} ?`}
        confirmLabel="Révoquer le lien"
        color="red"
        pending={revoke.isPending}
        onConfirm={() => revoke.mutate()}
      >
        <Text size="sm">
          Le lien envoyé à {name} cessera de fonctionner : la structure ne pourra plus rejoindre la
          candidature avec lui. Vous pourrez lui en envoyer un nouveau avec « Renvoyer le lien ».
        </Text>
      </ConfirmModal>
    </>
  );
}

/** The staff as the network entered it; one it has not entered is said so, never shown as 0. */
function staffOf(employees: number | null, unit = ''): string {
  return employees === null ? 'effectif non renseigné' : `${formatNumber(employees)}${unit}`;
}
