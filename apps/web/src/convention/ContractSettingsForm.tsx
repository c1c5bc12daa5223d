import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Group, SimpleGrid, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { FormSelect } from '../ui/FormSelect';
import { showProblems } from '../ui/problems';

type ContractNature = BidDto['consortium']['convention']['contractNature'];
type UncoveredWorkRule = BidDto['consortium']['convention']['uncoveredWorkRule'];

const NATURES: { value: ContractNature; label: string }[] = [
  { value: 'WORKS', label: 'Travaux (assurance décennale, garanties après réception)' },
  { value: 'SUPPLIES', label: 'Fournitures' },
  { value: 'SERVICES', label: 'Services' },
];

const UNCOVERED_RULES: { value: UncoveredWorkRule; label: string }[] = [
  { value: 'MANDATAIRE', label: 'Le mandataire en répond' },
  { value: 'VOLUNTEERS', label: 'Des membres volontaires la reprennent (avenant)' },
  { value: 'COVERED_PART_ONLY', label: 'L’offre ne porte que sur la part couverte' },
];

const schema = z.object({
  contractNature: z.enum(['WORKS', 'SUPPLIES', 'SERVICES'], 'Choisissez la nature du marché.'),
  uncoveredWorkRule: z.enum(
    ['MANDATAIRE', 'VOLUNTEERS', 'COVERED_PART_ONLY'],
    'Choisissez qui répond de la part non couverte.',
  ),
  vatRate: z
    .string()
    .trim()
    .regex(/^\d{1,2}([.,]\d{1,2})?$/, 'Taux de TVA : un pourcentage, par exemple 20 ou 5,5.'),
  paymentTermDays: z
    .string()
    .trim()
    .regex(/^\d{1,3}$/, 'Délai de paiement : un nombre de jours, par exemple 30.'),
});
type ContractSettings = z.infer<typeof schema>;

/** "5,5" -> 550 basis points. */
const basisPoints = (rate: string) => Math.round(Number(rate.replace(',', '.')) * 100);

/** The api's problems on convention.x land on the form's field of the same meaning. */
const FIELD_OF: Record<string, keyof ContractSettings> = {
  'convention.contractNature': 'contractNature',
  'convention.uncoveredWorkRule': 'uncoveredWorkRule',
  'convention.vatRateBasisPoints': 'vatRate',
  'convention.paymentTermDays': 'paymentTermDays',
};

/**
 * What the contract buys, its VAT rate, the buyer's payment term and who answers for the work no
 * member covers: the convention's clauses and the DC4 sheets depend on them.
 */
export function ContractSettingsForm({ bid }: { bid: BidDto }) {
  const queryClient = useQueryClient();
  const { convention } = bid.consortium;
  const { register, handleSubmit, formState, setError, control } = useForm<ContractSettings>({
    resolver: zodResolver(schema),
    defaultValues: {
      contractNature: convention.contractNature,
      uncoveredWorkRule: convention.uncoveredWorkRule,
      vatRate: String(convention.vatRateBasisPoints / 100).replace('.', ','),
      paymentTermDays: String(convention.paymentTermDays),
    },
  });
  const save = useMutation({
    mutationFn: (form: ContractSettings) =>
      unwrap(
        api.PATCH('/api/bids/{bidId}', {
          params: { path: { bidId: bid.id } },
          body: {
            convention: {
              contractNature: form.contractNature,
              uncoveredWorkRule: form.uncoveredWorkRule,
              vatRateBasisPoints: basisPoints(form.vatRate),
              paymentTermDays: Number(form.paymentTermDays),
            },
          },
        }),
      ),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: bidKeys.bid(bid.id) });
      notifications.show({ message: 'Paramètres du marché enregistrés.', color: 'green' });
    },
    onError: (error) => showProblems(error, setError, (path) => FIELD_OF[path] ?? null),
  });
  const errors = formState.errors;
  return (
    <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
      <Fieldset legend="Le marché, tel que la convention et les fiches DC4 le décrivent">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
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
          <TextInput
            label="Taux de TVA (%)"
            inputMode="decimal"
            error={errors.vatRate?.message}
            {...register('vatRate')}
          />
          <TextInput
            label="Délai de paiement (jours)"
            inputMode="numeric"
            error={errors.paymentTermDays?.message}
            {...register('paymentTermDays')}
          />
        </SimpleGrid>
        <Group mt="sm">
          <Button type="submit" loading={save.isPending}>
            Enregistrer
          </Button>
        </Group>
      </Fieldset>
    </form>
  );
}
