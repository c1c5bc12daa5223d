import {
  Alert,
  Anchor,
  Button,
  Card,
  Checkbox,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { messageOf, unwrap } from '../api/errors';
import type { InvitationDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { directoryKeys } from './queries';

/** The steps where a bid still takes new members (before the capacity call closes). */
const OPEN_TO_MEMBERS = new Set(['DRAFT', 'COLLECTING']);

interface Props {
  networkId: string;
  organisation: {
    organisationId: string;
    idScheme: string;
    idValue: string;
    legalName: string;
    representatives: { email: string }[];
  };
  /** The bids it is already in. */
  alreadyIn: string[];
}

/**
 * « Inviter dans une candidature » from the directory: the organisation, entered once, joins one
 * of the network's bids still open to members by its identifier; the person invited gets the link.
 */
export function DirectoryInvite({ networkId, organisation, alreadyIn }: Props) {
  const queryClient = useQueryClient();
  const bids = useQuery({ queryKey: bidKeys.all, queryFn: () => unwrap(api.GET('/api/bids')) });
  const [bidId, setBidId] = useState<string | null>(null);
  const [email, setEmail] = useState(organisation.representatives[0]?.email ?? '');
  const [signatory, setSignatory] = useState(false);
  const [invited, setInvited] = useState<{ bidId: string; label: string } | null>(null);

  const open = (bids.data ?? []).filter(
    (bid) =>
      bid.networkId === networkId && OPEN_TO_MEMBERS.has(bid.status) && !alreadyIn.includes(bid.id),
  );
  const labelOf = (id: string) => {
    const bid = open.find((b) => b.id === id);
    return bid ? `${bid.tender.reference} — ${bid.tender.title}` : '';
  };

  const invite = useMutation({
    mutationFn: (target: string) =>
      unwrap(
        api.POST('/api/bids/{bidId}/invitations', {
          params: { path: { bidId: target } },
          body: {
            email: email.trim(),
            idScheme: organisation.idScheme as InvitationDto['idScheme'],
            id: organisation.idValue,
            signatory,
            role: 'COTRAITANT',
          },
        }),
      ),
    onSuccess: async (result, target) => {
      setInvited({ bidId: target, label: labelOf(target) });
      setBidId(null);
      notifications.show({
        color: 'green',
        message:
          result.representation === 'PENDING'
            ? `Invitation envoyée à ${email.trim()}. Cette structure a déjà des représentants : ` +
              'la personne n’agira pour elle qu’une fois confirmée par eux.'
            : `Invitation envoyée à ${email.trim()} : la personne reçoit un lien pour répondre.`,
      });
      await queryClient.invalidateQueries({
        queryKey: directoryKeys.one(networkId, organisation.organisationId),
      });
      await queryClient.invalidateQueries({ queryKey: bidKeys.all });
    },
  });

  return (
    <Card withBorder component="section" aria-labelledby="directory-invite-title">
      <Title order={2} size="h4" id="directory-invite-title" mb="xs">
        Inviter dans une candidature
      </Title>
      {invited && (
        <Alert color="green" mb="sm" title="Invitation envoyée">
          {organisation.legalName} est invitée dans{' '}
          <Anchor component={Link} to={`/candidatures/${invited.bidId}/membres`}>
            {invited.label}
          </Anchor>
          .
        </Alert>
      )}
      {bids.isSuccess && open.length === 0 ? (
        <Text size="sm" c="gray.7">
          Aucune candidature du réseau n’accueille de nouveaux membres en ce moment.
        </Text>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (bidId) invite.mutate(bidId);
          }}
        >
          <Stack gap="sm">
            <Select
              label="Candidature"
              placeholder={bids.isPending ? 'Chargement…' : 'Choisissez une candidature'}
              data={open.map((bid) => ({ value: bid.id, label: labelOf(bid.id) }))}
              value={bidId}
              onChange={(value) => {
                setBidId(value);
                invite.reset();
              }}
              required
            />
            <TextInput
              type="email"
              label="E-mail de la personne invitée"
              description="Elle reçoit un lien pour répondre au nom de la structure"
              value={email}
              onChange={(event) => setEmail(event.currentTarget.value)}
              required
            />
            <Checkbox
              label="Cette personne signe aussi la convention pour la structure"
              checked={signatory}
              onChange={(event) => setSignatory(event.currentTarget.checked)}
            />
            {invite.isError && (
              <Alert color="red" title="Invitation refusée">
                {messageOf(invite.error)}
              </Alert>
            )}
            <div>
              <Button type="submit" loading={invite.isPending} disabled={!bidId || !email.trim()}>
                Inviter
              </Button>
            </div>
          </Stack>
        </form>
      )}
    </Card>
  );
}
