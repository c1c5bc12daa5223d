import { Anchor, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import { type BidAccess, bidKeys } from '../bids/queries';
import { useChangeRequests } from '../allocation/queries';
import { VoteForm } from '../decision/VoteForm';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { Loading } from '../ui/Loading';
import { memberNamer } from './model';

/** Where a re-plan's request stands, in the members' words. */
const STEP: Record<string, { label: string; color: string }> = {
  OPEN: { label: 'Vote en cours', color: 'blue' },
  AMENDMENT_SIGNING: { label: 'Avenant en signature', color: 'orange' },
  CLOSED: { label: 'Signée : en vigueur', color: 'green' },
  REJECTED: { label: 'Rejetée', color: 'gray' },
};

/**
 * A re-plan's way to the plan in force: put to the vote by the coordination, approved by the
 * members, then its amendment signed by each member's signatory on the page « Convention et
 * documents », where the other documents are signed; the last signature applies it.
 */
export function ReplanDecision({
  bid,
  access,
  replan,
}: {
  bid: BidDto;
  access: BidAccess;
  replan: number;
}) {
  const requests = useChangeRequests(bid.id);
  const titleId = `replan-decision-${replan}`;
  if (requests.isPending) return <Loading label="Chargement du vote" />;
  if (requests.isError) return <ErrorPanel error={requests.error} />;
  // The latest request on this re-plan (one rejected may be put to the vote again).
  const request = requests.data.filter((r) => r.reason === 'REPLAN' && r.replan === replan).at(-1);
  const step = request ? STEP[request.status] : undefined;

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Group gap="xs" mb="xs">
        <Title order={3} size="h4" id={titleId}>
          Vote et avenant de la répartition n° {replan}
        </Title>
        {step && (
          <Badge color={step.color} variant="light">
            {step.label}
          </Badge>
        )}
      </Group>
      {!request || request.status === 'REJECTED' ? (
        access.isCoordinator ? (
          <PutToVote bidId={bid.id} replan={replan} />
        ) : (
          <Text size="sm">La coordination ne l’a pas encore mise au vote des membres.</Text>
        )
      ) : request.status === 'OPEN' ? (
        <ReplanVote bid={bid} access={access} changeRequestId={request.id} />
      ) : request.status === 'AMENDMENT_SIGNING' ? (
        <Text size="sm">
          Les membres ont approuvé la répartition : l’avenant n° {request.amendmentNumber} est signé
          par le signataire de chaque membre, sur la page{' '}
          <Anchor component={Link} to={`/candidatures/${bid.id}/convention`}>
            Convention et documents
          </Anchor>
          . La répartition s’appliquera à la dernière signature.
        </Text>
      ) : (
        <Text size="sm">
          Tous les membres ont signé l’avenant n° {request.amendmentNumber} : cette répartition est
          le prévu des mois restants ; les mois précédents n’ont pas changé.
        </Text>
      )}
    </Paper>
  );
}

/** The coordination puts the computed re-plan to the members' vote, saying why. */
function PutToVote({ bidId, replan }: { bidId: string; replan: number }) {
  const queryClient = useQueryClient();
  const [justification, setJustification] = useState('');
  const open = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/change-requests/replans', {
          params: { path: { bidId } },
          body: { replan, justification: justification.trim() },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: bidKeys.bid(bidId) }),
  });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        open.mutate();
      }}
    >
      <Stack gap="sm" maw={640}>
        <Textarea
          label="Motif présenté aux membres"
          description="Pourquoi répartir à nouveau les mois restants : il figure dans l’avenant."
          autosize
          minRows={2}
          required
          value={justification}
          onChange={(event) => setJustification(event.currentTarget.value)}
        />
        <FailureAlert error={open.error} />
        <Group>
          <Button type="submit" loading={open.isPending} disabled={justification.trim() === ''}>
            Mettre au vote des membres
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The vote as it stands, and a ballot for each member the person edits. */
function ReplanVote({
  bid,
  access,
  changeRequestId,
}: {
  bid: BidDto;
  access: BidAccess;
  changeRequestId: string;
}) {
  const vote = useQuery({
    queryKey: bidKeys.part(bid.id, 'change-requests', changeRequestId, 'vote'),
    queryFn: () =>
      unwrap(
        api.GET('/api/bids/{bidId}/change-requests/{changeRequestId}/replan-vote', {
          params: { path: { bidId: bid.id, changeRequestId } },
        }),
      ),
  });
  const memberName = memberNamer(bid);
  if (vote.isPending) return <Loading label="Chargement du vote" />;
  if (vote.isError) return <ErrorPanel error={vote.error} />;
  const voters = access.editableMembers.filter((member) => member.role === 'COTRAITANT');
  return (
    <Stack gap="sm">
      <Text size="sm">{vote.data.explanation}</Text>
      {vote.data.missing.length > 0 && (
        <Text size="sm">
          En attente du vote de : {vote.data.missing.map((key) => memberName(key)).join(', ')}.
        </Text>
      )}
      {voters.map((member) => (
        <VoteForm
          key={member.id}
          bidId={bid.id}
          member={member}
          current={vote.data.votes.find((ballot) => ballot.memberKey === member.key)}
          showName={voters.length > 1}
          changeRequestId={changeRequestId}
        />
      ))}
    </Stack>
  );
}
