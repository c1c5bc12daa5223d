import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto, ConventionPreviewRequestDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { fieldBinder } from '../ui/fields';
import { FormSelect } from '../ui/FormSelect';
import { showProblems } from '../ui/problems';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { ConventionPreview } from './ConventionPreview';

type Convention = BidDto['consortium']['convention'];
type SettingsChange = ConventionPreviewRequestDto['settings'];

const NATURES: { value: Convention['contractNature']; label: string }[] = [
  { value: 'WORKS', label: 'Travaux (assurance décennale, garanties après réception)' },
  { value: 'SUPPLIES', label: 'Fournitures' },
  { value: 'SERVICES', label: 'Services' },
];

const UNCOVERED_RULES: { value: Convention['uncoveredWorkRule']; label: string }[] = [
  { value: 'MANDATAIRE', label: 'Le mandataire en répond' },
  { value: 'VOLUNTEERS', label: 'Des membres volontaires la reprennent (avenant)' },
  { value: 'COVERED_PART_ONLY', label: 'L’offre ne porte que sur la part couverte' },
];

const PAYMENT_FLOWS: { value: Convention['paymentFlow']; label: string }[] = [
  { value: 'DIRECT', label: 'L’acheteur paie chaque membre directement' },
  { value: 'MANDATAIRE_ACCOUNT', label: 'Compte unique tenu par le mandataire' },
];

const days = (what: string, example: number) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, `${what} : un nombre de jours, par exemple ${example}.`);
const percentage = (what: string, example: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/, `${what} : un pourcentage, par exemple ${example}.`);

const schema = z.object({
  contractNature: z.enum(['WORKS', 'SUPPLIES', 'SERVICES'], 'Choisissez la nature du marché.'),
  uncoveredWorkRule: z.enum(
    ['MANDATAIRE', 'VOLUNTEERS', 'COVERED_PART_ONLY'],
    'Choisissez qui répond de la part non couverte.',
  ),
  vatRate: percentage('Taux de TVA', '20 ou 5,5'),
  paymentTermDays: days('Délai de paiement', 30),
  paymentFlow: z.enum(['DIRECT', 'MANDATAIRE_ACCOUNT'], 'Choisissez le flux de paiement.'),
  redistributionDays: days('Délai de reversement', 15),
  mandataireFee: percentage('Rémunération du mandataire', '0 ou 1,5'),
  exitNoticeDays: days('Préavis de retrait', 8),
  steeringMeetingsPerYear: z
    .string()
    .trim()
    .regex(/^\d{1,2}$/, 'Réunions du comité : un nombre par an, par exemple 4.'),
  quorumPercent: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Quorum : un pourcentage entier des membres, par exemple 50.'),
});
type ContractSettings = z.infer<typeof schema>;

/** "5,5" -> 550 basis points. */
const basisPoints = (rate: string) => Math.round(Number(rate.replace(',', '.')) * 100);
/** 550 basis points -> "5,5". */
const percentText = (basis: number) => String(basis / 100).replace('.', ',');

/** Each field of the form, as the api's setting it fills. */
const SETTING_OF = {
  contractNature: (form) => ({ contractNature: form.contractNature }),
  uncoveredWorkRule: (form) => ({ uncoveredWorkRule: form.uncoveredWorkRule }),
  vatRate: (form) => ({ vatRateBasisPoints: basisPoints(form.vatRate) }),
  paymentTermDays: (form) => ({ paymentTermDays: Number(form.paymentTermDays) }),
  paymentFlow: (form) => ({ paymentFlow: form.paymentFlow }),
  redistributionDays: (form) => ({ redistributionDays: Number(form.redistributionDays) }),
  mandataireFee: (form) => ({ mandataireFeeBasisPoints: basisPoints(form.mandataireFee) }),
  exitNoticeDays: (form) => ({ exitNoticeDays: Number(form.exitNoticeDays) }),
  steeringMeetingsPerYear: (form) => ({
    steeringMeetingsPerYear: Number(form.steeringMeetingsPerYear),
  }),
  quorumPercent: (form) => ({ quorumPercent: Number(form.quorumPercent) }),
} satisfies Record<keyof ContractSettings, (form: ContractSettings) => SettingsChange>;

const FIELDS = Object.keys(SETTING_OF) as (keyof ContractSettings)[];

/** The settings the given fields fill. */
const settingsOf = (form: ContractSettings, fields: readonly (keyof ContractSettings)[]) =>
  Object.assign({}, ...fields.map((field) => SETTING_OF[field](form))) as SettingsChange;

