import {
  Alert,
  Anchor,
  Badge,
  Card,
  Group,
  List,
  Paper,
  Progress,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, ChangeRequestDto, VoteStateDto } from '../api/schema';
import { type Member, bidKeys, useBidContext, useWorkflow } from '../bids/queries';
import { DataTable } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { legalNameOf, withMemberNames } from '../ui/memberNames';
import { DecisionRuleForm } from './DecisionRuleForm';
import { DECISION_RULE_NAMES, ruleMeaning } from './rules';
import { VoteForm } from './VoteForm';

/** Before a split is put to the vote (or after a rejected one was revised): the rule may change. */
const RULE_OPEN_STATUSES = new Set(['DRAFT', 'COLLECTING', 'ALLOCATING']);

const OUTCOME: Record<VoteStateDto['outcome'], { label: string; color: string }> = {
  PENDING: { label: 'Vote en cours', color: 'blue' },
  APPROVED: { label: 'Répartition approuvée', color: 'green' },
  REJECTED: { label: 'Répartition rejetée', color: 'red' },
};

/** The members who vote: co-contractors who joined the consortium and have not left it. */
const VOTING_STATUSES = new Set(['ACCEPTED', 'DATA_COMPLETE', 'SIGNED']);
const votes = (member: Member) =>
  member.role === 'COTRAITANT' && VOTING_STATUSES.has(member.status);

/** Why nobody votes now, in one sentence, by the bid's status. */
function closedReason(status: string, vote: VoteStateDto | null): string {
  switch (status) {
    case 'DRAFT':
    case 'COLLECTING':
    case 'ALLOCATING':
      return 'Aucune répartition n’est soumise au vote pour l’instant : le coordinateur la proposera une fois calculée.';
    case 'WITHDRAWN':
      return 'La candidature a été abandonnée : il n’y a plus de vote.';
    default:
      return vote
        ? `Le vote est clos : les membres ont approuvé la version ${vote.versionNumber} de la répartition.`
        : 'Le vote est clos.';
  }
}

/** The vote on the proposed split: the version, the rule, who voted what, and my ballot. */
export function DecisionPage() {
  const { bid, access } = useBidContext();
  const workflow = useWorkflow(bid.id);
  const changes = useQuery({
    queryKey: bidKeys.part(bid.id, 'change-requests'),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/change-requests', { params: { path: { bidId: bid.id } } })),
  });

  if (workflow.isPending || changes.isPending) return <Loading />;
  if (workflow.isError) return <ErrorPanel error={workflow.error} />;
  if (changes.isError) return <ErrorPanel error={changes.error} />;

  // After the signature, a change request's new split is what the remaining members vote on (the
  // workflow's vote is then that one).
  const changeVote: ChangeRequestDto | undefined = changes.data.find(
    (change) => change.status === 'REALLOCATED',
  );
  const open = bid.status === 'PROPOSED' || changeVote !== undefined;
  const vote = workflow.data.vote;
  const { convention } = bid.consortium;
  const rule = convention.decisionRule;
  const ruleEditable =
    access.isCoordinator && RULE_OPEN_STATUSES.has(bid.status) && changeVote === undefined;
  const voters = access.editableMembers.filter(votes);
  const versionNumber = vote?.versionNumber ?? null;

  return (
    <Stack gap="lg">
      <Title order={2}>Décision sur la répartition</Title>

      {!open && (
        <Alert color="gray" role="status">
          {closedReason(bid.status, vote)}
        </Alert>
      )}

      <Paper withBorder p="md">
        <Stack gap="xs">
          {versionNumber !== null && (
            <Group gap="xs" wrap="wrap">
              <Text>
                {changeVote
                  ? 'Nouvelle répartition de la demande de modification :'
                  : open
                    ? 'Répartition soumise au vote :'
                    : 'Répartition votée :'}{' '}
                <strong>version {versionNumber}</strong>
              </Text>
              <Anchor component={Link} to={`/candidatures/${bid.id}/repartition`}>
                Voir le détail de la répartition
              </Anchor>
            </Group>
          )}
          {ruleEditable ? (
            <DecisionRuleForm bid={bid} />
          ) : (
            <Text>
              Règle de décision : <strong>{DECISION_RULE_NAMES[rule]}</strong>.{' '}
              {ruleMeaning(rule, convention)}
            </Text>
          )}
        </Stack>
      </Paper>

      {open && (
        <section aria-labelledby="my-vote-title">
          <Title order={3} id="my-vote-title" mb="sm">
            Votre vote
          </Title>
          {voters.length === 1 && voters[0] && (
            <Text mb="sm">Vous votez pour {voters[0].organisation.legalName}.</Text>
          )}
          {voters.length === 0 ? (
            <Text c="dimmed">
              {access.isCoordinator
                ? 'Seuls les membres du groupement votent : vous suivez ici l’avancement du vote.'
                : 'Vous ne votez pour aucun membre de ce groupement.'}
            </Text>
          ) : (
            <Stack>
              {vote?.outcome === 'REJECTED' && !changeVote && (
                <Alert color="orange" role="status">
                  La répartition est rejetée : le coordinateur va la réviser et en proposer une
                  nouvelle version.
                </Alert>
              )}
              {voters.map((member) => (
                <VoteForm
                  key={member.id}
                  bidId={bid.id}
                  member={member}
                  current={vote?.votes.find((ballot) => ballot.memberKey === member.key)}
                  showName={voters.length > 1}
                />
              ))}
            </Stack>
          )}
        </section>
      )}
      {changeVote && (
        <Alert color="blue" role="status">
          Un membre quitte le groupement : les membres restants votent sur la version{' '}
          {changeVote.allocationVersion} de la répartition.
        </Alert>
      )}
      {vote ? (
        <Tally bid={bid} vote={vote} />
      ) : (
        <Text c="dimmed">Aucune version de la répartition n’a encore été soumise au vote.</Text>
      )}
    </Stack>
  );
}

