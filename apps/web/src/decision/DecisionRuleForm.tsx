import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { BidDto } from '../api/schema';
import { bidKeys } from '../bids/queries';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { showProblems } from '../ui/problems';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { DECISION_RULES, DECISION_RULE_NAMES, ruleMeaning } from './rules';

const percent = (what: string) =>
  z
    .string()
    .trim()
    .regex(/^\d{2}$/, `${what} : un pourcentage entier entre 50 et 99.`)
    .refine(
      (value) => Number(value) >= 50,
      `${what} : au moins 50, sans quoi ce n’est pas une majorité.`,
    );

const schema = z.object({
  decisionRule: z.enum(['CONSENSUS', 'MAJORITY', 'WEIGHTED', 'DOUBLE_MAJORITY']),
  membersPercent: percent('Part des membres'),
  amountPercent: percent('Part des montants'),
});
type RuleForm = z.infer<typeof schema>;

const FIELD_OF: Record<string, keyof RuleForm> = {
  decisionRule: 'decisionRule',
  'convention.decisionRule': 'decisionRule',
  'convention.doubleMajorityMembersPercent': 'membersPercent',
  'convention.doubleMajorityAmountPercent': 'amountPercent',
};

/**
 * The coordinator chooses how the members decide on a split, before it is put to the vote: the
 * api refuses a change while a vote is open or once the members agreed.
 */
export function DecisionRuleForm({ bid }: { bid: BidDto }) {
  const queryClient = useQueryClient();
  const { convention } = bid.consortium;
  const { register, handleSubmit, formState, setError, control, reset } = useForm<RuleForm>({
    resolver: zodResolver(schema),
    defaultValues: {
      decisionRule: convention.decisionRule,
      membersPercent: String(convention.doubleMajorityMembersPercent),
      amountPercent: String(convention.doubleMajorityAmountPercent),
    },
  });
  const [rule, membersPercent, amountPercent] = useWatch({
    control,
    name: ['decisionRule', 'membersPercent', 'amountPercent'],
  });
  // The sentence follows the bars as they are typed, while they are whole numbers.
  const bars = {
    doubleMajorityMembersPercent: Number(membersPercent) || convention.doubleMajorityMembersPercent,
    doubleMajorityAmountPercent: Number(amountPercent) || convention.doubleMajorityAmountPercent,
  };
  const save = useNotifiedMutation({
    mutationFn: (form: RuleForm) =>
      unwrap(
        api.PATCH('/api/bids/{bidId}', {
          params: { path: { bidId: bid.id } },
          body: {
            convention: {
              decisionRule: form.decisionRule,
              ...(form.decisionRule === 'DOUBLE_MAJORITY' && {
                doubleMajorityMembersPercent: Number(form.membersPercent),
                doubleMajorityAmountPercent: Number(form.amountPercent),
              }),
            },
          },
        }),
      ),
    onSuccess: (_, form) => reset(form),
    refresh: () => queryClient.invalidateQueries({ queryKey: bidKeys.bid(bid.id) }),
    success: 'Règle de décision enregistrée.',
    onError: (error) => showProblems(error, setError, (path) => FIELD_OF[path] ?? null),
  });
  const errors = formState.errors;
  const field = fieldBinder({ register, formState });
  return (
    <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
      <Stack gap="sm">
        <Controller
          control={control}
          name="decisionRule"
          render={({ field }) => (
            <Radio.Group
              label="Règle de décision du groupement"
              description="Elle décide du vote sur la répartition et des décisions du comité de pilotage ; la convention la reprend."
              value={field.value}
              onChange={(value) => field.onChange(value)}
              error={errors.decisionRule?.message}
            >
              <Stack gap="xs" mt="xs">
                {DECISION_RULES.map((value) => (
                  <Radio
                    key={value}
                    value={value}
                    label={DECISION_RULE_NAMES[value]}
                    description={ruleMeaning(value, bars)}
                  />
                ))}
              </Stack>
            </Radio.Group>
          )}
        />
        {rule === 'DOUBLE_MAJORITY' && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Plus de … % des membres"
              inputMode="numeric"
              {...field('membersPercent')}
            />
            <TextInput
              label="Plus de … % des montants"
              inputMode="numeric"
              {...field('amountPercent')}
            />
          </SimpleGrid>
        )}
        {!(errors.decisionRule || errors.membersPercent || errors.amountPercent) && (
          <FailureAlert error={save.error} />
        )}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Enregistrer la règle
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