/** The api's problems on convention.x (or x, from the domain) land on the form's field. */
const FIELD_OF: Record<string, keyof ContractSettings> = {
  contractNature: 'contractNature',
  uncoveredWorkRule: 'uncoveredWorkRule',
  vatRateBasisPoints: 'vatRate',
  paymentTermDays: 'paymentTermDays',
  paymentFlow: 'paymentFlow',
  redistributionDays: 'redistributionDays',
  mandataireFeeBasisPoints: 'mandataireFee',
  exitNoticeDays: 'exitNoticeDays',
  steeringMeetingsPerYear: 'steeringMeetingsPerYear',
  quorumPercent: 'quorumPercent',
};
const fieldOf = (path: string) => FIELD_OF[path.replace(/^convention\./, '')] ?? null;

const formOf = (convention: Convention): ContractSettings => ({
  contractNature: convention.contractNature,
  uncoveredWorkRule: convention.uncoveredWorkRule,
  vatRate: percentText(convention.vatRateBasisPoints),
  paymentTermDays: String(convention.paymentTermDays),
  paymentFlow: convention.paymentFlow,
  redistributionDays: String(convention.redistributionDays),
  mandataireFee: percentText(convention.mandataireFeeBasisPoints),
  exitNoticeDays: String(convention.exitNoticeDays),
  steeringMeetingsPerYear: String(convention.steeringMeetingsPerYear),
  quorumPercent: String(convention.quorumPercent),
});

/**
 * The convention's clauses the coordinator chooses (the market, the payment flow, the
 * mandataire's fee, the notice to leave, the steering committee), with the articles each change
 * words shown before anything is saved or generated. No court is chosen: the disputes clause
 * leaves it to the ordinary rules of law.
 */
export function ContractSettingsForm({ bid }: { bid: BidDto }) {
  const queryClient = useQueryClient();
  const { register, handleSubmit, formState, setError, control, reset } = useForm<ContractSettings>(
    {
      resolver: zodResolver(schema),
      defaultValues: formOf(bid.consortium.convention),
    },
  );
  const values = useWatch({ control }) as ContractSettings;
  const { dirtyFields } = formState;
  // What the coordinator changed, once it reads as settings: the preview shows those articles.
  const parsed = schema.safeParse(values);
  const changed = FIELDS.filter((field) => dirtyFields[field]);
  const pending = parsed.success ? settingsOf(parsed.data, changed) : null;

  const save = useNotifiedMutation({
    mutationFn: (form: ContractSettings) =>
      unwrap(
        api.PATCH('/api/bids/{bidId}', {
          params: { path: { bidId: bid.id } },
          body: { convention: settingsOf(form, FIELDS) },
        }),
      ),
    onSuccess: (_, form) => reset(form),
    refresh: () => queryClient.invalidateQueries({ queryKey: bidKeys.bid(bid.id) }),
    success: 'Clauses de la convention enregistrées.',
    onError: (error) => showProblems(error, setError, fieldOf),
  });
  const field = fieldBinder({ register, formState });
  const account = values.paymentFlow === 'MANDATAIRE_ACCOUNT';
  return (
    <Stack gap="md">
      <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
        <Stack gap="md">
          <Fieldset legend="Le marché, tel que la convention et les fiches DC4 le décrivent">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
              <FormSelect
                control={control}
                name="contractNature"
                label="Nature du marché"
                data={NATURES}
              />
              <FormSelect
                control={control}
                name="uncoveredWorkRule"
                label="Part non couverte"
                data={UNCOVERED_RULES}
              />
              <TextInput label="Taux de TVA (%)" inputMode="decimal" {...field('vatRate')} />
              <TextInput
                label="Délai de paiement de l’acheteur (jours)"
                inputMode="numeric"
                {...field('paymentTermDays')}
              />
            </SimpleGrid>
          </Fieldset>
          <Fieldset legend="Les clauses entre les membres">
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <FormSelect
                control={control}
                name="paymentFlow"
                label="Flux de paiement"
                data={PAYMENT_FLOWS}
              />
              {account && (
                <TextInput
                  label="Délai de reversement aux membres (jours)"
                  inputMode="numeric"
                  {...field('redistributionDays')}
                />
              )}
              <TextInput
                label="Rémunération du mandataire (% du montant)"
                inputMode="decimal"
                {...field('mandataireFee')}
              />
              <TextInput
                label="Préavis de retrait avant la remise des offres (jours)"
                inputMode="numeric"
                {...field('exitNoticeDays')}
              />
              <TextInput
                label="Réunions du comité de pilotage par an"
                inputMode="numeric"
                {...field('steeringMeetingsPerYear')}
              />
              <TextInput
                label="Quorum du comité (% des membres)"
                inputMode="numeric"
                {...field('quorumPercent')}
              />
            </SimpleGrid>
          </Fieldset>
          <Group>
            <Button type="submit" loading={save.isPending}>
              Enregistrer les clauses
            </Button>
          </Group>
        </Stack>
      </form>
      <ConventionPreview bidId={bid.id} settings={pending} />
    </Stack>
  );
}
