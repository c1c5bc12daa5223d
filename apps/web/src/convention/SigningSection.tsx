import { Anchor, Badge, Card, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { BidDto, DocumentDto } from '../api/schema';
import type { BidAccess, Member } from '../bids/queries';
import { DataTable } from '../ui/DataTable';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { useSignatures } from './queries';
import { CONVENTION_WORDS, type SignedDocumentWords } from './labels';
import { SignForm } from './SignForm';

/** The parties of the convention: co-contractors who joined and have not left. */
const PARTY_STATUSES = new Set(['ACCEPTED', 'DATA_COMPLETE', 'SIGNED']);
const isParty = (member: Member) =>
  member.role === 'COTRAITANT' && PARTY_STATUSES.has(member.status);

interface Props {
  bid: BidDto;
  access: BidAccess;
  /** The frozen convention of the agreed version, or the amendment in signing. */
  convention: DocumentDto;
  /** Signing is open: by default while the bid is in SIGNING (an amendment says its own). */
  open?: boolean;
  /** Tells this section's titles apart when the page shows two (the convention, an amendment). */
  idPrefix?: string;
  /** What is signed, in words: the convention by default, or an amendment. */
  words?: SignedDocumentWords;
}

/** Signing a frozen convention or amendment: my signatures, who has signed, the signed files. */
export function SigningSection({
  bid,
  access,
  convention,
  open = bid.status === 'SIGNING',
  idPrefix = '',
  words = CONVENTION_WORDS,
}: Props) {
  const signatures = useSignatures(bid.id, convention.id, open);
  const wide = useMediaQuery('(min-width: 48em)');
  const signing = access.signatoryMembers.filter(isParty);

  if (signatures.isPending) return <Loading label="Chargement des signatures" />;
  if (signatures.isError) return <ErrorPanel error={signatures.error} />;
  const { signatures: signed, awaiting, signedUrl, proofUrl } = signatures.data;
  // Every signature has the same legal value when all come from the same kind of certificate.
  const firstLevel = signed[0]?.level;
  const oneLevel =
    firstLevel !== undefined &&
    signed.every((signature) => signature.level.code === firstLevel.code);
  const signedAtOf = (memberId: string) =>
    signed.find((signature) => signature.memberId === memberId)?.signedAt ?? null;
  // Once signing closes (the last signature closes it), my members' signatures stay in view.
  const mine = open ? signing : signing.filter((member) => signedAtOf(member.id) !== null);

  return (
    <Stack gap="lg">
      {mine.length > 0 && (
        <section aria-labelledby={`${idPrefix}my-signature-title`}>
          <Title order={3} id={`${idPrefix}my-signature-title`} mb="sm">
            Votre signature
          </Title>
          <Stack>
            {mine.map((member) => (
              <SignForm
                key={member.id}
                bidId={bid.id}
                documentId={convention.id}
                member={member}
                signedAt={signedAtOf(member.id)}
                showName={mine.length > 1}
                words={words}
              />
            ))}
          </Stack>
        </section>
      )}

      <section aria-labelledby={`${idPrefix}signatures-title`}>
        <Group gap="sm" mb="sm">
          <Title order={3} id={`${idPrefix}signatures-title`}>
            Signatures
          </Title>
          <Badge variant="light" color={awaiting.length === 0 ? 'green' : 'orange'}>
            {signed.length} sur {signed.length + awaiting.length}
          </Badge>
        </Group>
        {open && (
          <Text size="sm" c="dimmed" mb="xs">
            Cette liste se met à jour toute seule pendant la signature.
          </Text>
        )}
        {signed.length === 0 ? (
          <Text c="dimmed">Personne n’a encore signé.</Text>
        ) : wide ? (
          <DataTable
            minWidth={760}
            striped
            columns={[
              'Membre',
              'Signataire',
              'Date',
              'Certificat',
              !oneLevel && 'Valeur de la signature',
            ]}
          >
            {signed.map((signature) => (
              <Table.Tr key={signature.revision}>
                <Table.Td>{signature.organisation}</Table.Td>
                <Table.Td>
                  {signature.signerName}
                  <Text size="sm" c="dimmed">
                    {signature.capacity}
                  </Text>
                </Table.Td>
                <Table.Td>{formatDateTime(signature.signedAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{signature.certificate.holderName}</Text>
                  <Text size="xs" c="dimmed">
                    délivré par {signature.certificate.issuerName}
                  </Text>
                </Table.Td>
                {!oneLevel && (
                  <Table.Td>
                    <Text size="sm">{signature.level.label}</Text>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </DataTable>
        ) : (
          // On a phone, one card per signature instead of a wide table.
          <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {signed.map((signature) => (
              <Card key={signature.revision} withBorder component="li" padding="sm">
                <Text fw={600}>{signature.organisation}</Text>
                <Text size="sm">
                  {signature.signerName}, {signature.capacity}
                </Text>
                <Text size="sm">Signé le {formatDateTime(signature.signedAt)}</Text>
                <Text size="xs" c="dimmed">
                  Certificat de {signature.certificate.holderName}, délivré par{' '}
                  {signature.certificate.issuerName}
                </Text>
                {!oneLevel && <Text size="xs">{signature.level.label}</Text>}
              </Card>
            ))}
          </Stack>
        )}
        {oneLevel && (
          <Text size="sm" mt="xs">
            <strong>Valeur de ces signatures :</strong> {firstLevel.label}
          </Text>
        )}
        {awaiting.length > 0 && (
          <>
            <Title order={4} mt="md" mb="xs">
              N’ont pas encore signé ({awaiting.length})
            </Title>
            <List>
              {awaiting.map((party) => (
                <List.Item key={party.memberId}>{party.organisation}</List.Item>
              ))}
            </List>
          </>
        )}
      </section>

      <section aria-labelledby={`${idPrefix}signed-files-title`}>
        <Title order={3} id={`${idPrefix}signed-files-title`} mb="sm">
          Fichiers signés
        </Title>
        <List spacing="xs">
          <List.Item>
            <Anchor href={signedUrl} download>
              {signed.length > 0 ? words.downloadSigned : words.downloadFrozen}
            </Anchor>
            {signed.length > 0 && awaiting.length > 0 && (
              <Text span size="sm" c="dimmed">
                {signed.length === 1
                  ? ' — avec la signature apposée à ce jour'
                  : ` — avec les ${signed.length} signatures apposées à ce jour`}
              </Text>
            )}
          </List.Item>
          {proofUrl && (
            <List.Item>
              <Anchor href={proofUrl} download>
                Télécharger le dossier de preuve (PDF)
              </Anchor>
              <Text span size="sm" c="dimmed">
                {' '}
                — empreintes, signataires et heures, scellés par Cordage
              </Text>
            </List.Item>
          )}
        </List>
      </section>
    </Stack>
  );
}
