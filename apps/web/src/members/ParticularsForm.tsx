import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Fieldset, Loader, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { MemberParticularsDto, ParticularsDto } from '../api/schema';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { LegalFormSelect } from '../ui/FormSelect';
import { showProblems } from '../ui/problems';

type LegalForm = NonNullable<ParticularsDto['legalForm']>;

const text = (label: string, max: number) =>
  z.string().trim().max(max, `${label} : ${max} caractères au plus.`);

const schema = z.object({
  legalForm: z.string(),
  registeredAddress: text('L’adresse du siège', 300),
  approvalNumber: text('Le numéro', 100),
  approvalAuthority: text('L’autorité', 200),
  representativeCapacity: text('La qualité', 200),
});
type ParticularsForm = z.infer<typeof schema>;

const fromApi = (p: MemberParticularsDto): ParticularsForm => ({
  legalForm: p.legalForm ?? '',
  registeredAddress: p.registeredAddress ?? '',
  approvalNumber: p.approvalNumber ?? '',
  approvalAuthority: p.approvalAuthority ?? '',
  representativeCapacity: p.representativeCapacity ?? '',
});

const toApi = (form: ParticularsForm): ParticularsDto => ({
  legalForm: form.legalForm === '' ? null : (form.legalForm as LegalForm),
  registeredAddress: form.registeredAddress || null,
  approvalNumber: form.approvalNumber || null,
  approvalAuthority: form.approvalAuthority || null,
  representativeCapacity: form.representativeCapacity || null,
});

/**
 * What the convention and the DC sheets print about the structure: entered once, reused in every
 * bid. What is left empty is printed « à compléter », so the board sees what is missing; the
 * representative's capacity, left empty, is the title given with the representative.
 */
export function ParticularsForm({ bidId, memberId }: { bidId: string; memberId: string }) {
  const path = { bidId, memberId };
  const queryKey = ['particulars', bidId, memberId];
  const queryClient = useQueryClient();
  const particulars = useQuery({
    queryKey,
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/members/{memberId}/particulars', { params: { path } })),
  });
  const { register, handleSubmit, formState, setError, control, reset } = useForm<ParticularsForm>({
    resolver: zodResolver(schema),
  });
  useEffect(() => {
    if (particulars.data) reset(fromApi(particulars.data));
  }, [particulars.data, reset]);
  const save = useMutation({
    mutationFn: (form: ParticularsForm) =>
      unwrap(
        api.PUT('/api/bids/{bidId}/members/{memberId}/particulars', {
          params: { path },
          body: toApi(form),
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(queryKey, saved);
      notifications.show({ message: 'Informations de la structure enregistrées.', color: 'green' });
    },
    onError: (error) => showProblems(error, setError),
  });

  if (particulars.isPending) return <Loader size="sm" aria-label="Chargement" />;
  if (particulars.isError) {
    return <FailureAlert error={particulars.error} />;
  }
  const { approvalName, approvalAuthorityHint } = particulars.data;
  const field = fieldBinder({ register, formState });
  return (
    <form onSubmit={(event) => void handleSubmit((form) => save.mutate(form))(event)} noValidate>
      <Fieldset legend="Informations de la structure imprimées dans la convention">
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            Saisies une fois, reprises dans toutes les candidatures du réseau où figure la structure
            ; un autre réseau ne les voit pas. Ce qui reste vide est imprimé « à compléter », sauf
            la qualité du représentant : à défaut, la convention reprend le titre indiqué pour le
            représentant.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <LegalFormSelect control={control} name="legalForm" />
            <TextInput
              label="Qualité du représentant"
              description="Président, directrice générale, gérant… À défaut : le titre du représentant"
              {...field('representativeCapacity')}
            />
          </SimpleGrid>
          <TextInput
            label="Adresse du siège"
            description="Numéro, rue, code postal et commune"
            {...field('registeredAddress')}
          />
          {approvalName && (
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={`Numéro : ${approvalName}`} {...field('approvalNumber')} />
              <TextInput
                label="Autorité qui l’a délivré"
                placeholder={approvalAuthorityHint ?? undefined}
                {...field('approvalAuthority')}
              />
            </SimpleGrid>
          )}
          <Button type="submit" loading={save.isPending} w="fit-content">
            Enregistrer les informations
          </Button>
        </Stack>
      </Fieldset>
    </form>
  );
}
