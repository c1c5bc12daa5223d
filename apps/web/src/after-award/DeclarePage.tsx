import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Fieldset,
  Group,
  List,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { forwardRef, useState } from 'react';
import { type UseFormRegister, useForm, useWatch } from 'react-hook-form';
import { Link } from 'react-router';
import { z } from 'zod';
import { decimalText, decimalValue } from '@cordage/domain/french-decimal';
import { api } from '../api/client';
import { ApiError, type Problem, unwrap } from '../api/errors';
import type { BidDto, DeclarationResultDto } from '../api/schema';
import { type Member, useBidContext } from '../bids/queries';
import { DecimalInput } from '../ui/DecimalInput';
import { ErrorPanel } from '../ui/ErrorPanel';
import { ProblemsAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { formatCents, formatDate, formatHours, parseEuros } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { toFieldPath } from '../ui/problems';
import { sentence } from '../ui/sentence';
import {
  centsText,
  closedPeriods,
  periodLabel,
  runningLots,
  territoryNamer,
  todayFor,
} from './model';
import { LotAndPeriodSelects } from './LotAndPeriod';
import { MonthImport } from './MonthImport';
import {
  type Line,
  type Order,
  type Period,
  afterAwardKeys,
  useAward,
  useLines,
  useOrders,
} from './queries';

/** Members who no longer take part declare nothing more. */
const GONE = new Set(['WITHDRAWN', 'DECLINED']);

/**
 * A member's month (a period) of work: per lot and territory, the hours worked, the revenue
 * invoiced, the insertion hours and the people in insertion. The coordination may declare on a
 * member's behalf; the page says so. A figure already declared is corrected with a reason.
 */
export function DeclarePage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  const own = access.editableMembers.filter((member) => !GONE.has(member.status));
  const others = access.isCoordinator
    ? bid.members.filter(
        (member) => !GONE.has(member.status) && !own.some((mine) => mine.id === member.id),
      )
    : [];
  const declarable = [...own, ...others];
  const [memberId, setMemberId] = useState<string | null>(null);
  const [lotNumber, setLotNumber] = useState<number | null>(null);
  const [periodNumber, setPeriodNumber] = useState<number | null>(null);

  if (award.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;
  const lots = runningLots(award.data.lots);
  const member = declarable.find((m) => m.id === memberId) ?? declarable[0];
  const lot = lots.find((l) => l.lot === lotNumber) ?? lots[0];
  const periods = lot?.contract.periods ?? [];
  const closed = closedPeriods(periods, todayFor(bid));
  const period =
    periods.find((p) => p.number === periodNumber) ?? closed[closed.length - 1] ?? periods[0];
  const onBehalf = member !== undefined && !own.some((mine) => mine.id === member.id);

  return (
    <Stack gap="lg">
      <PageIntro title="Déclarer le réalisé">
        Chaque mois, chaque structure indique ce qu’elle a fait sur chaque territoire : les heures
        travaillées, le chiffre d’affaires facturé, les heures d’insertion et le nombre de personnes
        en insertion. Une déclaration tardive ou partielle est acceptée.
      </PageIntro>
      {lots.length === 0 ? (
        <Alert color="blue">
          Aucun lot gagné n’a encore son marché fixé : la coordination le fait sur la page{' '}
          <Anchor component={Link} to={`/candidatures/${bid.id}/attribution`}>
            Attribution
          </Anchor>
          .
        </Alert>
      ) : declarable.length === 0 || !member || !lot || !period ? (
        <Alert color="blue">
          Vous ne déclarez pour aucune structure de ce groupement : seuls les éditeurs d’un membre
          et la coordination déclarent.
        </Alert>
      ) : (
        <>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <NativeSelect
              label="Structure"
              value={member.id}
              onChange={(event) => setMemberId(event.currentTarget.value)}
              data={declarable.map((m) => ({
                value: m.id,
                label: own.some((mine) => mine.id === m.id)
                  ? m.organisation.legalName
                  : `${m.organisation.legalName} (pour son compte)`,
              }))}
            />
            <LotAndPeriodSelects
              lots={lots}
              lot={lot.lot}
              periods={periods}
              period={period}
              onLot={setLotNumber}
              onPeriod={setPeriodNumber}
              periodHeading="Mois déclaré"
              periodNote={(p) => (p.endOn > todayFor(bid) ? ' (en cours ou à venir)' : '')}
            />
          </SimpleGrid>
          {onBehalf && (
            <Alert color="orange" title="Déclaration pour le compte d’un membre">
              Vous déclarez au nom de {member.organisation.legalName}, en tant que coordination : la
              déclaration est enregistrée comme faite pour son compte, avec votre nom.
            </Alert>
          )}
          <MonthForm
            key={`${member.id}-${lot.lot}-${period.number}`}
            bid={bid}
            member={member}
            lot={lot.lot}
            period={period}
            cells={[
              ...new Set(
                award.data.cells
                  .filter((cell) => cell.lot === lot.lot && cell.member === member.key)
                  .map((cell) => cell.territory),
              ),
            ]}
            onBehalf={onBehalf}
          />
          {access.isCoordinator && (
            <MonthImport
              key={`import-${period.number}`}
              bidId={bid.id}
              period={period}
              cells={award.data.cells.filter((cell) => lots.some((l) => l.lot === cell.lot))}
            />
          )}
        </>
      )}
    </Stack>
  );
}

const FIELDS = ['hours', 'revenue', 'insertionHours', 'insertionPeople'] as const;
type Field = (typeof FIELDS)[number] | 'order';

/** The api's field of an entry, to the form's. */
const FIELD_OF_API: Record<string, Field> = {
  hours: 'hours',
  revenueCents: 'revenue',
  insertionHours: 'insertionHours',
  insertionPeople: 'insertionPeople',
  orderId: 'order',
};

const HOURS = { maxDecimals: 2 };
const PEOPLE = { integer: true };

const optional = (read: (text: string) => boolean, message: string) =>
  z.string().refine((text) => text.trim() === '' || read(text), message);

const schema = z.object({
  cells: z.array(
    z.object({
      territory: z.string(),
      hours: optional(
        (text) => decimalValue(text, HOURS) !== null,
        'Indiquez des heures, par exemple 151,67 (deux décimales au plus).',
      ),
      revenue: optional(
        (text) => parseEuros(text) !== null,
        'Indiquez un montant en euros HT, par exemple 4 250,50 (virgule pour les centimes).',
      ),
      insertionHours: optional(
        (text) => decimalValue(text, HOURS) !== null,
        'Indiquez des heures, par exemple 35,5 (deux décimales au plus).',
      ),
      insertionPeople: optional(
        (text) => decimalValue(text, PEOPLE) !== null,
        'Indiquez un nombre entier de personnes, par exemple 3.',
      ),
      /** The order the figures carry out: its id, or '' for none. */
      order: z.string(),
    }),
  ),
  reason: z.string().max(1000, 'Le motif tient en 1 000 caractères au plus.'),
});
type MonthValues = z.infer<typeof schema>;
type CellValues = MonthValues['cells'][number];

/** The figure already declared, as the field shows it. */
function declaredValues(territory: string, line: Line | undefined): CellValues {
  if (!line || line.realisedCents === null)
    return {
      territory,
      hours: '',
      revenue: '',
      insertionHours: '',
      insertionPeople: '',
      order: line?.orderId ?? '',
    };
  return {
    territory,
    order: line.orderId ?? '',
    hours: decimalText(line.realisedHours ?? 0),
    revenue: centsText(line.realisedCents),
    insertionHours: decimalText(line.realisedInsertionHours ?? 0),
    insertionPeople: String(line.insertionPeople ?? 0),
  };
}

const isEmpty = (cell: CellValues) => FIELDS.every((field) => cell[field].trim() === '');

/** A cell's entry for the api; an empty field counts as 0 once another is filled. */
function entryOf(cell: CellValues, lot: number, period: number) {
  return {
    lot,
    territory: cell.territory,
    period,
    hours: decimalValue(cell.hours, HOURS) ?? 0,
    revenueCents: parseEuros(cell.revenue) ?? 0,
    insertionHours: decimalValue(cell.insertionHours, HOURS) ?? 0,
    insertionPeople: decimalValue(cell.insertionPeople, PEOPLE) ?? 0,
    orderId: cell.order === '' ? null : cell.order,
  };
}

type Entry = ReturnType<typeof entryOf>;
const sameEntry = (a: Entry, b: Entry) =>
  a.hours === b.hours &&
  a.revenueCents === b.revenueCents &&
  a.insertionHours === b.insertionHours &&
  a.insertionPeople === b.insertionPeople &&
  a.orderId === b.orderId;

/** One member's month on one lot: a block of four figures per territory, phone first. */
/** The month being declared: whose, on which lot, and whether for another member's account. */
interface DeclaredMonth {
  bid: BidDto;
  member: Member;
  lot: number;
  period: Period;
  onBehalf: boolean;
}

function MonthForm({ cells, ...month }: DeclaredMonth & { cells: string[] }) {
  const { bid, member, lot, period } = month;
  const lines = useLines(bid.id, lot, member.id);
  const orders = useOrders(bid.id);
  if (lines.isPending || orders.isPending) return <Loading />;
  if (lines.isError) return <ErrorPanel error={lines.error} />;
  if (orders.isError) return <ErrorPanel error={orders.error} />;
  const ofPeriod = lines.data.lines.filter(
    (line) => line.member === member.key && line.period === period.number,
  );
  return (
    <MonthFields
      {...month}
      orders={orders.data.orders.filter(
        (order) =>
          order.lot === lot && order.assignments.some((part) => part.memberId === member.id),
      )}
      cells={cells.map((territory) => ({
        territory,
        line: ofPeriod.find((line) => line.territory === territory),
      }))}
    />
  );
}

function MonthFields({
  bid,
  member,
  lot,
  period,
  cells,
  orders,
  onBehalf,
}: DeclaredMonth & {
  cells: { territory: string; line: Line | undefined }[];
  /** The lot's orders assigned to the member. */
  orders: Order[];
}) {
  const queryClient = useQueryClient();
  const territoryName = territoryNamer(bid);
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const [result, setResult] = useState<DeclarationResultDto | null>(null);
  const declared = cells.map(({ territory, line }) => declaredValues(territory, line));
  const { register, control, handleSubmit, formState, setError, reset } = useForm<MonthValues>({
    resolver: zodResolver(schema),
    defaultValues: { cells: declared, reason: '' },
  });
  const values = useWatch({ control }) as MonthValues;

  /** The entries to send: the cells filled in and changed, and which of them correct a figure. */
  const changes = (form: MonthValues) =>
    form.cells.flatMap((cell, index) => {
      if (isEmpty(cell)) return [];
      const entry = entryOf(cell, lot, period.number);
      const before = declared[index];
      const wasDeclared = before !== undefined && !isEmpty(before);
      if (wasDeclared && sameEntry(entry, entryOf(before, lot, period.number))) return [];
      return [{ entry, index, correction: wasDeclared }];
    });
  const pending = changes(values);
  const corrects = pending.some((change) => change.correction);

  /** The api's problems, each worded as a sentence next to the field it names. */
  const placeProblems = (
    error: unknown,
    fieldOf: (path: string) => 'reason' | `cells.${number}.${Field}` | null,
  ): Problem[] => {
    if (!(error instanceof ApiError)) return [];
    return error.problems.filter((problem) => {
      const field = fieldOf(problem.path);
      if (field) setError(field, { type: 'server', message: sentence(problem.message) });
      return !field;
    });
  };

  const save = useMutation({
    mutationFn: (form: MonthValues) => {
      const sent = changes(form);
      return unwrap(
        api.POST('/api/bids/{bidId}/members/{memberId}/realised', {
          params: { path: { bidId: bid.id, memberId: member.id } },
          body: {
            entries: sent.map((change) => change.entry),
            ...(form.reason.trim() ? { reason: form.reason.trim() } : {}),
          },
        }),
      ).then((answer) => ({ answer, sent, form }));
    },
    onSuccess: async ({ answer, form }) => {
      setUnplaced([]);
      setResult(answer);
      reset({ ...form, reason: '' });
      await queryClient.invalidateQueries({ queryKey: afterAwardKeys.all(bid.id) });
      notifications.show({
        message: `Déclaration enregistrée : ${answer.recorded} ligne${answer.recorded > 1 ? 's' : ''}${
          answer.corrected > 0
            ? `, dont ${answer.corrected} correction${answer.corrected > 1 ? 's' : ''}`
            : ''
        }.`,
        color: 'green',
      });
    },
    onError: (error, form) => {
      const sent = changes(form);
      setResult(null);
      setUnplaced(
        placeProblems(error, (path) => {
          if (path === 'reason') return 'reason';
          const match = /^entries\.(\d+)\.(\w+)$/.exec(toFieldPath(path));
          const change = match ? sent[Number(match[1])] : undefined;
          const field = match ? FIELD_OF_API[match[2] ?? ''] : undefined;
          return change && field ? (`cells.${change.index}.${field}` as const) : null;
        }),
      );
    },
  });

  const submit = (form: MonthValues) => {
    if (changes(form).length === 0) {
      setUnplaced([
        { path: 'entries', code: 'EMPTY', message: 'rien de nouveau à déclarer pour ce mois' },
      ]);
      return;
    }
    // An order placed after the month cannot cover its work: refused here, as the api would.
    const late = form.cells.flatMap((cell, index) => {
      const order = orders.find((o) => o.id === cell.order);
      return order && order.period > period.number ? [{ index, order }] : [];
    });
    for (const { index, order } of late) {
      setError(`cells.${index}.order`, {
        type: 'order',
        message: `Le bon de commande ${order.number} a été passé après ce mois : il ne peut pas en couvrir le réalisé.`,
      });
    }
    if (late.length > 0) return;
    // A correction without its reason: the api says so, next to the reason's field.
    save.mutate(form);
  };
  const errors = formState.errors;
  const field = fieldBinder({ register, formState });

  /**
   * The member's revenue on an order once this month is recorded: what is in force on the
   * order's other figures, plus what the form now puts on it.
   */
  const projectedOnOrder = (order: Order): number => {
    const part = order.assignments.find((a) => a.memberId === member.id);
    const inForce = part?.realisedCents ?? 0;
    const replaced = sumCents(
      cells.map(({ line }) => (line?.orderId === order.id ? (line.realisedCents ?? 0) : 0)),
    );
    const typed = sumCents(
      (values.cells ?? []).map((cell) =>
        cell.order === order.id ? (parseEuros(cell.revenue) ?? 0) : 0,
      ),
    );
    return inForce - replaced + typed;
  };

  if (cells.length === 0)
    return (
      <Alert color="blue">
        {member.organisation.legalName} n’a pas de part prévue sur ce lot : il n’y a rien à
        déclarer.
      </Alert>
    );

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      component="section"
      aria-labelledby="month-title"
    >
      <form onSubmit={(event) => void handleSubmit(submit)(event)} noValidate>
        <Stack gap="md">
          <div>
            <Title order={3} size="h4" id="month-title">
              {member.organisation.legalName} · {periodLabel(period)}
              {onBehalf && (
                <Badge ml="xs" color="orange" variant="light">
                  Pour son compte
                </Badge>
              )}
            </Title>
            <Text size="sm" c="dimmed">
              Montants en euros HT, avec une virgule pour les centimes (4 250,50). Un champ laissé
              vide compte pour 0 dès qu’un autre champ du territoire est rempli.
            </Text>
          </div>
          {cells.map(({ territory, line }, index) => {
            const typed = values.cells?.[index];
            const cents = typed ? parseEuros(typed.revenue) : null;
            return (
              <Fieldset key={territory} legend={territoryName(lot, territory)} p="xs">
                {line && (
                  <Text size="xs" c="dimmed" mb={4}>
                    Prévu ce mois : {formatCents(line.plannedCents)} ·{' '}
                    {formatHours(Math.round(line.plannedHundredths / 100))}
                    {line.realisedCents !== null && ' · déjà déclaré'}
                  </Text>
                )}
                <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="xs">
                  <DecimalInput
                    label="Heures travaillées"
                    unit="h"
                    {...field(`cells.${index}.hours`)}
                  />
                  <DecimalInput
                    label="Chiffre d’affaires facturé (€ HT)"
                    unit="€"
                    description={
                      cents !== null && typed?.revenue.trim()
                        ? `Compris : ${formatCents(cents)}`
                        : undefined
                    }
                    {...field(`cells.${index}.revenue`)}
                  />
                  <DecimalInput
                    label="Heures d’insertion"
                    unit="h"
                    {...field(`cells.${index}.insertionHours`)}
                  />
                  <DecimalInput
                    label="Personnes en insertion"
                    integer
                    {...field(`cells.${index}.insertionPeople`)}
                  />
                </SimpleGrid>
                <OrderPicker
                  orders={orders.filter((order) => order.territories.includes(territory))}
                  memberId={member.id}
                  period={period.number}
                  chosen={typed?.order ?? ''}
                  projected={projectedOnOrder}
                  {...field(`cells.${index}.order`)}
                />
              </Fieldset>
            );
          })}
          {(corrects || errors.reason) && (
            <Textarea
              label="Motif de la correction"
              description="Un chiffre déjà déclaré n’est jamais effacé : la correction s’ajoute, avec son auteur et son motif."
              required
              autosize
              minRows={2}
              {...field('reason')}
            />
          )}
          <ProblemsAlert problems={unplaced} title="La déclaration n’est pas enregistrée" />
          {result && (
            <Alert color={result.driftAlerts > 0 ? 'orange' : 'green'} role="status">
              <Text size="sm">
                Enregistré : {result.recorded} territoire{result.recorded > 1 ? 's' : ''}
                {result.corrected > 0 &&
                  `, dont ${result.corrected} correction${result.corrected > 1 ? 's' : ''}`}
                .
              </Text>
              {result.driftAlerts > 0 && (
                <Text size="sm">
                  Le réalisé cumulé est à plus de 15 % en deçà du prévu depuis deux mois : la
                  coordination et la structure sont prévenues.
                </Text>
              )}
              {result.warnings.length > 0 && (
                <List size="sm">
                  {result.warnings.map((warning) => (
                    <List.Item key={`${warning.path}-${warning.code}`}>
                      {sentence(warning.message)}
                    </List.Item>
                  ))}
                </List>
              )}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={save.isPending}>
              {onBehalf ? 'Déclarer pour son compte' : 'Déclarer ce mois'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

const sumCents = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The order a territory's figures carry out, among the lot's orders on this territory assigned
 * to the member: one placed after the month is shown but cannot be chosen, and a warning says
 * when the member's revenue on the chosen order passes its part of it.
 */
const OrderPicker = forwardRef<
  HTMLSelectElement,
  {
    orders: Order[];
    memberId: string;
    period: number;
    chosen: string;
    projected: (order: Order) => number;
    error: string | undefined;
  } & ReturnType<UseFormRegister<MonthValues>>
>(function OrderPicker({ orders, memberId, period, chosen, projected, error, ...field }, ref) {
  if (orders.length === 0) return null;
  const order = orders.find((o) => o.id === chosen);
  const part = order?.assignments.find((a) => a.memberId === memberId);
  const passed = order && part ? projected(order) - part.amountCents : 0;
  return (
    <Stack gap={4} mt="xs">
      <NativeSelect
        ref={ref}
        label="Bon de commande exécuté"
        description="Seuls les bons de ce lot et de ce territoire qui vous sont attribués."
        error={error}
        data={[
          { value: '', label: 'Sans bon de commande' },
          ...orders.map((o) => {
            const own = o.assignments.find((a) => a.memberId === memberId);
            return o.period > period
              ? {
                  value: o.id,
                  label: `${o.number} : passé après ce mois, non utilisable`,
                  disabled: true,
                }
              : {
                  value: o.id,
                  label: `${o.number} du ${formatDate(o.orderedOn)} (part : ${formatCents(own?.amountCents ?? 0)})`,
                };
          }),
        ]}
        {...field}
      />
      {order && part && passed > 0 && (
        <Alert color="orange" p="xs" role="status">
          <Text size="sm">
            Attention : le réalisé sur le bon {order.number} ({formatCents(projected(order))})
            dépasse votre part ({formatCents(part.amountCents)}) de {formatCents(passed)}. La
            déclaration est acceptée ; le mandataire en est informé par le suivi.
          </Text>
        </Alert>
      )}
    </Stack>
  );
});
