import { Alert, Button, Fieldset, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { type DecimalOptions, readDecimal } from '@cordage/domain/french-decimal';
import { api } from '../api/client';
import { ApiError, type Problem, messageOf, unwrap } from '../api/errors';
import type {
  DirectoryEntryDto,
  DirectoryPatchDto,
  NewDirectoryOrganisationDto,
} from '../api/schema';
import { DecimalInput } from '../ui/DecimalInput';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { FormSelect, LegalFormSelect } from '../ui/FormSelect';
import { IDENTIFIER_SCHEME_OPTIONS } from '../ui/identifiers';
import { ORGANISATION_KIND, optionsOf } from '../ui/labels';
import { showProblems } from '../ui/problems';

type LegalForm = NonNullable<DirectoryEntryDto['legalForm']>;

const KIND_OPTIONS = optionsOf(ORGANISATION_KIND);

/** What the form holds: text as typed; numbers are read when it is sent. */
interface Values {
  idScheme: string;
  id: string;
  legalName: string;
  kind: string;
  legalForm: string;
  address: string;
  staff: string;
  approvalNumber: string;
  approvalDate: string;
  territories: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  repName: string;
  repTitle: string;
  repEmail: string;
  maxHours: string;
  maxRevenue: string;
  maxInsertionHours: string;
}
type Field = keyof Values;

const EMPTY: Values = {
  idScheme: 'SIRET',
  id: '',
  legalName: '',
  kind: '',
  legalForm: '',
  address: '',
  staff: '',
  approvalNumber: '',
  approvalDate: '',
  territories: '',
  contactName: '',
  contactEmail: '',
  contactPhone: '',
  repName: '',
  repTitle: '',
  repEmail: '',
  maxHours: '',
  maxRevenue: '',
  maxInsertionHours: '',
};

const numberText = (value: number | null) => (value === null ? '' : String(value));

const fromEntry = (entry: DirectoryEntryDto): Values => ({
  idScheme: entry.idScheme,
  id: entry.idValue,
  legalName: entry.legalName,
  kind: entry.kind,
  legalForm: entry.legalForm ?? '',
  address: entry.address ?? '',
  staff: numberText(entry.staff),
  approvalNumber: entry.approvalNumber ?? '',
  approvalDate: entry.approvalDate ?? '',
  territories: entry.territories.join(', '),
  contactName: entry.contactName ?? '',
  contactEmail: entry.contactEmail ?? '',
  contactPhone: entry.contactPhone ?? '',
  repName: entry.representatives[0]?.name ?? '',
  repTitle: entry.representatives[0]?.title ?? '',
  repEmail: entry.representatives[0]?.email ?? '',
  maxHours: numberText(entry.limits.maxHours),
  maxRevenue:
    entry.limits.maxRevenueCents === null ? '' : String(entry.limits.maxRevenueCents / 100),
  maxInsertionHours: numberText(entry.limits.maxInsertionHours),
});

/** The api's path of a refused value, as the form's field that holds it. */
function fieldOf(path: string): Field | null {
  if (path.startsWith('representatives')) {
    if (path.endsWith('.title')) return 'repTitle';
    if (path.endsWith('.email')) return 'repEmail';
    return 'repName';
  }
  if (path.startsWith('territories')) return 'territories';
  if (path === 'limits.maxHours') return 'maxHours';
  if (path === 'limits.maxRevenueCents') return 'maxRevenue';
  if (path === 'limits.maxInsertionHours') return 'maxInsertionHours';
  return path in EMPTY ? (path as Field) : null;
}

const NUMBERS: { field: Field; options: DecimalOptions }[] = [
  { field: 'staff', options: { integer: true } },
  { field: 'maxHours', options: { integer: true } },
  { field: 'maxRevenue', options: { maxDecimals: 2 } },
  { field: 'maxInsertionHours', options: { integer: true } },
];

const orNull = (text: string) => (text.trim() === '' ? null : text.trim());

/**
 * Adding an organisation to the network's directory by hand, or changing what the network knows
 * of one. Its identifier, legal name and type are shared by every network: set when it is added,
 * never changed here.
 */
export function DirectoryOrganisationForm({
  networkId,
  entry,
  onDone,
}: {
  networkId: string;
  /** The entry changed; none to add a new one. */
  entry?: DirectoryEntryDto;
  onDone: (saved: DirectoryEntryDto) => void;
}) {
  const adding = entry === undefined;
  const queryClient = useQueryClient();
  const { register, handleSubmit, formState, setError, control, getValues, setValue } =
    useForm<Values>({ defaultValues: entry ? fromEntry(entry) : EMPTY });
  const [unplaced, setUnplaced] = useState<Problem[]>([]);
  const [prefillNote, setPrefillNote] = useState<{ color: string; text: string } | null>(null);
  const field = fieldBinder({ register, formState });

  const save = useMutation({
    mutationFn: (body: NewDirectoryOrganisationDto) => {
      const details: DirectoryPatchDto = {
        legalForm: body.legalForm,
        address: body.address,
        staff: body.staff,
        approvalNumber: body.approvalNumber,
        approvalDate: body.approvalDate,
        territories: body.territories,
        contactName: body.contactName,
        contactEmail: body.contactEmail,
        contactPhone: body.contactPhone,
        representatives: body.representatives,
        limits: body.limits,
      };
      return entry
        ? unwrap(
            api.PATCH('/api/networks/{networkId}/organisations/{organisationId}', {
              params: { path: { networkId, organisationId: entry.organisationId } },
              body: details,
            }),
          )
        : unwrap(
            api.POST('/api/networks/{networkId}/organisations', {
              params: { path: { networkId } },
              body,
            }),
          );
    },
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: ['directory', networkId] });
      notifications.show({
        color: 'green',
        message: adding
          ? `${saved.legalName} est ajoutée à l’annuaire.`
          : `La fiche de ${saved.legalName} est enregistrée.`,
      });
      onDone(saved);
    },
    onError: (error) => setUnplaced(showProblems(error, setError, fieldOf)),
  });

  const prefill = useMutation({
    mutationFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/registry', {
          params: {
            path: { networkId },
            query: {
              id: getValues('id'),
              idScheme: getValues('idScheme') as NewDirectoryOrganisationDto['idScheme'],
            },
          },
        }),
      ),
    onSuccess: (record) => {
      const found: Partial<Values> = {
        legalName: record.legalName,
        kind: record.kind,
        legalForm: record.legalForm ?? '',
        address: record.address ?? '',
        approvalNumber: record.approvalNumber ?? '',
        approvalDate: record.approvalDate ?? '',
        territories: record.territories.join(', '),
        contactEmail: record.contactEmail ?? '',
        contactPhone: record.contactPhone ?? '',
      };
      const filled = (Object.entries(found) as [Field, string][]).filter(
        ([field, value]) => value !== '' && getValues(field).trim() === '',
      );
      for (const [field, value] of filled) setValue(field, value, { shouldDirty: true });
      setPrefillNote({
        color: 'green',
        text:
          filled.length > 0
            ? `Fiche trouvée (${record.source}) : ${filled.length} champ${filled.length > 1 ? 's' : ''} vide${filled.length > 1 ? 's' : ''} rempli${filled.length > 1 ? 's' : ''}. Vérifiez-les avant d’enregistrer.`
            : `Fiche trouvée (${record.source}), mais les champs qu’elle connaît sont déjà remplis : rien n’a changé.`,
      });
    },
    onError: (error) =>
      setPrefillNote({
        color: 'orange',
        text:
          error instanceof ApiError && error.status === 404
            ? 'Aucune structure trouvée avec cet identifiant dans les registres enregistrés (SIAE et entreprises adaptées) : remplissez la fiche à la main.'
            : messageOf(error),
      }),
  });

  const send = (values: Values) => {
    setUnplaced([]);
    const numbers: Partial<Record<Field, number | null>> = {};
    let readable = true;
    for (const { field, options } of NUMBERS) {
      const reading = readDecimal(values[field], options);
      if (reading.kind === 'invalid') {
        setError(field, { type: 'client', message: reading.message });
        readable = false;
      } else numbers[field] = reading.kind === 'number' ? reading.value : null;
    }
    if (!readable) return;
    const representative = {
      name: values.repName.trim(),
      title: values.repTitle.trim(),
      email: values.repEmail.trim(),
    };
    const typed = representative.name || representative.title || representative.email;
    const others = entry?.representatives.slice(1) ?? [];
    const cents = numbers.maxRevenue ?? null;
    save.mutate({
      idScheme: values.idScheme as NewDirectoryOrganisationDto['idScheme'],
      id: values.id.trim(),
      legalName: values.legalName.trim(),
      kind: values.kind as NewDirectoryOrganisationDto['kind'],
      legalForm: (values.legalForm || null) as LegalForm | null,
      address: orNull(values.address),
      staff: numbers.staff ?? null,
      approvalNumber: orNull(values.approvalNumber),
      approvalDate: orNull(values.approvalDate),
      territories: values.territories
        .split(/[,;\s]+/)
        .map((code) => code.trim())
        .filter(Boolean),
      contactName: orNull(values.contactName),
      contactEmail: orNull(values.contactEmail),
      contactPhone: orNull(values.contactPhone),
      representatives: typed ? [representative, ...others] : others,
      limits: {
        maxHours: numbers.maxHours ?? null,
        maxRevenueCents: cents === null ? null : Math.round(cents * 100),
        maxInsertionHours: numbers.maxInsertionHours ?? null,
      },
    });
  };

  return (
    <form onSubmit={(event) => void handleSubmit(send)(event)} noValidate>
      <Stack gap="md">
        <Fieldset legend="La structure">
          <Stack gap="sm">
            {adding ? (
              <>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <FormSelect
                    control={control}
                    name="idScheme"
                    label="Type d’identifiant"
                    data={IDENTIFIER_SCHEME_OPTIONS}
                    allowDeselect={false}
                  />
                  <TextInput
                    label="Identifiant"
                    description="SIRET, SIREN ou numéro BCE, chiffres seuls ou groupés"
                    required
                    {...field('id')}
                  />
                </SimpleGrid>
                <Group gap="sm">
                  <Button
                    variant="light"
                    loading={prefill.isPending}
                    onClick={() => {
                      setPrefillNote(null);
                      if (getValues('id').trim() === '')
                        setError('id', {
                          type: 'client',
                          message: 'identifiant : tapez-le avant de préremplir la fiche',
                        });
                      else prefill.mutate();
                    }}
                  >
                    Préremplir depuis le registre
                  </Button>
                </Group>
                {prefillNote && (
                  <Alert color={prefillNote.color} role="status">
                    {prefillNote.text}
                  </Alert>
                )}
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label="Raison sociale" required {...field('legalName')} />
                  <FormSelect
                    control={control}
                    name="kind"
                    label="Type de structure"
                    required
                    data={KIND_OPTIONS}
                  />
                </SimpleGrid>
              </>
            ) : (
              <Text size="sm" c="gray.7">
                L’identifiant, la raison sociale et le type de structure sont partagés avec les
                autres réseaux : ils ne se changent pas ici.
              </Text>
            )}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <LegalFormSelect control={control} name="legalForm" />
              <DecimalInput
                label="Effectif"
                description="Nombre de salariés"
                integer
                {...field('staff')}
              />
            </SimpleGrid>
            <TextInput
              label="Adresse"
              description="Numéro, rue, code postal et commune"
              {...field('address')}
            />
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label="Numéro d’agrément ou de conventionnement"
                {...field('approvalNumber')}
              />
              <TextInput label="Date de l’agrément" type="date" {...field('approvalDate')} />
            </SimpleGrid>
            <TextInput
              label="Territoires où elle travaille"
              description="Codes officiels séparés par des virgules : DEP:93, COM:93066, BE:21004…"
              required={adding}
              {...field('territories')}
            />
          </Stack>
        </Fieldset>
        <Fieldset legend="Représentant légal">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Nom du représentant" required={adding} {...field('repName')} />
            <TextInput
              label="Qualité"
              description="Présidente, directeur général, gérant…"
              required={adding}
              {...field('repTitle')}
            />
            <TextInput
              label="E-mail du représentant"
              type="email"
              required={adding}
              {...field('repEmail')}
            />
          </SimpleGrid>
          {entry && entry.representatives.length > 1 && (
            <Text size="xs" c="gray.7" mt="xs">
              Les autres représentants ({entry.representatives.length - 1}) sont conservés.
            </Text>
          )}
        </Fieldset>
        <Fieldset legend="Contact">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput label="Nom du contact" {...field('contactName')} />
            <TextInput label="E-mail du contact" type="email" {...field('contactEmail')} />
            <TextInput label="Téléphone du contact" type="tel" {...field('contactPhone')} />
          </SimpleGrid>
        </Fieldset>
        <Fieldset legend="Ce qu’elle peut prendre sur l’ensemble des candidatures ouvertes">
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <DecimalInput label="Heures au plus" unit="h" integer {...field('maxHours')} />
            <DecimalInput
              label="Chiffre d’affaires au plus"
              unit="€"
              maxDecimals={2}
              {...field('maxRevenue')}
            />
            <DecimalInput
              label="Heures d’insertion au plus"
              unit="h"
              integer
              {...field('maxInsertionHours')}
            />
          </SimpleGrid>
          <Text size="xs" c="gray.7" mt="xs">
            Laissez vide ce qu’elle n’a pas limité.
          </Text>
        </Fieldset>
        {unplaced.length > 0 && (
          <Alert color="red" role="alert" title="La fiche n’est pas enregistrée">
            {unplaced.map((problem) => (
              <Text size="sm" key={`${problem.path}-${problem.message}`}>
                {problem.message}
              </Text>
            ))}
          </Alert>
        )}
        {!(save.error instanceof ApiError && save.error.problems.length > 0) && (
          <FailureAlert error={save.error} title="La fiche n’est pas enregistrée" />
        )}
        <Button type="submit" loading={save.isPending} w="fit-content">
          {adding ? 'Ajouter à l’annuaire' : 'Enregistrer la fiche'}
        </Button>
      </Stack>
    </form>
  );
}
