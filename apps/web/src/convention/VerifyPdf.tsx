import { zodResolver } from '@hookform/resolvers/zod';
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { z } from 'zod';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { placeRefusal } from '../decision/refusal';
import { DataTable } from '../ui/DataTable';
import { formatDateTime } from '../ui/format';

const schema = z.object({
  file: z
    .custom<File | null>((value) => value instanceof File, {
      error: 'Choisissez le PDF signé à vérifier.',
    })
    .refine(
      (file) => file !== null && (file.type === 'application/pdf' || /\.pdf$/i.test(file.name)),
      'Ce fichier n’est pas un PDF : choisissez la convention signée (.pdf).',
    ),
});
type VerifyForm = z.infer<typeof schema>;

/** Checks the signatures of any PDF against the bytes and against Cordage's records. */
export function VerifyPdf({ bidId }: { bidId: string }) {
  const [refusal, setRefusal] = useState<string | null>(null);
  const { control, handleSubmit, setError } = useForm<VerifyForm>({
    resolver: zodResolver(schema),
    defaultValues: { file: null },
  });
  const verify = useMutation({
    mutationFn: (file: File) =>
      unwrap(
        api.POST('/api/bids/{bidId}/signatures/verify', {
          params: { path: { bidId } },
          // The api reads the raw PDF: the file goes as it is, not as JSON.
          body: file as unknown as string,
          bodySerializer: (body) => body,
          headers: { 'Content-Type': 'application/pdf' },
        }),
      ),
    onMutate: () => setRefusal(null),
    onError: (error) => setRefusal(placeRefusal(error, setError, () => 'file')),
  });
  const result = verify.data;
  const allValid =
    result !== undefined &&
    result.signatures.length > 0 &&
    result.signatures.every((signature) => signature.valid && signature.record !== null);

  return (
    <Paper withBorder p="md" component="section" aria-labelledby="verify-title">
      <Stack gap="sm">
        <Title order={3} id="verify-title">
          Vérifier un PDF signé
        </Title>
        <Text size="sm" c="dimmed">
          Vous avez reçu une convention signée par un autre canal ? Vérifiez que ses signatures sont
          valides et qu’elles correspondent à celles enregistrées par Cordage.
        </Text>
        <form
          noValidate
          onSubmit={(event) =>
            void handleSubmit((form) => {
              if (form.file) verify.mutate(form.file);
            })(event)
          }
        >
          <Stack gap="sm">
            <Controller
              control={control}
              name="file"
              render={({ field, fieldState }) => (
                <FileInput
                  label="PDF signé à vérifier"
                  placeholder="Choisir un fichier PDF"
                  accept="application/pdf,.pdf"
                  clearable
                  w={{ base: '100%', sm: 420 }}
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  ref={field.ref}
                  error={fieldState.error?.message}
                />
              )}
            />
            {refusal && (
              <Alert color="red" role="alert">
                {refusal}
              </Alert>
            )}
            <Group>
              <Button type="submit" variant="light" loading={verify.isPending}>
                Vérifier les signatures
              </Button>
            </Group>
          </Stack>
        </form>

        <div aria-live="polite">
          {result && (
            <Stack gap="sm">
              <Alert color={allValid ? 'green' : 'orange'} role="status" title="Résultat">
                {result.verdict}
              </Alert>
              {result.signatures.length > 0 && (
                <DataTable
                  minWidth={760}
                  striped
                  columns={[
                    'N°',
                    'Signataire',
                    'Signature',
                    'Certificat',
                    'Enregistrement dans Cordage',
                  ]}
                >
                  {result.signatures.map((signature, index) => (
                    <Table.Tr key={signature.index}>
                      <Table.Td>{signature.index}</Table.Td>
                      <Table.Td>
                        {signature.signerName ?? 'Nom absent'}
                        {signature.signingTime && (
                          <Text size="sm" c="dimmed">
                            {formatDateTime(signature.signingTime)}
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        <Badge color={signature.valid ? 'green' : 'red'} variant="light">
                          {signature.valid ? 'Valide' : 'Invalide'}
                        </Badge>
                        {/* Later signatures append their bytes: only the last covers all. */}
                        {!signature.coversWholeFile && index === result.signatures.length - 1 && (
                          <Text size="sm" c="dimmed">
                            Des octets ont été ajoutés après elle.
                          </Text>
                        )}
                      </Table.Td>
                      <Table.Td>
                        {signature.issuedByPlatform
                          ? 'Délivré par Cordage'
                          : 'Délivré par une autre autorité'}
                      </Table.Td>
                      <Table.Td>
                        {signature.record
                          ? `Signature n° ${signature.record.revision} : ${signature.record.organisation}, ${signature.record.signerName}, le ${formatDateTime(signature.record.signedAt)}`
                          : 'Inconnue de Cordage'}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </DataTable>
              )}
            </Stack>
          )}
        </div>
      </Stack>
    </Paper>
  );
}
