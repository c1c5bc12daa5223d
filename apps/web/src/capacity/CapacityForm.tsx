import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Card,
  Fieldset,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { api } from '../api/client';
import { ApiError, type Problem, unwrap } from '../api/errors';
import type { BidDto, CarriedOffersDto, OffersSavedDto } from '../api/schema';
import { capitalised, refusalLines } from '../members/forms';
import { CarriedOffersNotice } from '../renewal/CarriedOffers';
import { useRefreshBid } from '../members/queries';
import { DataTable, numeric } from '../ui/DataTable';
import { DecimalInput } from '../ui/DecimalInput';
import { type FieldBinder, fieldBinder } from '../ui/fields';
import { formatDateTime, formatHours } from '../ui/format';
import { MEMBER_STATUS, PREFERENCE, optionsOf, withChoose } from '../ui/labels';
import { showProblems } from '../ui/problems';
import {
  type CapacityValues,
  type Cell,
  type MemberDeclaration,
  carriedOfferOf,
  cellsOf,
  clearDraft,
  fieldOfProblem,
  hoursOf,
  memberDataOf,
  offersOf,
  proposedValues,
  readDraft,
  sameValues,
  savedValues,
  schema,
  writeDraft,
} from './model';

const PREFERENCES = withChoose(optionsOf(PREFERENCE));

/** Dark enough on white for WCAG AA, and worded so that colour is not the only cue. */
const WARNING_COLOR = '#8a3c00';

/** Hours typed in a cell that count as an offer. */
const offeredHours = (text: string | undefined) => {
  const hours = hoursOf(text ?? '');
  return hours !== null && hours > 0 ? hours : 0;
};

/**
 * The partner's declaration: hours and a preference per cell of each lot, then its limits. Kept
 * as a draft on this device while typed; sent whole with one button (the api replaces the
 * previous offers with these).
 */
