import { Alert, Anchor, Button, FileInput, Group, Stack, Table, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { ApiError, messageOf, unwrap } from '../api/errors';
import { XLSX_MEDIA_TYPE } from '../bid-creation/importJob';
import { DataTable } from '../ui/DataTable';
import { formatNumber } from '../ui/format';
import { Section } from '../ui/Section';

const CSV_MEDIA_TYPE = 'text/csv';
const isWorkbook = (file: File) => file.name.toLowerCase().endsWith('.xlsx');

/**
 * The network's members brought in from a CSV or XLSX file with the template's columns: all of
 * them, or none with every mistake shown where it is (line and column).
 */
export function DirectoryImport({ networkId }: { networkId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const queryClient = useQueryClient();
  const importing = useMutation({
    mutationFn: (chosen: File) =>
      unwrap(
        api.POST('/api/networks/{networkId}/organisations/import', {
          params: { path: { networkId } },
          body: chosen as unknown as string,
          bodySerializer: (body) => body,
          headers: { 'Content-Type': isWorkbook(chosen) ? XLSX_MEDIA_TYPE : CSV_MEDIA_TYPE },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['directory', networkId] }),
  });
  const refusal =
    importing.error instanceof ApiError && importing.error.problems.length > 0
      ? importing.error
      : null;

  return (
    <Section title="Importer les membres du réseau">
      <Stack gap="sm">
        <Text size="sm">
          Un fichier CSV (séparé par des points-virgules, comme l’enregistre Excel) ou un classeur
          XLSX, aux colonnes du modèle. Tout est importé, ou rien si une ligne est fausse : chaque
          erreur est alors indiquée par sa ligne et sa colonne.
        </Text>
        <Anchor href={`/api/networks/${networkId}/organisations/template`} download>
          Télécharger le modèle à remplir (XLSX)
        </Anchor>
        <Group align="end">
          <FileInput
            label="Fichier des membres"
            placeholder="Choisir un fichier .csv ou .xlsx"
            accept={`.csv,.xlsx,${CSV_MEDIA_TYPE},${XLSX_MEDIA_TYPE}`}
            value={file}
            onChange={(chosen) => {
              setFile(chosen);
              importing.reset();
            }}
            clearable
            clearButtonProps={{ 'aria-label': 'Retirer le fichier choisi' }}
            miw={280}
          />
          <Button
            disabled={file === null}
            loading={importing.isPending}
            onClick={() => file && importing.mutate(file)}
          >
            Importer
          </Button>
        </Group>
        {importing.isSuccess && (
          <Alert color="green" title="Import terminé" role="status">
            {formatNumber(importing.data.imported)}{' '}
            {importing.data.imported > 1 ? 'organisations importées' : 'organisation importée'}
            {importing.data.alreadyKnown > 0 &&
              `, dont ${formatNumber(importing.data.alreadyKnown)} déjà connue(s) de Cordage (seuls leur identifiant et leur raison sociale sont partagés)`}
            .
          </Alert>
        )}
        {importing.isError && (
          <Alert color="red" title="Rien n’a été importé" role="alert">
            {messageOf(importing.error)}
          </Alert>
        )}
        {refusal && (
          <DataTable
            minWidth={340}
            striped
            withTableBorder
            aria-label="Erreurs du fichier"
            columns={[{ label: 'Emplacement', w: '40%' }, 'Problème']}
          >
            {refusal.problems.map((problem, index) => (
              <Table.Tr key={`${problem.path}-${index}`}>
                <Table.Td>{problem.path}</Table.Td>
                <Table.Td>{problem.message}</Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </Stack>
    </Section>
  );
}
