import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Checkbox,
  NativeSelect,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { type Problem, unwrap } from '../api/errors';
import { decimalValue } from '@cordage/domain/french-decimal';
import { capitalised, refusalLines } from '../members/forms';
import { DialogButtons } from '../ui/ConfirmModal';
import { DecimalInput } from '../ui/DecimalInput';
import { boundedText, fieldBinder } from '../ui/fields';
import { formatCents, parseEuros } from '../ui/format';
import { optionsOf, withChoose } from '../ui/labels';
import { showProblems } from '../ui/problems';
import {
  DIRECT_PAYMENT_FROM_CENTS,
  KIND_WORDS,
  type Overview,
  type Subcontract,
  lotName,
} from './queries';

const euros = (label: string) =>
  z
    .string()
    .trim()
    .min(1, `Indiquez le montant ${label}.`)
    .refine((text) => (parseEuros(text) ?? 0) > 0, {
      message: `Le montant ${label} s’écrit en euros, par exemple 1 250,50.`,
    });

const schema = z
  .object({
    subcontractorId: z.string().min(1, 'Choisissez le sous-traitant.'),
    lot: z.string().min(1, 'Choisissez le lot.'),
    kind: z.enum(['SOUS_TRAITANCE', 'MISE_A_DISPOSITION']),
    nature: boundedText({
      min: 1,
      tooShort: 'Décrivez les prestations confiées.',
      max: 500,
      tooLong: 'La nature tient en 500 caractères au plus.',
    }),
    durationMonths: z
      .string()
      .trim()
      .refine((text) => {
        const months = decimalValue(text, { integer: true });
        return months !== null && months >= 1 && months <= 96;
      }, 'Indiquez la durée en mois : un nombre entier de 1 à 96.'),
    amountExclVat: euros('HT'),
    amountInclVat: euros('TTC'),
    reverseCharge: z.boolean(),
  })
  .superRefine((form, ctx) => {
    const excl = parseEuros(form.amountExclVat);
    const incl = parseEuros(form.amountInclVat);
    if (excl === null || incl === null) return;
    if (form.reverseCharge && incl !== excl)
      ctx.addIssue({
        code: 'custom',
        path: ['amountInclVat'],
        message: 'En autoliquidation, aucune TVA n’est facturée : le montant TTC égale le HT.',
      });
    else if (incl < excl)
      ctx.addIssue({
        code: 'custom',
        path: ['amountInclVat'],
        message: 'Le montant TTC ne peut pas être inférieur au montant HT.',
      });
  });
type Form = z.infer<typeof schema>;

/** The api's field names to this form's. */
const FIELD: Record<string, keyof Form> = {
  subcontractorId: 'subcontractorId',
  lot: 'lot',
  kind: 'kind',
  nature: 'nature',
  durationMonths: 'durationMonths',
  amountExclVatCents: 'amountExclVat',
  amountInclVatCents: 'amountInclVat',
  reverseCharge: 'reverseCharge',
};

const eurosText = (cents: number | null) =>
  cents === null ? '' : (cents / 100).toFixed(2).replace('.', ',');

/**
 * A subcontract or a loan of workers, entered by the principal (or a coordinator): amounts typed
 * in euros with a decimal comma, sent in cents; the api checks the ceiling and says whether the
 * buyer pays directly.
 */
