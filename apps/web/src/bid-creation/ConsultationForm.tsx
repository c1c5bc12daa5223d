import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Button,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useEffect, useEffectEvent, useState } from 'react';
import { useFieldArray, useForm, useWatch } from 'react-hook-form';
import { ApiError, type Problem } from '../api/errors';
import { FailureAlert } from '../ui/FailureAlert';
import { fieldBinder } from '../ui/fields';
import { CONSORTIUM_FORM, COVERAGE_LEVEL, ORGANISATION_KIND, optionsOf } from '../ui/labels';
import { showProblems } from '../ui/problems';
import {
  consultationSchema,
  type ConsultationValues,
  emptyConsultation,
  fieldOfProblem,
  toScenario,
} from './consultation';
import { IdentifierFields } from './IdentifierFields';
import { ImportProgress, postScenario, refusalOf, refusalOfJob, useImportJob } from './importJob';
import { TenderFields } from './TenderFields';
import { RefusalPanel } from './RefusalPanel';
import { FormSelect } from '../ui/FormSelect';
import { DecimalInput } from '../ui/DecimalInput';
import { TerritoryField } from '../ui/TerritorySelect';
import { sentence } from './words';

/** Problems with readable sentences, so that they read well next to their field. */
const asSentences = (problems: readonly Problem[]) =>
  new ApiError(
    422,
    'INVALID_SCENARIO',
    '',
    problems.map((problem) => ({ ...problem, message: sentence(problem.message) })),
  );

