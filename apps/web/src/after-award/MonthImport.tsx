import {
  Alert,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError, type Problem, messageOf, unwrap } from '../api/errors';
import type { MonthImportResultDto } from '../api/schema';
import { DataTable } from '../ui/DataTable';
import { formatNumber } from '../ui/format';
import { sentence } from '../ui/sentence';
import { COLUMNS, COLUMN_OF_FIELD, type FileProblem, parseMonthFile } from './monthFile';
import { periodLabel } from './model';
import { type Period, afterAwardKeys } from './queries';

/** An api problem (`lines[3].hours`) placed in the file: line 5 (after the header), column. */
function placed(problem: Problem, fileLines: readonly number[]): FileProblem {
  const match = /^lines\[(\d+)\](?:\.(\w+))?$/.exec(problem.path);
  if (!match) return { line: null, column: problem.path || null, message: problem.message };
  return {
    line: fileLines[Number(match[1])] ?? null,
    column: match[2] ? (COLUMN_OF_FIELD.get(match[2]) ?? match[2]) : null,
    message: problem.message,
  };
}

/** The file's line numbers of its lines of figures (blank lines are skipped). */
function figureLineNumbers(text: string): number[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .flatMap((row, index) => (row.trim() === '' ? [] : [index + 1]))
    .slice(1);
}

/** The template: the header, then each member's planned cells of the month, figures to fill. */
function templateOf(cells: readonly { member: string | null; lot: number; territory: string }[]) {
  const rows = [
    ...new Set(
      cells.flatMap((cell) =>
        cell.member ? [`${cell.member};${cell.lot};${cell.territory}`] : [],
      ),
    ),
  ].sort();
  return [COLUMNS.map(([column]) => column).join(';'), ...rows.map((row) => `${row};;;;`)].join(
    '\r\n',
  );
}

/**
 * The coordination imports a month for every member at once, from one file: everything is
 * recorded for the members' account, or nothing when a line is wrong (each mistake shown with
 * its line and column). A figure already declared is corrected with a reason, never erased.
 */
export function MonthImport({
  bidId,
  period,
  cells,
}: {
  bidId: string;
  period: Period;
  cells: readonly { member: string | null; lot: number; territory: string }[];
}) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<FileProblem[]>([]);
  const [result, setResult] = useState<MonthImportResultDto | null>(null);
  const importing = useMutation({
    mutationFn: async (chosen: File) => {
      const text = await chosen.text();
      const parsed = parseMonthFile(text);
      if (parsed.problems.length > 0) return { parsed: parsed.problems, text };
      const answer = await unwrap(
        api.POST('/api/bids/{bidId}/realised/import', {
          params: { path: { bidId } },
          body: {
            period: period.number,
            lines: parsed.lines,
            ...(reason.trim() ? { reason: reason.trim() } : {}),
          },
        }),
      ).catch((error: unknown) => {
        throw Object.assign(new Error(messageOf(error)), { cause: error, text });
      });
      return { answer };
    },
    onMutate: () => {
      setProblems([]);
      setResult(null);
    },
    onSuccess: async (outcome) => {
      if (outcome.parsed) {
        setProblems(outcome.parsed);
        return;
      }
      setResult(outcome.answer);
      setReason('');
      await queryClient.invalidateQueries({ queryKey: afterAwardKeys.all(bidId) });
    },
    onError: (error: Error & { cause?: unknown; text?: string }) => {
      const lineNumbers = figureLineNumbers(error.text ?? '');
      if (error.cause instanceof ApiError && error.cause.problems.length > 0)
        setProblems(error.cause.problems.map((problem) => placed(problem, lineNumbers)));
    },
  });
  const template = `data:text/csv;charset=utf-8,${encodeURIComponent(templateOf(cells))}`;

  return (
    <Paper
      withBorder
      p={{ base: 'xs', sm: 'md' }}
      component="section"
      aria-labelledby="import-title"
    >
      <Stack gap="sm">
        <Title order={3} size="h4" id="import-title">
          Importer le mois pour tous les membres · {periodLabel(period)}
        </Title>
        <Text size="sm">
          Un fichier CSV (séparé par des points-virgules, comme l’enregistre Excel) avec une ligne
          par membre et territoire : membre, lot, territoire, heures, chiffre d’affaires en euros
          HT, heures d’insertion, personnes en insertion. Tout est enregistré pour le compte des
          membres, ou rien si une ligne est fausse.
        </Text>
        <Text size="sm">
          <a href={template} download={`realise-periode-${period.number}.csv`}>
            Télécharger le modèle du mois (CSV)
          </a>
        </Text>
        <Group align="end">
          <FileInput
            label="Fichier du mois"
            placeholder="Choisir un fichier .csv"
            accept=".csv,text/csv"
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              setProblems([]);
              setResult(null);
              importing.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
            miw={260}
          />
          <Button
            disabled={file === null}
            loading={importing.isPending}
            onClick={() => file && importing.mutate(file)}
          >
            Importer le mois
          </Button>
        </Group>
        <TextInput
          label="Motif de la correction"
          description="Seulement si le fichier corrige des chiffres déjà déclarés : la correction s’ajoute, avec votre nom et ce motif."
          maxLength={1000}
          value={reason}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {(problems.length > 0 || importing.isError) && (
          <Alert color="red" title="Rien n’a été importé" role="alert">
            {importing.isError ? sentence(importing.error.message) : 'Le fichier a des erreurs.'}
          </Alert>
        )}
        {problems.length > 0 && (
          <DataTable
            minWidth={300}
            striped
            withTableBorder
            aria-label="Erreurs du fichier"
            columns={[{ label: 'Ligne', w: '15%' }, { label: 'Colonne', w: '25%' }, 'Problème']}
          >
            {problems.map((problem, index) => (
              <Table.Tr key={`${problem.line}-${problem.column}-${index}`}>
                <Table.Td>{problem.line ?? '—'}</Table.Td>
                <Table.Td>{problem.column ?? '—'}</Table.Td>
                <Table.Td>{sentence(problem.message)}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
        {result && (
          <Alert
            color={result.driftAlerts > 0 ? 'orange' : 'green'}
            role="status"
            title="Mois importé"
          >
            <Text size="sm">
              {formatNumber(result.recorded)} ligne{result.recorded > 1 ? 's' : ''} pour{' '}
              {formatNumber(result.members)} membre{result.members > 1 ? 's' : ''}
              {result.corrected > 0 &&
                `, dont ${formatNumber(result.corrected)} correction${result.corrected > 1 ? 's' : ''}`}
              .
            </Text>
            {result.driftAlerts > 0 && (
              <Text size="sm">
                {result.driftAlerts} écart{result.driftAlerts > 1 ? 's' : ''} de plus de 15 % au
                prévu cumulé depuis deux mois : la coordination et les structures concernées sont
                prévenues.
              </Text>
            )}
            {result.warnings.length > 0 && (
              <List size="sm">
                {result.warnings.slice(0, 20).map((warning) => (
                  <List.Item key={`${warning.path}-${warning.code}`}>
                    {sentence(warning.message)}
                  </List.Item>
                ))}
              </List>
            )}
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