export function SubcontractForm({
  bidId,
  principalId,
  overview,
  editing,
  onClose,
  onSaved,
}: {
  bidId: string;
  principalId: string;
  overview: Overview;
  editing: Subcontract | null;
  onClose: () => void;
  onSaved: () => Promise<unknown>;
}) {
  const accepted = overview.subcontractors.filter(
    (s) => s.status === 'ACCEPTED' || s.status === 'DATA_COMPLETE',
  );
  const { register, handleSubmit, formState, setError, control } = useForm<Form>({
    resolver: zodResolver(schema),
    defaultValues: editing
      ? {
          subcontractorId: editing.subcontractorId,
          lot: String(editing.lot),
          kind: editing.kind,
          nature: editing.nature,
          durationMonths: editing.durationMonths === null ? '' : String(editing.durationMonths),
          amountExclVat: eurosText(editing.amountExclVatCents),
          amountInclVat: eurosText(editing.amountInclVatCents),
          reverseCharge: editing.reverseCharge ?? false,
        }
      : {
          subcontractorId: accepted.length === 1 ? (accepted[0]?.memberId ?? '') : '',
          lot: overview.lots.length === 1 ? String(overview.lots[0]?.number ?? '') : '',
          kind: 'SOUS_TRAITANCE',
          nature: '',
          durationMonths: '',
          amountExclVat: '',
          amountInclVat: '',
          reverseCharge: false,
        },
  });
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const field = fieldBinder({ register, formState });
  const [kind, inclText] = useWatch({ control, name: ['kind', 'amountInclVat'] });
  const incl = parseEuros(inclText ?? '');
  const direct = kind === 'SOUS_TRAITANCE' && incl !== null && incl >= DIRECT_PAYMENT_FROM_CENTS;

  const save = useMutation({
    mutationFn: (form: Form) => {
      const terms = {
        lot: Number(form.lot),
        kind: form.kind,
        nature: form.nature,
        durationMonths: decimalValue(form.durationMonths, { integer: true }) ?? 0,
        amountExclVatCents: parseEuros(form.amountExclVat) ?? 0,
        amountInclVatCents: parseEuros(form.amountInclVat) ?? 0,
        reverseCharge: form.reverseCharge,
      };
      const path = { bidId, memberId: principalId };
      return unwrap(
        editing
          ? api.PUT('/api/bids/{bidId}/members/{memberId}/subcontracts/{subcontractId}', {
              params: { path: { ...path, subcontractId: editing.id } },
              body: terms,
            })
          : api.POST('/api/bids/{bidId}/members/{memberId}/subcontracts', {
              params: { path },
              body: { ...terms, subcontractorId: form.subcontractorId },
            }),
      );
    },
    onMutate: () => setUnplaced([]),
    onSuccess: async (saved) => {
      notifications.show({
        color: 'green',
        message:
          `${KIND_WORDS[saved.kind]} enregistrée pour ${saved.subcontractorName}` +
          (saved.directPayment ? ' : l’acheteur la paiera directement.' : '.'),
      });
      await onSaved();
      onClose();
    },
    onError: (error) =>
      setUnplaced(showProblems(error, capitalised(setError), (path) => FIELD[path] ?? null)),
  });
  const titleId = `subcontract-form-${principalId}`;

  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={titleId}>
      <form noValidate onSubmit={(event) => void handleSubmit((f) => save.mutate(f))(event)}>
        <Stack>
          <Title order={4} size="h5" id={titleId}>
            {editing
              ? `Modifier la sous-traitance de ${editing.subcontractorName}`
              : 'Nouvelle sous-traitance'}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NativeSelect
              label="Sous-traitant"
              required
              disabled={editing !== null}
              data={withChoose(
                editing
                  ? [{ value: editing.subcontractorId, label: editing.subcontractorName }]
                  : accepted.map((s) => ({ value: s.memberId, label: s.legalName })),
              )}
              {...field('subcontractorId')}
            />
            <NativeSelect
              label="Lot"
              required
              data={withChoose(
                overview.lots.map((lot) => ({ value: String(lot.number), label: lotName(lot) })),
              )}
              {...field('lot')}
            />
            <NativeSelect
              label="Nature du contrat"
              description="Des salariés prêtés par une association intermédiaire, une ETTI ou un GEIQ : mise à disposition, sans DC4."
              required
              data={optionsOf(KIND_WORDS)}
              {...field('kind')}
            />
            <DecimalInput label="Durée" integer unit="mois" required {...field('durationMonths')} />
          </SimpleGrid>
          <TextInput label="Prestations confiées" required {...field('nature')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DecimalInput
              label="Montant maximal HT"
              unit="€"
              maxDecimals={2}
              required
              {...field('amountExclVat')}
            />
            <DecimalInput
              label="Montant maximal TTC"
              unit="€"
              maxDecimals={2}
              required
              {...field('amountInclVat')}
            />
          </SimpleGrid>
          {kind === 'SOUS_TRAITANCE' && (
            <Checkbox
              label="Autoliquidation : le titulaire déclare la TVA (travaux de construction sous-traités)"
              {...register('reverseCharge')}
            />
          )}
          <Text size="sm" aria-live="polite">
            {kind === 'MISE_A_DISPOSITION'
              ? 'Une mise à disposition est payée par le titulaire : pas de paiement direct.'
              : direct
                ? `Paiement direct par l’acheteur : le montant atteint ${formatCents(DIRECT_PAYMENT_FROM_CENTS)} TTC (article R2193-10).`
                : `Pas de paiement direct en dessous de ${formatCents(DIRECT_PAYMENT_FROM_CENTS)} TTC.`}
          </Text>
          {save.isError && (
            <Alert color="red" role="alert" title="La sous-traitance n’est pas enregistrée">
              {refusalLines(save.error, unplaced).map((line) => (
                <div key={line}>{line}</div>
              ))}
            </Alert>
          )}
          <DialogButtons confirmLabel="Enregistrer" pending={save.isPending} onCancel={onClose} />
        </Stack>
      </form>
    </Paper>
  );
}