/** Type the tender, its lots and the mandataire: the same scenario a file would bring. */
export function ConsultationForm({ networkId }: { networkId: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const { register, control, handleSubmit, formState, setError, getValues } =
    useForm<ConsultationValues>({
      resolver: zodResolver(consultationSchema),
      defaultValues: emptyConsultation,
    });
  const lots = useFieldArray({ control, name: 'tender.lots' });
  const errors = formState.errors;
  const field = fieldBinder({ register, formState });
  const [typedLots, home] = useWatch({ control, name: ['tender.lots', 'mandataire.home'] });
  const near = [
    home,
    ...typedLots.flatMap((lot) => lot.cells.map((cell) => cell.parent || cell.territory)),
  ].filter(Boolean);

  const placeProblems = (problems: readonly Problem[]) =>
    showProblems(asSentences(problems), setError, (path) => fieldOfProblem(path, getValues()));

  const create = useMutation({
    mutationFn: (values: ConsultationValues) => postScenario(networkId, toScenario(values)),
    onSuccess: (accepted) => setJobId(accepted.jobId),
    onError: (error) => {
      if (error instanceof ApiError) placeProblems(error.problems);
    },
  });
  const job = useImportJob(jobId);
  const failure = job.data?.state === 'failed' ? job.data.failure : null;
  // The worker checks again before writing: its problems go next to their fields too.
  const placeJobProblems = useEffectEvent((problems: readonly Problem[]) =>
    placeProblems(problems),
  );
  useEffect(() => {
    if (failure) placeJobProblems(failure.problems);
  }, [failure]);

  const running = jobId !== null && job.data?.state !== 'failed' && !job.isError;
  const refusal = refusalOf(create.error) ?? refusalOfJob(job.data);
  const unplaced = refusal
    ? refusal.problems.filter((problem) => fieldOfProblem(problem.path, getValues()) === null)
    : [];
  const busy = create.isPending || running;

  function onValid(values: ConsultationValues) {
    setJobId(null);
    create.reset();
    create.mutate(values);
  }

  return (
    <form onSubmit={(event) => void handleSubmit(onValid)(event)} noValidate>
      <Stack gap="lg">
        <div>
          <Title order={2} size="h3">
            Saisir la consultation
          </Title>
          <Text size="sm" mt={4}>
            Les champs marqués d’un astérisque (*) sont obligatoires. Vous indiquez ici le
            mandataire ; les autres partenaires seront invités ensuite depuis la page des membres,
            et chacun déclarera ses capacités.
          </Text>
        </div>

        <TenderFields control={control} field={field} busy={busy} near={near} lots={lots} />

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="consortium-title">
          <Title order={3} size="h4" id="consortium-title" mb="sm">
            Le groupement
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <FormSelect
              control={control}
              name="consortium.form"
              label="Forme du groupement"
              data={optionsOf(CONSORTIUM_FORM)}
              allowDeselect={false}
              required
            />
            <DecimalInput
              label="Montant total maximal (€ HT)"
              unit="€"
              description="Facultatif : plafond de l’ensemble des lots attribués au groupement"
              {...field('consortium.rules.maxTotal')}
            />
            <DecimalInput
              label="Nombre minimum de membres"
              integer
              description="Facultatif"
              {...field('consortium.rules.minMembers')}
            />
            <DecimalInput
              label="Nombre maximum de membres"
              integer
              description="Facultatif"
              {...field('consortium.rules.maxMembers')}
            />
            <DecimalInput
              label="Nombre minimum de petites structures"
              integer
              description="Facultatif"
              {...field('consortium.rules.minSmallMembers')}
            />
            <DecimalInput
              label="Petite structure : moins de … salariés"
              integer
              description="100 par défaut"
              required
              {...field('consortium.rules.smallBelowEmployees')}
            />
            <DecimalInput
              label="Couverture territoriale : au moins … couverts"
              integer
              description="Facultatif : les territoires où les membres proposent de travailler"
              {...field('consortium.rules.coverageCount')}
            />
            <FormSelect
              control={control}
              name="consortium.rules.coverageLevel"
              label="Couverture territoriale comptée en"
              data={optionsOf(COVERAGE_LEVEL)}
              allowDeselect={false}
            />
          </SimpleGrid>
        </Paper>

        <Paper withBorder p="md" radius="md" component="section" aria-labelledby="mandataire-title">
          <Title order={3} size="h4" id="mandataire-title" mb={4}>
            Le mandataire
          </Title>
          <Text size="sm" mb="sm">
            La structure qui représente le groupement auprès de l’acheteur.
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput label="Raison sociale" required {...field('mandataire.legalName')} />
            <TextInput
              label="Clé courte"
              description="Nom court qui le désigne dans le scénario, par exemple ei-plaine"
              required
              {...field('mandataire.key')}
            />
            <IdentifierFields
              control={control}
              field={field}
              of="mandataire"
              whose="du mandataire"
            />
            <FormSelect
              control={control}
              name="mandataire.kind"
              label="Type de structure"
              placeholder="Choisissez"
              data={optionsOf(ORGANISATION_KIND)}
              allowDeselect={false}
              required
            />
            <DecimalInput
              label="Effectif salarié"
              integer
              required
              {...field('mandataire.employees')}
            />
            <TerritoryField
              control={control}
              name="mandataire.home"
              near={near}
              label="Territoire du siège"
              description="La commune (ou le code belge) où se trouve le siège"
              required
            />
          </SimpleGrid>
          <Title order={4} size="h5" mt="md" mb="sm">
            Son représentant
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              label="Nom du représentant"
              autoComplete="name"
              required
              {...field('mandataire.representative.name')}
            />
            <TextInput
              label="Fonction"
              description="Par exemple Directrice"
              required
              {...field('mandataire.representative.title')}
            />
            <TextInput
              label="Adresse e-mail"
              type="email"
              autoComplete="email"
              required
              {...field('mandataire.representative.email')}
            />
          </SimpleGrid>
        </Paper>

        {formState.isSubmitted && Object.keys(errors).length > 0 && !refusal && (
          <Alert color="red" role="alert">
            Certains champs sont à corriger : chacun est signalé en rouge avec son explication.
          </Alert>
        )}
        {!refusal && <FailureAlert error={create.error} title="La candidature n’a pas été créée" />}
        {refusal && (
          <RefusalPanel
            refusal={refusal}
            problems={unplaced}
            advice={
              unplaced.length < refusal.problems.length
                ? 'Les champs concernés sont signalés en rouge : corrigez-les, puis envoyez de nouveau.'
                : 'Corrigez ces points, puis envoyez de nouveau.'
            }
          />
        )}
        {jobId && <ImportProgress job={job} />}
        <Group>
          <Button type="submit" loading={create.isPending} disabled={running}>
            Créer la candidature
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
