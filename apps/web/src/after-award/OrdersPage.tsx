import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError, type Problem, messageOf, unwrap } from '../api/errors';
import type { BidDto, OrderProposalDto, OrdersDto } from '../api/schema';
import { useBidContext } from '../bids/queries';
import { DecimalInput } from '../ui/DecimalInput';
import { ErrorPanel } from '../ui/ErrorPanel';
import { ProblemsAlert } from '../ui/FailureAlert';
import { formatCents, formatDate, parseEuros } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { centsText, lotLabel, runningLots, territoryNamer } from './model';
import { afterAwardKeys, useAward } from './queries';

type Order = OrdersDto['orders'][number];
type Proposal = OrderProposalDto;

const ordersKey = (bidId: string) => [...afterAwardKeys.all(bidId), 'orders'] as const;

/**
 * « Bons de commande »: the orders of the framework contract, each split among the members. The
 * mandataire (or a coordinator) records an order; Cordage proposes the split from the plan in
 * force, to the cent, and the mandataire may adjust it before recording.
 */
export function OrdersPage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  const orders = useQuery({
    queryKey: ordersKey(bid.id),
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/orders', { params: { path: { bidId: bid.id } } })),
  });
  const records =
    access.isCoordinator ||
    access.editableMembers.some(
      (member) => member.organisation.id === bid.consortium.mandataire.organisationId,
    );
  if (award.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;
  const lots = runningLots(award.data.lots);

  return (
    <Stack gap="lg">
      <PageIntro title="Bons de commande">
        Un accord-cadre s’exécute par bons de commande. Le mandataire enregistre chacun et
        l’attribue aux membres selon la répartition prévue ; chaque membre rattache ensuite son
        réalisé au bon qu’il exécute.
      </PageIntro>
      {records &&
        (lots.length === 0 ? (
          <Alert color="blue">
            Les bons de commande s’enregistrent une fois le marché d’un lot gagné fixé (page
            Attribution).
          </Alert>
        ) : (
          <OrderForm bid={bid} lots={lots} />
        ))}
      {orders.isPending ? (
        <Loading />
      ) : orders.isError ? (
        <ErrorPanel error={orders.error} title="Impossible d’afficher les bons de commande" />
      ) : (
        <OrderList bid={bid} orders={orders.data.orders} />
      )}
    </Stack>
  );
}