export function CapacityForm({
  bid,
  member,
  offers,
  onBehalf = false,
  proposal = null,
}: MemberDeclaration & {
  /** A coordinator entering it for the member: the words say « son », not « votre ». */
  onBehalf?: boolean;
  /** The offers carried from the previous tender, while nothing is declared: the form's start. */
  proposal?: CarriedOffersDto | null;
}) {
  const cells = useMemo(() => cellsOf(bid), [bid]);
  const [initial] = useState(() => {
    const saved = savedValues(cells, offers, member);
    const start = proposal ? proposedValues(cells, saved, proposal) : saved;
    return { start, draft: readDraft(bid.id, member.id, cells, start) };
  });
  /** Where the form starts (what the api holds, or the proposal): a draft equal to it is none. */
  const baseline = useRef(initial.start);
  const [restoredAt, setRestoredAt] = useState(initial.draft?.savedAt ?? null);
  const [draftAt, setDraftAt] = useState<string | null>(null);
  const [result, setResult] = useState<(OffersSavedDto & { hours: number }) | null>(null);
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const wide = useMediaQuery('(min-width: 48em)', true, { getInitialValueInEffect: false });
  const refresh = useRefreshBid(bid.id);

  const { register, handleSubmit, formState, setError, reset, subscribe, control } =
    useForm<CapacityValues>({
      resolver: zodResolver(schema),
      defaultValues: initial.draft?.values ?? initial.start,
      // Focus goes to the first field in error in reading order (see focusFirstError).
      shouldFocusError: false,
    });
  const typed = useWatch({ control, name: 'cells' });
  const maxHoursText = useWatch({ control, name: 'maxHours' });

  // The draft follows the typing, written once the person pauses.
  useEffect(() => {
    let timer: number | undefined;
    const unsubscribe = subscribe({
      formState: { values: true },
      callback: ({ values, name }) => {
        if (name) setResult(null);
        window.clearTimeout(timer);
        timer = window.setTimeout(() => {
          if (sameValues(values, baseline.current)) {
            clearDraft(bid.id, member.id);
            setDraftAt(null);
            setRestoredAt(null);
          } else {
            setDraftAt(writeDraft(bid.id, member.id, cells, values));
          }
        }, 800);
      },
    });
    return () => {
      unsubscribe();
      window.clearTimeout(timer);
    };
  }, [subscribe, bid.id, member.id, cells]);

  const save = useMutation({
    onMutate: () => setUnplaced([]),
    // One request: the offers and the member's data are saved together, or not at all.
    mutationFn: (values: CapacityValues) =>
      unwrap(
        api.PUT('/api/bids/{bidId}/members/{memberId}/offers', {
          params: { path: { bidId: bid.id, memberId: member.id } },
          body: { offers: offersOf(cells, values).offers, ...memberDataOf(values, member) },
        }),
      ),
    onSuccess: async (saved, values) => {
      baseline.current = values;
      clearDraft(bid.id, member.id);
      setDraftAt(null);
      setRestoredAt(null);
      reset(values);
      setResult({
        ...saved,
        hours: offersOf(cells, values).offers.reduce((sum, offer) => sum + offer.hours, 0),
      });
      await refresh();
    },
    onError: (error, values) => {
      const { cellIndexes } = offersOf(cells, values);
      const unplacedProblems = showProblems(error, capitalised(setError), (path) =>
        fieldOfProblem(path, cellIndexes),
      );
      setUnplaced(unplacedProblems);
      if (error instanceof ApiError && error.problems.length > unplacedProblems.length) {
        focusFirstError();
      }
    },
  });

  const formRef = useRef<HTMLFormElement>(null);
  const focusPending = useRef(false);
  const [focusRequest, setFocusRequest] = useState(0);
  const focusFirstError = () => {
    focusPending.current = true;
    setFocusRequest((count) => count + 1);
  };
  // Once the messages are rendered and the fields marked (react-hook-form reports its own
  // errors after calling onInvalid): the first field in error, in reading order.
  const { submitCount, errors } = formState;
  useEffect(() => {
    if (!focusPending.current) return;
    const firstInvalid = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (firstInvalid) {
      focusPending.current = false;
      firstInvalid.focus();
    }
  }, [focusRequest, submitCount, errors]);

  const abandonDraft = () => {
    clearDraft(bid.id, member.id);
    reset(baseline.current);
    setRestoredAt(null);
    setDraftAt(null);
  };

  const lotHours = (lot: number) =>
    cells
      .filter((cell) => cell.lot === lot)
      .reduce((sum, cell) => sum + offeredHours(typed[cell.index]?.hours), 0);
  const totalHours = cells.reduce((sum, cell) => sum + offeredHours(typed[cell.index]?.hours), 0);
  const offeredCells = cells.filter((cell) => offeredHours(typed[cell.index]?.hours) > 0).length;
  const maxHours = hoursOf(maxHoursText);
  const invalid = Object.keys(formState.errors).length > 0;
  const field = fieldBinder({ register, formState });

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(event) =>
        void handleSubmit((values) => save.mutate(values), focusFirstError)(event)
      }
    >
      <Stack gap="md">
        {restoredAt && (
          <Alert color="blue" title="Brouillon restauré" role="status">
            <Stack gap="xs" align="flex-start">
              <Text size="sm">
                Vous aviez commencé à modifier votre déclaration sur cet appareil (brouillon du{' '}
                {formatDateTime(restoredAt)}). Il n’est pas encore envoyé : vérifiez-le, puis
                enregistrez votre déclaration.
              </Text>
              <Button size="xs" variant="default" onClick={abandonDraft}>
                Abandonner le brouillon
              </Button>
            </Stack>
          </Alert>
        )}

        {proposal && (
          <CarriedOffersNotice
            proposal={proposal}
            onBehalf={onBehalf}
            legalName={member.organisation.legalName}
          />
        )}

        <Text size="sm">
          Pour chaque territoire où vous pouvez intervenir, indiquez les heures que vous proposez et
          votre préférence ; laissez vide là où vous n’intervenez pas. « Principal » : un territoire
          proche de vos équipes, où vous travaillez d’habitude. « Secondaire » : vous pouvez y aller
          si besoin ; la répartition y fait d’abord appel aux membres pour qui il est principal.
        </Text>

        {bid.lots.map((lot) => (
          <LotCard
            key={lot.id}
            lot={lot}
            cells={cells.filter((cell) => cell.lot === lot.number)}
            typed={typed}
            hours={lotHours(lot.number)}
            field={field}
            wide={wide}
            proposal={proposal}
          />
        ))}

        <Fieldset
          legend={
            onBehalf
              ? 'Ses plafonds et ses heures d’insertion'
              : 'Vos plafonds et vos heures d’insertion'
          }
        >
          <SimpleGrid cols={{ base: 1, md: 3 }}>
            <DecimalInput
              label="Heures au plus sur toute la candidature"
              description="Laissez vide si vous n’avez pas de plafond."
              unit="h"
              maxDecimals={6}
              {...field('maxHours')}
            />
            <DecimalInput
              label="Chiffre d’affaires au plus (€ HT)"
              unit="€"
              description="Par exemple 150 000 ou 150 000,50. Laissez vide si vous n’avez pas de plafond."
              {...field('maxRevenue')}
            />
            <DecimalInput
              label="Heures d’insertion que vous pouvez réaliser au plus"
              description="Heures travaillées par des personnes en parcours d’insertion ; laissez vide pour ne pas le préciser."
              unit="h"
              integer
              {...field('insertionHoursMax')}
            />
          </SimpleGrid>
        </Fieldset>

        <Card withBorder radius="md" component="section" aria-labelledby="capacity-totals">
          <Title order={3} size="h4" id="capacity-totals" mb="xs">
            {onBehalf ? 'Total de sa déclaration' : 'Total de votre déclaration'}
          </Title>
          <Text fw={600}>
            {formatHours(totalHours)} sur {offeredCells} territoire{offeredCells > 1 ? 's' : ''}
          </Text>
          <List size="sm" mt="xs">
            {bid.lots.map((lot) => (
              <List.Item key={lot.id}>
                {lot.title} : {formatHours(lotHours(lot.number))}
              </List.Item>
            ))}
          </List>
          {maxHours !== null && maxHours > 0 && totalHours > maxHours && (
            <Text size="sm" mt="xs" c={WARNING_COLOR}>
              Votre plafond de {formatHours(maxHours)} est inférieur au total proposé : la
              répartition ne vous donnera pas plus de {formatHours(maxHours)}.
            </Text>
          )}
        </Card>

        {invalid && !save.isError && (
          <Alert color="red" role="alert">
            Certaines cases sont à corriger : voyez les messages en rouge sous chacune.
          </Alert>
        )}
        {save.isError && (
          <Alert
            color="red"
            role="alert"
            title={
              onBehalf
                ? 'La déclaration n’est pas enregistrée'
                : 'Votre déclaration n’est pas enregistrée'
            }
          >
            {refusalLines(save.error, unplaced).map((line) => (
              <div key={line}>{line}</div>
            ))}
          </Alert>
        )}
        {result && (
          <Alert
            color="green"
            role="status"
            title={
              onBehalf
                ? `Déclaration enregistrée pour le compte de ${member.organisation.legalName}`
                : 'Déclaration enregistrée'
            }
          >
            {result.offers === 0
              ? onBehalf
                ? 'Aucune heure proposée pour l’instant.'
                : 'Vous ne proposez aucune heure pour l’instant.'
              : `${formatHours(result.hours)} proposées sur ${result.offers} territoire${result.offers > 1 ? 's' : ''}.`}{' '}
            {onBehalf ? 'Son état' : 'Votre état'} : «{' '}
            {MEMBER_STATUS[result.status]?.label ?? result.status} ».
          </Alert>
        )}

        <Group justify="space-between" align="center">
          <Text size="sm" c="gray.7">
            {draftAt
              ? `Brouillon enregistré sur cet appareil à ${formatDateTime(draftAt)} ; il n’est pas encore envoyé.`
              : ''}
          </Text>
          <Button type="submit" loading={save.isPending}>
            {onBehalf ? 'Enregistrer pour son compte' : 'Enregistrer ma déclaration'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

type Lot = BidDto['lots'][number];

interface LotProps {
  lot: Lot;
  cells: Cell[];
  typed: CapacityValues['cells'];
  hours: number;
  field: FieldBinder<CapacityValues>;
  wide: boolean;
  proposal: CarriedOffersDto | null;
}

/** One lot: a table of its territories on a laptop, the territories stacked on a phone. */
function LotCard({ lot, cells, typed, hours, field, wide, proposal }: LotProps) {
  const titleId = `lot-${lot.id}`;
  return (
    <Card withBorder radius="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" align="baseline" mb="xs">
        <Title order={3} size="h4" id={titleId}>
          {lot.title}
        </Title>
        <Text size="sm" c="gray.7">
          Vos heures : {formatHours(hours)} · besoin du lot : {formatHours(lot.demandHours)}
        </Text>
      </Group>
      {wide ? (
        <DataTable
          verticalSpacing="xs"
          columns={['Territoire', numeric('Besoin'), 'Heures proposées', 'Préférence']}
        >
          {cells.map((cell) => (
            <Table.Tr key={cell.index}>
              <Table.Th scope="row" fw={400}>
                <CellName cell={cell} />
              </Table.Th>
              <Table.Td ta="right">{formatHours(cell.demandHours)}</Table.Td>
              <Table.Td>
                <HoursInput
                  cell={cell}
                  typed={typed}
                  field={field}
                  carried={carriedOfferOf(proposal, cell)}
                />
              </Table.Td>
              <Table.Td>
                <PreferenceSelect cell={cell} field={field} />
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      ) : (
        <Stack gap="md">
          {cells.map((cell) => (
            <Stack
              key={cell.index}
              gap={6}
              pt="xs"
              style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}
            >
              <Group justify="space-between" align="baseline">
                <Text fw={500}>
                  <CellName cell={cell} />
                </Text>
                <Text size="sm" c="gray.7">
                  besoin {formatHours(cell.demandHours)}
                </Text>
              </Group>
              <SimpleGrid cols={2} spacing="xs">
                <HoursInput
                  cell={cell}
                  typed={typed}
                  field={field}
                  label="Heures"
                  carried={carriedOfferOf(proposal, cell)}
                />
                <PreferenceSelect cell={cell} field={field} label="Préférence" />
              </SimpleGrid>
            </Stack>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function CellName({ cell }: { cell: Cell }) {
  return (
    <>
      {cell.name}
      {cell.within && (
        <Text span size="xs" c="gray.7">
          {' '}
          ({cell.within})
        </Text>
      )}
    </>
  );
}

interface CellFieldProps {
  cell: Cell;
  field: FieldBinder<CapacityValues>;
  /** A visible label, on a phone; the accessible name always names the lot and the territory. */
  label?: string;
}

function HoursInput({
  cell,
  typed,
  field,
  label,
  carried,
}: CellFieldProps & {
  typed: CapacityValues['cells'];
  /** The offer carried from the previous tender onto this cell, if any. */
  carried: ReturnType<typeof carriedOfferOf>;
}) {
  const hours = offeredHours(typed[cell.index]?.hours);
  // More than the demand is allowed (the allocation never gives more than it): warn only.
  const beyond = hours > cell.demandHours;
  const origin = carried && (
    <Text span size="xs" c="blue.9" display="block">
      {carried.source === 'REALISED'
        ? `Repris du marché précédent : ${formatHours(carried.hours)} réalisées sur 12 mois (offre : ${formatHours(carried.previousHours)})`
        : `Repris du marché précédent : ${formatHours(carried.hours)}`}
    </Text>
  );
  return (
    <DecimalInput
      label={label}
      aria-label={`Heures, lot ${cell.lot}, ${cell.name}`}
      unit="h"
      maxDecimals={6}
      w={wideWidth(label)}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      description={
        beyond || origin ? (
          <>
            {origin}
            {beyond && (
              <Text span size="xs" c={WARNING_COLOR}>
                Attention : plus que le besoin ({formatHours(cell.demandHours)}) ; la répartition ne
                vous en donnera pas davantage.
              </Text>
            )}
          </>
        ) : undefined
      }
      {...field(`cells.${cell.index}.hours`)}
    />
  );
}

function PreferenceSelect({ cell, field, label }: CellFieldProps) {
  return (
    <NativeSelect
      label={label}
      aria-label={`Préférence, lot ${cell.lot}, ${cell.name}`}
      data={PREFERENCES}
      w={wideWidth(label)}
      {...field(`cells.${cell.index}.preference`)}
    />
  );
}

/** In the laptop table the fields keep a steady width; on a phone they fill their column. */
const wideWidth = (label: string | undefined) => (label ? undefined : 200);
