import { Alert, Anchor, Box, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { DocumentDto } from '../api/schema';
import { useChangeRequests } from '../allocation/queries';
import { useBidContext, useWorkflow } from '../bids/queries';
import { ErrorPanel } from '../ui/ErrorPanel';
import { formatDateTime } from '../ui/format';
import { Loading } from '../ui/Loading';
import { CoordinatorActions } from './CoordinatorActions';
import { DocumentList } from './DocumentList';
import { AMENDMENT_WORDS } from './labels';
import { useDocuments } from './queries';
import { SigningSection } from './SigningSection';
import { VerifyPdf } from './VerifyPdf';

/** The statuses in which the members have approved a version of the split. */
const AGREED_STATUSES = new Set(['AGREED', 'SIGNING', 'SIGNED', 'SUBMITTED', 'AWARDED', 'LOST']);
/** The buyer's documents in the order of a tender's file: forms, then the split's tables. */
const BUYER_KINDS: DocumentDto['kind'][] = ['DC1', 'DC4', 'XLSX', 'CSV', 'OCDS'];
const AMENDMENT_KINDS = new Set(['AMENDMENT', 'BUYER_LETTER']);

/** Where the convention stands, in one sentence, by the bid's status. */
function stageOf(status: string, isCoordinator: boolean): string {
  switch (status) {
    case 'DRAFT':
    case 'COLLECTING':
    case 'ALLOCATING':
    case 'PROPOSED':
      return 'La convention se prépare une fois la répartition approuvée par les membres.';
    case 'AGREED':
      return isCoordinator
        ? 'La répartition est approuvée : générez la convention, relisez-la, figez-la, puis ouvrez la signature.'
        : 'La répartition est approuvée : la coordination prépare la convention, puis ouvrira la signature.';
    case 'SIGNING':
      return 'La signature est ouverte : chaque membre signe la convention figée avec un code reçu par mail.';
    case 'WITHDRAWN':
      return 'La candidature a été abandonnée : la convention ne se signe plus.';
    default:
      return 'Tous les membres ont signé la convention.';
  }
}

/** The convention and the buyer's documents: generate, freeze, preview, sign, download, verify. */
export function ConventionPage() {
  const { bid, access } = useBidContext();
  const workflow = useWorkflow(bid.id);
  const documents = useDocuments(bid.id);
  const changes = useChangeRequests(bid.id);

  if (workflow.isPending || documents.isPending) return <Loading />;
  if (workflow.isError) return <ErrorPanel error={workflow.error} />;
  if (documents.isError) return <ErrorPanel error={documents.error} />;

  const vote = workflow.data.vote;
  const agreedVersion =
    AGREED_STATUSES.has(bid.status) && vote?.outcome === 'APPROVED' ? vote.versionNumber : null;
  // The api lists each kind's latest version first.
  const conventions = documents.data.filter((document) => document.kind === 'CONVENTION');
  const ofAgreed = conventions.filter((document) => document.allocationVersion === agreedVersion);
  const frozen = ofAgreed.find((document) => document.frozenAt !== null);
  const current = frozen ?? ofAgreed[0];
  const preview = current ?? conventions[0];
  const buyer = documents.data
    .filter((document) => BUYER_KINDS.includes(document.kind))
    .sort((a, b) => BUYER_KINDS.indexOf(a.kind) - BUYER_KINDS.indexOf(b.kind));
  const amendments = documents.data.filter((document) => AMENDMENT_KINDS.has(document.kind));
  // The amendment in signing: the latest frozen, while a change request is in signing.
  const changeInSigning = changes.data?.find((change) => change.status === 'AMENDMENT_SIGNING');
  const amendmentInSigning = changeInSigning
    ? amendments
        .filter((document) => document.kind === 'AMENDMENT' && document.frozenAt !== null)
        .sort((a, b) => (b.frozenAt ?? '').localeCompare(a.frozenAt ?? ''))[0]
    : undefined;

  return (
    <Stack gap="lg">
      <Title order={2}>Convention et documents</Title>
      <Alert color={bid.status === 'SIGNING' ? 'orange' : 'gray'} role="status">
        {stageOf(bid.status, access.isCoordinator)}
      </Alert>

      {access.isCoordinator && (
        <CoordinatorActions bid={bid} agreedVersion={agreedVersion} convention={current} />
      )}

      {changeInSigning && amendmentInSigning && (
        <section aria-labelledby="amendment-signing-title">
          <Title order={3} id="amendment-signing-title" mb="sm">
            Avenant n° {changeInSigning.amendmentNumber} à signer
          </Title>
          <SigningSection
            bid={bid}
            access={access}
            convention={amendmentInSigning}
            open
            idPrefix="amendment-"
            words={AMENDMENT_WORDS}
          />
        </section>
      )}
      {frozen && bid.status !== 'AGREED' && (
        <SigningSection bid={bid} access={access} convention={frozen} />
      )}
      {frozen?.frozenAt && bid.status === 'AGREED' && (
        <Text>
          La convention est figée depuis le {formatDateTime(frozen.frozenAt)} :{' '}
          {access.isCoordinator
            ? 'ouvrez la signature pour que chaque membre la signe.'
            : 'la signature s’ouvrira quand la coordination la lancera.'}
        </Text>
      )}

      {preview && <Preview document={preview} />}

      <section aria-labelledby="convention-docs-title">
        <Title order={3} id="convention-docs-title" mb="sm">
          Conventions
        </Title>
        {conventions.length === 0 ? (
          <Text c="dimmed">Aucune convention générée pour l’instant.</Text>
        ) : (
          <DocumentList bid={bid} documents={conventions} />
        )}
      </section>

      <section aria-labelledby="buyer-docs-title">
        <Title order={3} id="buyer-docs-title" mb="sm">
          Documents pour l’acheteur
        </Title>
        {buyer.length === 0 ? (
          <Text c="dimmed">
            Aucun export pour l’instant : fiches DC1 et DC4, tableaux XLSX et CSV, données OCDS.
          </Text>
        ) : (
          <DocumentList bid={bid} documents={buyer} />
        )}
      </section>

      {amendments.length > 0 && (
        <section aria-labelledby="amendments-title">
          <Title order={3} id="amendments-title" mb="sm">
            Avenants
          </Title>
          <DocumentList bid={bid} documents={amendments} />
        </section>
      )}

      {frozen && <VerifyPdf bidId={bid.id} />}
    </Stack>
  );
}

/** The convention shown in the page on a laptop; on a phone, a link opens it full screen. */
function Preview({ document }: { document: DocumentDto }) {
  const wide = useMediaQuery('(min-width: 48em)');
  const state = document.frozenAt ? 'figée' : 'non figée';
  return (
    <section aria-labelledby="preview-title">
      <Title order={3} id="preview-title" mb="xs">
        Aperçu de la convention
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        Version {document.version}, {state}, décrivant la version {document.allocationVersion} de la
        répartition.{' '}
        <Anchor href={document.downloadUrl} download={document.filename}>
          Télécharger la convention (PDF)
        </Anchor>
      </Text>
      {wide && (
        <Box
          component="iframe"
          title="Aperçu de la convention"
          src={`${document.downloadUrl}?inline=1`}
          w="100%"
          h={720}
          style={{ border: '1px solid var(--mantine-color-gray-4)', borderRadius: 4 }}
        />
      )}
    </section>
  );
}
