import type { BidLockRepository, DocumentsRepository, StoredDocument } from '@cordage/persistence';

/** What a request's audit event says of the files it stored. */
export type StoredSummary = Pick<StoredDocument, 'kind' | 'subject' | 'sha256'>[];

/**
 * Adds a request's stored files as new versions of the bid's documents, each numbered after the
 * bid's previous ones of its kind and subject. The bid is locked first: two renderings never take
 * the same number. Returns what the audit event says of them. Runs in the caller's transaction.
 */
export async function addDocumentVersions(
  repositories: { bidLock: BidLockRepository; documents: DocumentsRepository },
  request: {
    bidId: string;
    requestId: string;
    allocationVersionId: string;
    createdBy: string | null;
  },
  documents: readonly StoredDocument[],
): Promise<StoredSummary> {
  const { bidId } = request;
  await repositories.bidLock.lock(bidId);
  for (const document of documents) {
    await repositories.documents.add({
      ...document,
      ...request,
      version: await repositories.documents.nextVersion(bidId, document.kind, document.subject),
    });
  }
  return documents.map(({ kind, subject, sha256 }) => ({ kind, subject, sha256 }));
}