/** An order's form: its number, date, lot, cells and amount; then the split to confirm. */
function OrderForm({ bid, lots }: { bid: BidDto; lots: ReturnType<typeof runningLots> }) {
  const queryClient = useQueryClient();
  const nameOf = territoryNamer(bid);
  const [number, setNumber] = useState('');
  const [orderedOn, setOrderedOn] = useState('');
  const [lot, setLot] = useState<number>(lots[0]?.lot ?? 1);
  const [territories, setTerritories] = useState<string[]>([]);
  const [amount, setAmount] = useState('');
  const [proposal, setProposal] = useState<Proposal | null>(null);
  const [parts, setParts] = useState<Record<string, string>>({});
  const [problems, setProblems] = useState<Problem[]>([]);
  const cells = bid.lots.find((l) => l.number === lot)?.cells ?? [];
  const amountCents = parseEuros(amount);
  const order = () => ({ number, orderedOn, lot, territories, amountCents: amountCents ?? 0 });
  const placed = (problem: Problem, path: string) =>
    problem.path === path ||
    problem.path.startsWith(`${path}[`) ||
    problem.path.startsWith(`${path}.`);
  const problemOf = (path: string) => problems.find((problem) => placed(problem, path))?.message;
  const fields = [
    'number',
    'orderedOn',
    'lot',
    'amountCents',
    'territories',
    ...(proposal?.assignments.map((_, index) => `assignments[${index}]`) ?? []),
  ];
  const unplaced = problems.filter((problem) => !fields.some((field) => placed(problem, field)));
  const failed = (error: unknown) =>
    setProblems(
      error instanceof ApiError && error.problems.length > 0
        ? [...error.problems]
        : [{ path: '', code: 'ERROR', message: messageOf(error) }],
    );

  const propose = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/orders/proposal', {
          params: { path: { bidId: bid.id } },
          body: order(),
        }),
      ),
    onSuccess: (result) => {
      setProblems([]);
      setProposal(result);
      setParts(
        Object.fromEntries(result.assignments.map((p) => [p.memberId, centsText(p.amountCents)])),
      );
    },
    onError: failed,
  });
  const partsCents = proposal
    ? proposal.assignments.map((p) => ({
        memberId: p.memberId,
        amountCents: parseEuros(parts[p.memberId] ?? '') ?? Number.NaN,
      }))
    : [];
  const partsTotal = partsCents.reduce((sum, p) => sum + p.amountCents, 0);
  const record = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/bids/{bidId}/orders', {
          params: { path: { bidId: bid.id } },
          body: { ...order(), assignments: partsCents },
        }),
      ),
    onSuccess: async (recorded) => {
      setProblems([]);
      setProposal(null);
      setNumber('');
      setAmount('');
      setTerritories([]);
      await queryClient.invalidateQueries({ queryKey: ordersKey(bid.id) });
      notifications.show({
        message: `Bon n° ${recorded.number} enregistré : ${formatCents(recorded.amountCents)} HT.`,
        color: 'green',
      });
    },
    onError: failed,
  });
  const edited = () => setProposal(null);

  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby="order-new">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (proposal) record.mutate();
          else propose.mutate();
        }}
      >
        <Stack gap="md">
          <Title order={3} size="h4" id="order-new">
            Enregistrer un bon de commande
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Numéro du bon (celui de l’acheteur)"
              required
              value={number}
              error={problemOf('number')}
              onChange={(event) => {
                setNumber(event.currentTarget.value);
                edited();
              }}
            />
            <TextInput
              type="date"
              label="Date du bon"
              required
              value={orderedOn}
              error={problemOf('orderedOn')}
              onChange={(event) => {
                setOrderedOn(event.currentTarget.value);
                edited();
              }}
            />
            <Select
              label="Lot"
              required
              allowDeselect={false}
              data={lots.map((l) => ({
                value: String(l.lot),
                label: lotLabel(l.lot, l.title),
              }))}
              value={String(lot)}
              error={problemOf('lot')}
              onChange={(value) => {
                setLot(Number(value));
                setTerritories([]);
                edited();
              }}
            />
            <DecimalInput
              label="Montant du bon (€ HT)"
              unit="€"
              required
              value={amount}
              description={
                amountCents === null ? undefined : `Compris : ${formatCents(amountCents)} HT`
              }
              error={problemOf('amountCents')}
              onChange={(event) => {
                setAmount(event.currentTarget.value);
                edited();
              }}
            />
          </SimpleGrid>
          <Checkbox.Group
            label="Territoires concernés"
            required
            value={territories}
            error={problemOf('territories')}
            onChange={(value) => {
              setTerritories(value);
              edited();
            }}
          >
            <SimpleGrid cols={{ base: 1, sm: 3 }} mt={4} spacing={4}>
              {cells.map((cell) => (
                <Checkbox
                  key={cell.territory}
                  value={cell.territory}
                  label={nameOf(lot, cell.territory)}
                />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          {proposal && (
            <Fieldset legend="Attribution aux membres">
              <Stack gap="xs">
                <Text size="sm" c="dimmed">
                  Proposée d’après la répartition prévue sur ces territoires pour la période du bon,
                  au centime près. Vous pouvez l’ajuster : les parts doivent totaliser le montant du
                  bon.
                </Text>
                {proposal.assignments.length === 0 && (
                  <Alert color="orange">
                    Aucun membre n’a de part prévue sur ces territoires pour cette période.
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  {proposal.assignments.map((part, index) => (
                    <DecimalInput
                      key={part.memberId}
                      label={part.legalName || part.member}
                      unit="€"
                      value={parts[part.memberId] ?? ''}
                      error={problemOf(`assignments[${index}]`)}
                      onChange={(event) => {
                        const text = event.currentTarget.value;
                        setParts((current) => ({ ...current, [part.memberId]: text }));
                      }}
                    />
                  ))}
                </SimpleGrid>
                <Text size="sm" role="status">
                  Total des parts : {Number.isNaN(partsTotal) ? '—' : formatCents(partsTotal)} pour
                  un bon de {formatCents(amountCents ?? 0)}
                  {!Number.isNaN(partsTotal) && partsTotal !== amountCents && ' : à ajuster.'}
                </Text>
              </Stack>
            </Fieldset>
          )}
          <ProblemsAlert problems={unplaced} title="Le bon n’est pas enregistré" />
          <Group>
            <Button type="submit" loading={propose.isPending || record.isPending}>
              {proposal ? 'Enregistrer le bon et son attribution' : 'Proposer l’attribution'}
            </Button>
            {proposal && (
              <Button variant="default" onClick={() => setProposal(null)}>
                Modifier le bon
              </Button>
            )}
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The orders recorded, newest first: each member's part against what it declared on it. */
function OrderList({ bid, orders }: { bid: BidDto; orders: Order[] }) {
  const nameOf = territoryNamer(bid);
  if (orders.length === 0) {
    return <Text size="sm">Aucun bon de commande enregistré pour l’instant.</Text>;
  }
  return (
    <Stack gap="md" component="section" aria-labelledby="orders-list">
      <Title order={3} size="h4" id="orders-list">
        Bons enregistrés
      </Title>
      {orders.map((order) => (
        <Paper
          key={order.id}
          withBorder
          p={{ base: 'xs', sm: 'md' }}
          component="article"
          aria-labelledby={`order-${order.id}`}
        >
          <Stack gap="xs">
            <Title order={4} size="h5" id={`order-${order.id}`}>
              Bon n° {order.number} du {formatDate(order.orderedOn)} · lot {order.lot}
            </Title>
            <Text size="sm">
              {formatCents(order.amountCents)} HT commandés, {formatCents(order.realisedCents)}{' '}
              réalisés · {order.territories.map((t) => nameOf(order.lot, t)).join(', ')}
            </Text>
            <Table fz="sm" striped aria-label={`Parts du bon n° ${order.number}`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Membre</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Commandé
                  </Table.Th>
                  <Table.Th scope="col" ta="right">
                    Réalisé
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {order.assignments.map((part) => (
                  <Table.Tr key={part.memberId}>
                    <Table.Th scope="row" fw={400}>
                      {part.legalName || part.member}
                    </Table.Th>
                    <Table.Td ta="right">{formatCents(part.amountCents)}</Table.Td>
                    <Table.Td ta="right">{formatCents(part.realisedCents)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Paper>
      ))}
    </Stack>
  );
}
