import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  Fieldset,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { decimalValue } from '@cordage/domain/french-decimal';
import { api } from '../api/client';
import { type Problem, unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import { useBidContext } from '../bids/queries';
import { DecimalInput } from '../ui/DecimalInput';
import { ErrorPanel } from '../ui/ErrorPanel';
import { ProblemsAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { formatCents, formatDate, parseEuros } from '../ui/format';
import { Loading } from '../ui/Loading';
import { PageIntro } from '../ui/PageIntro';
import { showProblems, toFieldPath } from '../ui/problems';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { centsText, lotLabel, periodLabel } from './model';
import { type AwardedLot, afterAwardKeys, useAward } from './queries';

/**
 * What the buyer decided, lot by lot: the coordinator records it once (won with the amount
 * notified, or lost), then sets each won lot's contract (its start, duration and periods).
 * Every member reads it.
 */
export function AwardPage() {
  const { bid, access } = useBidContext();
  const award = useAward(bid.id);
  if (award.isPending) return <Loading />;
  if (award.isError) return <ErrorPanel error={award.error} />;
  const lots = award.data.lots;

  return (
    <Stack gap="lg">
      <PageIntro title="Attribution du marché">
        L’acheteur attribue parfois une partie des lots seulement, et pas toujours au montant de
        l’offre. La répartition signée, limitée aux lots gagnés, devient la répartition prévue du
        marché : c’est elle que chaque membre compare ensuite à ce qu’il réalise.
      </PageIntro>
      {lots.length === 0 ? (
        access.isCoordinator ? (
          <AwardForm bid={bid} />
        ) : (
          <Alert color="blue">
            La coordination n’a pas encore enregistré les lots gagnés et perdus.
          </Alert>
        )
      ) : (
        <Stack gap="md">
          {lots.map((lot) => (
            <LotOutcome key={lot.lot} bid={bid} lot={lot} canManage={access.isCoordinator} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

const lotSchema = z
  .object({
    lot: z.number(),
    outcome: z.enum(['WON', 'LOST'], 'Indiquez si le lot est gagné ou perdu.'),
    amount: z.string(),
  })
  .superRefine((value, ctx) => {
    if (value.outcome !== 'WON') return;
    const cents = parseEuros(value.amount);
    if (cents === null || cents <= 0)
      ctx.addIssue({
        code: 'custom',
        path: ['amount'],
        message:
          'Indiquez le montant attribué en euros HT, par exemple 237 185,99 (virgule pour les centimes).',
      });
  });

const awardSchema = z.object({
  awardedOn: z.iso.date('Indiquez la date de la notification (jj/mm/aaaa).'),
  lots: z.array(lotSchema),
});
type AwardValues = z.infer<typeof awardSchema>;

/** The award, once: the date of the notification and each lot's outcome and amount. */
function AwardForm({ bid }: { bid: BidDto }) {
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const { register, control, handleSubmit, formState, setError } = useForm<AwardValues>({
    resolver: zodResolver(awardSchema),
    defaultValues: {
      awardedOn: '',
      lots: bid.lots.map((lot) => ({
        lot: lot.number,
        outcome: 'WON' as const,
        amount: centsText(lot.amountCents),
      })),
    },
  });
  const values = useWatch({ control });
  const save = useNotifiedMutation({
    mutationFn: (form: AwardValues) =>
      unwrap(
        api.POST('/api/bids/{bidId}/award', {
          params: { path: { bidId: bid.id } },
          body: {
            awardedOn: form.awardedOn,
            lots: form.lots.map((lot) =>
              lot.outcome === 'WON'
                ? { lot: lot.lot, outcome: 'WON' as const, awardedCents: parseEuros(lot.amount) }
                : { lot: lot.lot, outcome: 'LOST' as const },
            ),
          },
        }),
      ),
    onSuccess: () => setUnplaced([]),
    refresh: () => queryClient.invalidateQueries({ queryKey: afterAwardKeys.all(bid.id) }),
    success: 'Attribution enregistrée.',
    onError: (error) =>
      setUnplaced(
        showProblems(error, setError, (path) => {
          const field = toFieldPath(path).replace(/\.awardedCents$/, '.amount');
          return /^(awardedOn|lots\.\d+\.(amount|outcome))$/.test(field) ? field : null;
        }),
      ),
  });
  const field = fieldBinder({ register, formState });

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      component="section"
      aria-labelledby="award-title"
    >
      <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
        <Stack gap="md">
          <Title order={3} size="h4" id="award-title">
            Enregistrer l’attribution
          </Title>
          <Text size="sm" c="dimmed">
            Une fois enregistrée, l’attribution ne se modifie plus. Quand le montant attribué
            diffère de l’offre, la part de chaque membre sur le lot est ajustée au prorata, au
            centime près.
          </Text>
          <TextInput
            type="date"
            label="Date de la notification de l’attribution"
            required
            maw={260}
            {...field('awardedOn')}
          />
          {bid.lots.map((lot, index) => {
            const won = values.lots?.[index]?.outcome === 'WON';
            const typed = values.lots?.[index]?.amount ?? '';
            const cents = parseEuros(typed);
            return (
              <Fieldset key={lot.number} legend={lotLabel(lot.number, lot.title)}>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Controller
                    control={control}
                    name={`lots.${index}.outcome`}
                    render={({ field, fieldState }) => (
                      <Radio.Group
                        label="Décision de l’acheteur"
                        value={field.value}
                        onChange={field.onChange}
                        error={fieldState.error?.message}
                      >
                        <Group mt={4}>
                          <Radio value="WON" label="Gagné" />
                          <Radio value="LOST" label="Perdu" />
                        </Group>
                      </Radio.Group>
                    )}
                  />
                  {won && (
                    <DecimalInput
                      label="Montant attribué (€ HT)"
                      unit="€"
                      description={
                        cents === null
                          ? `Montant de l’offre : ${formatCents(lot.amountCents)}`
                          : `Compris : ${formatCents(cents)} HT (offre : ${formatCents(lot.amountCents)})`
                      }
                      {...field(`lots.${index}.amount`)}
                    />
                  )}
                </SimpleGrid>
              </Fieldset>
            );
          })}
          <ProblemsAlert problems={unplaced} title="L’attribution n’est pas enregistrée" />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Enregistrer l’attribution
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** A lot as the buyer decided: won (its amount, its contract) or lost. */
function LotOutcome({ bid, lot, canManage }: { bid: BidDto; lot: AwardedLot; canManage: boolean }) {
  const titleId = `award-lot-${lot.lot}`;
  const won = lot.outcome === 'WON';
  return (
    <Paper withBorder p={{ base: 'xs', sm: 'md' }} component="section" aria-labelledby={titleId}>
      <Stack gap="xs">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h5" id={titleId}>
            {lotLabel(lot.lot, lot.title)}
          </Title>
          <Badge color={won ? 'green' : 'gray'} variant="light">
            {won ? 'Gagné' : 'Perdu'}
          </Badge>
        </Group>
        <Text size="sm">
          Notifié le {formatDate(lot.awardedOn)}
          {won && lot.awardedCents !== null && (
            <>
              {' '}
              · montant attribué {formatCents(lot.awardedCents)} HT (offre :{' '}
              {formatCents(lot.bidCents)})
            </>
          )}
        </Text>
        {won &&
          (lot.contract ? (
            <ContractSummary contract={lot.contract} />
          ) : canManage ? (
            <ContractForm bidId={bid.id} lot={lot.lot} />
          ) : (
            <Text size="sm" c="dimmed">
              La coordination n’a pas encore fixé le début et la durée du marché de ce lot.
            </Text>
          ))}
      </Stack>
    </Paper>
  );
}

/** A set contract in words: its start, duration and declaration periods. */
function ContractSummary({ contract }: { contract: NonNullable<AwardedLot['contract']> }) {
  const first = contract.periods[0];
  const last = contract.periods[contract.periods.length - 1];
  const count = contract.periods.length;
  return (
    <Text size="sm">
      Marché à partir du {formatDate(contract.startOn)}, pour {contract.durationMonths} mois :{' '}
      {count} période{count > 1 ? 's' : ''} de déclaration (
      {contract.periodMonths === 1 ? 'chaque mois' : `tous les ${contract.periodMonths} mois`})
      {first && last && `, de ${periodLabel(first)} à ${periodLabel(last)}`}.
    </Text>
  );
}

const contractSchema = z.object({
  startOn: z.iso.date('Indiquez le premier jour d’exécution (jj/mm/aaaa).'),
  durationMonths: z
    .string()
    .refine(
      (text) => (decimalValue(text, { integer: true }) ?? 0) >= 1,
      'Indiquez la durée en mois, un nombre entier (par exemple 12).',
    ),
  periodMonths: z
    .string()
    .refine(
      (text) => (decimalValue(text, { integer: true }) ?? 0) >= 1,
      'Indiquez le nombre de mois par période (1 : chaque mois).',
    ),
});
type ContractValues = z.infer<typeof contractSchema>;

/** A won lot's contract: its first day, its duration, how often the members declare. */
function ContractForm({ bidId, lot }: { bidId: string; lot: number }) {
  const queryClient = useQueryClient();
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const { register, handleSubmit, formState, setError } = useForm<ContractValues>({
    resolver: zodResolver(contractSchema),
    defaultValues: { startOn: '', durationMonths: '12', periodMonths: '1' },
  });
  const save = useNotifiedMutation({
    mutationFn: (form: ContractValues) =>
      unwrap(
        api.POST('/api/bids/{bidId}/award/contracts', {
          params: { path: { bidId } },
          body: {
            lot,
            startOn: form.startOn,
            durationMonths: decimalValue(form.durationMonths, { integer: true }) ?? 0,
            periodMonths: decimalValue(form.periodMonths, { integer: true }) ?? 1,
          },
        }),
      ),
    onSuccess: () => setUnplaced([]),
    refresh: () => queryClient.invalidateQueries({ queryKey: afterAwardKeys.all(bidId) }),
    success: (result) => `Marché du lot ${lot} fixé : ${result.periods} périodes de déclaration.`,
    onError: (error) =>
      setUnplaced(
        showProblems(error, setError, (path) =>
          ['startOn', 'durationMonths', 'periodMonths'].includes(path) ? path : null,
        ),
      ),
  });
  const field = fieldBinder({ register, formState });
  return (
    <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
      <Fieldset legend={`Le marché du lot ${lot}`}>
        <Stack gap="sm">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="date"
              label="Premier jour d’exécution"
              required
              {...field('startOn')}
            />
            <DecimalInput
              label="Durée du marché (mois)"
              integer
              required
              {...field('durationMonths')}
            />
            <DecimalInput
              label="Mois par période de déclaration"
              description="1 : les membres déclarent chaque mois."
              integer
              required
              {...field('periodMonths')}
            />
          </SimpleGrid>
          <ProblemsAlert problems={unplaced} />
          <Group>
            <Button type="submit" loading={save.isPending}>
              Fixer le marché du lot {lot}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
