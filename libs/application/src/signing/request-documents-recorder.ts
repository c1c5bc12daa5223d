import { Injectable } from '@nestjs/common';
import type { Actor } from '@cordage/domain';
import {
  type AuditChange,
  BidLockRepository,
  DocumentsRepository,
  type JobRequest,
  JobRequestsRepository,
  type StoredDocument,
} from '@cordage/persistence';
import { AuditTrail } from '../audit';

/** The requests whose files become documents of their bid. */
type DocumentsKind = 'DOCUMENTS' | 'CONTRACT_REPORT';
const NAME_OF: Record<DocumentsKind, string> = {
  DOCUMENTS: 'document request',
  CONTRACT_REPORT: 'report',
};

/** What a request's audit event says of the files it stored. */
export type StoredSummary = Pick<StoredDocument, 'kind' | 'subject' | 'sha256'>[];

/** Records the files a request stored as its bid's documents (shared by the document use cases). */
@Injectable()
export class RequestDocumentsRecorder {
  constructor(
    private readonly jobRequests: JobRequestsRepository,
    private readonly bidLock: BidLockRepository,
    private readonly documents: DocumentsRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Records a request's stored files as new versions of its bid's documents, each numbered after
   * the bid's previous ones of its kind and subject (the bid locked first: two renderings never take
   * the same number), marks the request done and audits it with `event`. A retried job that already
   * stored them changes nothing. Runs in the caller's transaction; returns the request's documents.
   */
  async record<K extends DocumentsKind>(
    {
      requestId,
      kind,
      documents,
      actor,
    }: {
      requestId: string;
      kind: K;
      documents: readonly StoredDocument[];
      actor: Actor;
    },
    event: (
      request: JobRequest<K>,
      stored: StoredSummary,
    ) => Omit<AuditChange, 'entityId' | 'bidId'>,
  ): Promise<string[]> {
    const { jobRequests, bidLock, documents: store, audit } = this;
    const request = await jobRequests.lock(requestId, kind);
    if (!request?.bidId) throw new Error(`${NAME_OF[kind]} ${requestId} does not exist`);
    if (request.status === 'DONE') return store.idsOf(requestId);
    const { bidId } = request;
    await bidLock.lock(bidId);
    for (const document of documents) {
      await store.add({
        ...document,
        bidId,
        allocationVersionId: request.parameters.allocationVersionId,
        // An amendment and its letter carry their change request (none for the other files).
        changeRequestId:
          'changeRequestId' in request.parameters ? request.parameters.changeRequestId : null,
        requestId,
        version: await store.nextVersion(bidId, document.kind, document.subject),
        createdBy: request.requestedBy,
      });
    }
    await jobRequests.markDone(requestId, kind, null);
    const stored = documents.map(({ kind, subject, sha256 }) => ({ kind, subject, sha256 }));
    await audit.append(actor, { ...event(request, stored), entityId: requestId, bidId });
    return store.idsOf(requestId);
  }
}