/** Where the vote stands: the api's explanation, the ballots, and who has not voted yet. */
export function Tally({ bid, vote }: { bid: BidDto; vote: VoteStateDto }) {
  const outcome = OUTCOME[vote.outcome];
  const wide = useMediaQuery('(min-width: 48em)');
  // Ballots of members who left since stay on record but no longer count.
  const voting = new Set(bid.members.filter(votes).map((member) => member.key));
  const eligible = vote.votes.filter((ballot) => voting.has(ballot.memberKey)).length;
  const total = eligible + vote.missing.length;

  return (
    <Stack gap="md">
      <section aria-labelledby="tally-title">
        <Group gap="sm" mb="xs">
          <Title order={3} id="tally-title">
            Décompte
          </Title>
          <Badge color={outcome.color} variant="light" size="lg">
            {outcome.label}
          </Badge>
        </Group>
        <Text>{withMemberNames(bid, vote.explanation)}</Text>
        <Text size="sm" c="dimmed" mt="xs">
          {eligible} membre{eligible > 1 ? 's' : ''} sur {total} {eligible > 1 ? 'ont' : 'a'} voté
        </Text>
        <Progress
          value={total === 0 ? 0 : (eligible / total) * 100}
          aria-label={`Membres ayant voté : ${eligible} sur ${total}`}
          mt={4}
        />
      </section>

      <section aria-labelledby="ballots-title">
        <Title order={3} id="ballots-title" mb="sm">
          Votes exprimés
        </Title>
        {vote.votes.length === 0 ? (
          <Text c="dimmed">Personne n’a encore voté.</Text>
        ) : !wide ? (
          // On a phone, one card per ballot instead of a wide table.
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {vote.votes.map((ballot) => (
              <Card key={ballot.memberKey} withBorder component="li" padding="sm">
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600}>{legalNameOf(bid, ballot.memberKey)}</Text>
                  <Badge
                    color={ballot.choice === 'APPROVE' ? 'green' : 'red'}
                    variant="light"
                    style={{ flexShrink: 0 }}
                  >
                    {ballot.choice === 'APPROVE' ? 'Approuve' : 'Objecte'}
                  </Badge>
                </Group>
                {ballot.comment && (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {ballot.comment}
                  </Text>
                )}
                <Text size="xs" c="dimmed">
                  {formatDateTime(ballot.votedAt)}
                </Text>
              </Card>
            ))}
          </Stack>
        ) : (
          <DataTable minWidth={600} striped columns={['Membre', 'Vote', 'Commentaire', 'Date']}>
            {vote.votes.map((ballot) => (
              <Table.Tr key={ballot.memberKey}>
                <Table.Td>{legalNameOf(bid, ballot.memberKey)}</Table.Td>
                <Table.Td>
                  <Badge color={ballot.choice === 'APPROVE' ? 'green' : 'red'} variant="light">
                    {ballot.choice === 'APPROVE' ? 'Approuve' : 'Objecte'}
                  </Badge>
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{ballot.comment ?? '—'}</Table.Td>
                <Table.Td>{formatDateTime(ballot.votedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </section>

      {vote.missing.length > 0 && (
        <section aria-labelledby="missing-title">
          <Title order={3} id="missing-title" mb="sm">
            N’ont pas encore voté ({vote.missing.length})
          </Title>
          <List>
            {vote.missing.map((key) => (
              <List.Item key={key}>{legalNameOf(bid, key)}</List.Item>
            ))}
          </List>
        </section>
      )}
    </Stack>
  );
}
