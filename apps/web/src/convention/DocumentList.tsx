import { Anchor, Badge, Table, Text, VisuallyHidden } from '@mantine/core';
import type { BidDto, DocumentDto } from '../api/schema';
import { DataTable } from '../ui/DataTable';
import { formatDateTime } from '../ui/format';
import { DOCUMENT_KIND, formatSize, subjectOf } from './labels';

/** A table of documents: what each is, which version, whether it is frozen, and its download. */
export function DocumentList({ bid, documents }: { bid: BidDto; documents: DocumentDto[] }) {
  return (
    <DataTable
      minWidth={720}
      striped
      columns={['Document', 'Version', 'Créé le', 'État', 'Fichier']}
    >
      {documents.map((document) => {
        const subject = subjectOf(bid, document);
        return (
          <Table.Tr key={document.id}>
            <Table.Td>
              {DOCUMENT_KIND[document.kind]}
              {subject && (
                <Text size="sm" c="dimmed">
                  {subject}
                </Text>
              )}
            </Table.Td>
            <Table.Td>
              Version {document.version}
              <Text size="sm" c="dimmed">
                répartition v{document.allocationVersion}
              </Text>
            </Table.Td>
            <Table.Td>{formatDateTime(document.createdAt)}</Table.Td>
            <Table.Td>
              {document.frozenAt ? (
                <Badge color="teal" variant="light">
                  Figée le {formatDateTime(document.frozenAt)}
                </Badge>
              ) : (
                <Badge color="gray" variant="light">
                  {document.kind === 'CONVENTION' ? 'Non figée' : 'Générée'}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              <Anchor href={document.downloadUrl} download={document.filename}>
                Télécharger
                <VisuallyHidden>
                  {' '}
                  {DOCUMENT_KIND[document.kind]} version {document.version}
                  {subject ? ` (${subject})` : ''}
                </VisuallyHidden>
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatSize(document.sizeBytes)}
              </Text>
            </Table.Td>
          </Table.Tr>
        );
      })}
    </DataTable>
  );
}
