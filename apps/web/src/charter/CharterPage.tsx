import { zodResolver } from '@hookform/resolvers/zod';
import {
  Accordion,
  Badge,
  Button,
  Group,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useParams } from 'react-router';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import type { CharterVersionsDto } from '../api/schema';
import { DataTable } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { boundedText, fieldBinder } from '../ui/fields';
import { Loading } from '../ui/Loading';
import { Section } from '../ui/Section';
import { formatDateTime } from '../ui/format';
import { showProblems } from '../ui/problems';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';
import { CharterText } from './CharterText';

type Version = CharterVersionsDto['versions'][number];

const schema = z.object({
  title: boundedText({
    min: 3,
    tooShort: 'Le titre : 3 caractères au moins.',
    max: 200,
    tooLong: 'Le titre : 200 caractères au plus.',
  }),
  text: boundedText({
    min: 10,
    tooShort: 'Le texte : 10 caractères au moins.',
    max: 100_000,
    tooLong: 'Le texte : 100 000 caractères au plus.',
  }),
});
type CharterForm = z.infer<typeof schema>;

const charterKey = (networkId: string) => ['charter', networkId, 'versions'] as const;

/**
 * The network's charter, for its coordinators: write a new version (each save is numbered, the
 * members accept it again before declaring), read the older ones, and see who accepted which.
 */
export function CharterPage() {
  const { networkId = '' } = useParams();
  const queryClient = useQueryClient();
  const versions = useQuery({
    queryKey: charterKey(networkId),
    queryFn: () =>
      unwrap(
        api.GET('/api/networks/{networkId}/charter/versions', {
          params: { path: { networkId } },
        }),
      ),
  });
  const current = versions.data?.versions[0];
  const { register, handleSubmit, formState, setError, reset } = useForm<CharterForm>({
    resolver: zodResolver(schema),
    defaultValues: { title: '', text: '' },
  });
  useEffect(() => {
    if (current) reset({ title: current.title, text: current.text });
  }, [current, reset]);
  const publish = useNotifiedMutation({
    mutationFn: (form: CharterForm) =>
      unwrap(
        api.PUT('/api/networks/{networkId}/charter', {
          params: { path: { networkId } },
          body: form,
        }),
      ),
    refresh: () => queryClient.invalidateQueries({ queryKey: charterKey(networkId) }),
    success: ({ version }) =>
      `Version ${version} de la charte publiée : chaque membre l’acceptera de nouveau avant de déclarer ses capacités.`,
    onError: (error) => showProblems(error, setError),
  });

  if (versions.isPending) return <Loading />;
  if (versions.isError) return <ErrorPanel error={versions.error} />;
  const errors = formState.errors;
  const field = fieldBinder({ register, formState });
  const list = versions.data.versions;

  return (
    <Stack maw={1100} mx="auto">
      <Title order={1}>Charte du réseau</Title>
      <Text c="gray.7">
        Les règles de coopération que chaque membre accepte avant de déclarer ses capacités. Chaque
        enregistrement crée une nouvelle version numérotée ; les précédentes restent lisibles, et
        les membres acceptent la nouvelle avant leur prochaine déclaration.
      </Text>

      <Section title={current ? `Écrire la version ${current.version + 1}` : 'Écrire la charte'}>
        <form
          onSubmit={(event) => void handleSubmit((form) => publish.mutate(form))(event)}
          noValidate
        >
          <Stack gap="sm">
            <TextInput label="Titre" required {...field('title')} />
            <Textarea
              label="Texte de la charte"
              description="Le texte que les membres lisent et acceptent"
              required
              autosize
              minRows={8}
              maxRows={24}
              {...field('text')}
            />
            {!(errors.title || errors.text) && <FailureAlert error={publish.error} />}
            <div>
              <Button type="submit" loading={publish.isPending}>
                {current ? `Publier la version ${current.version + 1}` : 'Publier la charte'}
              </Button>
            </div>
          </Stack>
        </form>
      </Section>

      <Section title="Versions et acceptations">
        {list.length === 0 ? (
          <Text size="sm">Le réseau n’a pas encore de charte.</Text>
        ) : (
          <Accordion variant="separated" defaultValue={String(list[0]?.version)}>
            {list.map((version, index) => (
              <VersionItem key={version.version} version={version} inForce={index === 0} />
            ))}
          </Accordion>
        )}
      </Section>
    </Stack>
  );
}

/** One version: its text, who published it, and the organisations that accepted it. */
function VersionItem({ version, inForce }: { version: Version; inForce: boolean }) {
  const count = version.acceptances.length;
  return (
    <Accordion.Item value={String(version.version)}>
      <Accordion.Control>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>
            Version {version.version} : {version.title}
          </Text>
          {inForce && (
            <Badge variant="light" color="green">
              En vigueur
            </Badge>
          )}
          <Text size="sm" c="gray.7">
            {count === 0
              ? 'acceptée par aucune organisation'
              : `acceptée par ${count} organisation${count > 1 ? 's' : ''}`}
          </Text>
        </Group>
      </Accordion.Control>
      <Accordion.Panel>
        <Stack gap="sm">
          <Text size="sm" c="gray.7">
            Publiée le {formatDateTime(version.publishedAt)}
            {version.publishedBy ? ` par ${version.publishedBy}` : ''}.
          </Text>
          <CharterText version={version.version} text={version.text} maxHeight={240} />
          {count > 0 && (
            <DataTable
              columns={['Organisation', 'Acceptée par', 'Le']}
              minWidth={480}
              scrollRegionLabel={`Acceptations de la version ${version.version}`}
            >
              {version.acceptances.map((acceptance) => (
                <tr key={acceptance.organisationId}>
                  <td>{acceptance.organisationName}</td>
                  <td>{acceptance.acceptedBy ?? '—'}</td>
                  <td>{formatDateTime(acceptance.acceptedAt)}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Stack>
      </Accordion.Panel>
    </Accordion.Item>
  );
}
