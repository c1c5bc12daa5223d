import { Button, FileInput, Group, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { type Member, bidKeys } from '../bids/queries';
import { ErrorPanel } from '../ui/ErrorPanel';
import { FailureAlert } from '../ui/FailureAlert';
import { formatDate } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useNotifiedMutation } from '../ui/useNotifiedMutation';

/** The api takes the file in base64, as it came: 64 Kio at most. */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * The certificate the member's signatory signs with: Cordage's, issued at the first signature,
 * or the member's own PKCS#12 file (a qualified certificate, say), uploaded here and removed at
 * will. Shown by holder, issuer and dates, never by serial number or X.509 name.
 */
export function CertificatePanel({ bidId, member }: { bidId: string; member: Member }) {
  const queryClient = useQueryClient();
  const path = { bidId, memberId: member.id };
  const key = bidKeys.part(bidId, 'certificate', member.id);
  const current = useQuery({
    queryKey: key,
    queryFn: () =>
      unwrap(api.GET('/api/bids/{bidId}/members/{memberId}/certificate', { params: { path } })),
  });
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const upload = useNotifiedMutation({
    mutationFn: async (chosen: File) =>
      unwrap(
        api.PUT('/api/bids/{bidId}/members/{memberId}/certificate', {
          params: { path },
          body: { pkcs12: await base64Of(chosen), password },
        }),
      ),
    onSuccess: () => {
      setFile(null);
      setPassword('');
    },
    refresh,
    success: 'Votre certificat est enregistré.',
  });
  const remove = useNotifiedMutation({
    mutationFn: () =>
      unwrap(api.DELETE('/api/bids/{bidId}/members/{memberId}/certificate', { params: { path } })),
    refresh,
    success: 'Le certificat est retiré.',
  });

  if (current.isPending) return <Loading />;
  if (current.isError) return <ErrorPanel error={current.error} />;
  const { certificate, level } = current.data;
  const titleId = `certificate-${member.id}`;

  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Stack gap="sm">
        <Title order={4} size="h5" id={titleId}>
          Certificat de signature
        </Title>
        {certificate ? (
          <Text size="sm">
            {certificate.source === 'PKCS12' ? 'Votre propre certificat' : 'Certificat de Cordage'}{' '}
            au nom de <strong>{certificate.holderName}</strong>, délivré par{' '}
            {certificate.issuerName}, valable du {formatDate(certificate.notBefore)} au{' '}
            {formatDate(certificate.notAfter)}.
          </Text>
        ) : (
          <Text size="sm">
            Cordage vous délivrera un certificat à votre première signature. Vous pouvez aussi
            signer avec le vôtre (fichier .p12 ou .pfx).
          </Text>
        )}
        <Text size="sm" c="dimmed">
          {level.label}
        </Text>
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            if (file) upload.mutate(file);
          }}
        >
          <Stack gap="sm">
            <FileInput
              label={
                certificate?.source === 'PKCS12'
                  ? 'Remplacer par un autre certificat'
                  : 'Votre certificat'
              }
              description="Fichier PKCS#12 (.p12 ou .pfx), 64 Kio au plus"
              placeholder="Choisir le fichier"
              accept=".p12,.pfx,application/x-pkcs12"
              value={file}
              onChange={setFile}
              clearable
            />
            <PasswordInput
              label="Mot de passe du certificat"
              description="Il sert à l’ouvrir et n’est pas conservé."
              value={password}
              onChange={(event) => setPassword(event.currentTarget.value)}
            />
            <FailureAlert error={upload.error} title="Le certificat n’est pas enregistré" />
            <Group>
              <Button type="submit" disabled={!file} loading={upload.isPending}>
                Enregistrer mon certificat
              </Button>
              {certificate && (
                <Button
                  variant="default"
                  color="red"
                  onClick={() => remove.mutate()}
                  loading={remove.isPending}
                >
                  Retirer ce certificat
                </Button>
              )}
            </Group>
            <FailureAlert error={remove.error} />
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}
