import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, Group, Input, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { messageOf } from '../api/errors';
import {
  ImportProgress,
  postScenario,
  postWorkbook,
  refusalOf,
  refusalOfJob,
  useImportJob,
  XLSX_MEDIA_TYPE,
} from './importJob';
import { RefusalPanel } from './RefusalPanel';

type FileKind = 'json' | 'xlsx';

function kindOf(file: File): FileKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.json') || file.type === 'application/json') return 'json';
  if (name.endsWith('.xlsx') || file.type === XLSX_MEDIA_TYPE) return 'xlsx';
  return null;
}

const schema = z.object({
  file: z
    .custom<FileList>((value) => value instanceof FileList && value.length > 0, {
      error: 'Choisissez le fichier à importer.',
    })
    .refine(
      (files) => {
        const file = files.item(0);
        return file !== null && kindOf(file) !== null;
      },
      {
        error: 'Ce fichier n’est ni un .json ni un .xlsx : choisissez un fichier de scénario.',
      },
    )
    .refine((files) => (files.item(0)?.size ?? 0) > 0, { error: 'Ce fichier est vide.' }),
});
type ImportForm = z.infer<typeof schema>;

/** Where the browser's JSON.parse stopped, said in French (Chrome and Firefox word it apart). */
function syntaxErrorAt(error: unknown, text: string): string {
  const message = error instanceof Error ? error.message : '';
  const lineColumn = /line (\d+) column (\d+)/i.exec(message);
  if (lineColumn) return ` (ligne ${lineColumn[1]}, colonne ${lineColumn[2]})`;
  const position = /position (\d+)/i.exec(message);
  if (!position) return '';
  const before = text.slice(0, Number(position[1])).split('\n');
  return ` (ligne ${before.length}, colonne ${(before.at(-1) ?? '').length + 1})`;
}

type Upload = { kind: 'json'; scenario: unknown } | { kind: 'xlsx'; file: File };

/** Import a whole bid from a cordage.scenario/1 JSON file or its XLSX workbook. */
export function ImportPanel({ networkId }: { networkId: string }) {
  const [jobId, setJobId] = useState<string | null>(null);
  const { register, handleSubmit, formState, setError } = useForm<ImportForm>({
    resolver: zodResolver(schema),
  });
  const upload = useMutation({
    mutationFn: (input: Upload) =>
      input.kind === 'json'
        ? postScenario(networkId, input.scenario)
        : postWorkbook(networkId, input.file),
    onSuccess: (accepted) => setJobId(accepted.jobId),
  });
  const job = useImportJob(jobId);
  const running = jobId !== null && job.data?.state !== 'failed' && !job.isError;
  const refusal = refusalOf(upload.error) ?? refusalOfJob(job.data);

  async function onValid(form: ImportForm) {
    const file = form.file.item(0);
    if (file === null) return; // the schema refuses an empty choice
    setJobId(null);
    upload.reset();
    if (kindOf(file) === 'xlsx') {
      upload.mutate({ kind: 'xlsx', file });
      return;
    }
    const text = await file.text();
    let scenario: unknown;
    try {
      scenario = JSON.parse(text);
    } catch (error) {
      setError('file', {
        message: `Ce fichier n’est pas du JSON valide${syntaxErrorAt(error, text)} : il n’a pas été envoyé. Ouvrez-le dans un éditeur de texte pour corriger la virgule, le guillemet ou l’accolade en cause.`,
      });
      return;
    }
    upload.mutate({ kind: 'json', scenario });
  }

  return (
    <form onSubmit={(event) => void handleSubmit(onValid)(event)} noValidate>
      <Stack>
        <Title order={2} size="h3">
          Importer un fichier de scénario
        </Title>
        <Text size="sm">
          Un classeur Excel (.xlsx) aux colonnes du modèle, ou un fichier{' '}
          <strong>cordage.scenario/1</strong> (.json) : la consultation, ses lots, les organisations
          et leurs offres. Le fichier est vérifié en entier ; s’il contient une erreur, rien n’est
          enregistré et chaque problème vous est indiqué.
        </Text>
        <Text size="sm">
          <Anchor href={`/api/scenarios/template?networkId=${networkId}`} download>
            Télécharger le modèle à remplir (XLSX)
          </Anchor>{' '}
          : une petite candidature d’exemple à remplacer, montants en euros, territoires par leur
          nom et leur code, préférences en français, et une feuille « Aide ».
        </Text>
        <Input.Wrapper
          id="scenario-file"
          label="Fichier de la candidature (XLSX ou JSON)"
          error={formState.errors.file?.message}
          required
        >
          <Input
            id="scenario-file"
            type="file"
            accept={`.json,.xlsx,application/json,${XLSX_MEDIA_TYPE}`}
            error={Boolean(formState.errors.file)}
            disabled={running}
            styles={{ input: { paddingTop: 5, cursor: 'pointer' } }}
            {...register('file')}
          />
        </Input.Wrapper>
        <Group>
          <Button type="submit" loading={upload.isPending} disabled={running}>
            Importer
          </Button>
        </Group>

        {upload.isError && !refusal && (
          <Alert
            color="red"
            role="alert"
            title="L’import n’a pas démarré : rien n’a été enregistré"
          >
            {messageOf(upload.error)}
          </Alert>
        )}
        {jobId && <ImportProgress job={job} />}
        {refusal && (
          <RefusalPanel
            refusal={refusal}
            advice="Corrigez ces points dans le fichier, puis importez-le de nouveau."
          />
        )}
      </Stack>
    </form>
  );
}
