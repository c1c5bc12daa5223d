import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type DocumentSet,
  type DocumentStorage,
  DomainError,
  DomainErrorCode,
  assertBidAllows,
  isUuid,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  DOCUMENT_STORAGE,
  type DocumentSummary,
  DocumentsRepository,
  JobRequestsRepository,
  type NewJobRequest,
  OutboxRepository,
  Transactional,
} from '@cordage/persistence';
import { JobName, QUEUE_OF_JOB } from '@cordage/queue';

const JOB_OF_SET: Record<DocumentSet, JobName> = {
  CONVENTION: JobName.DOCUMENTS_RENDER_CONVENTION,
  // The amendment is the convention as a change of membership leaves it.
  AMENDMENT: JobName.DOCUMENTS_RENDER_CONVENTION,
  EXPORTS: JobName.DOCUMENTS_EXPORT,
};

const documentNotFound = () => new DomainError(DomainErrorCode.NOT_FOUND, 'Document introuvable.');

@Injectable()
export class DocumentsService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly allocations: AllocationsRepository,
    private readonly outbox: OutboxRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly jobRequests: JobRequestsRepository,
  ) {}

  /** Records the request and its job in one transaction; the worker renders and stores. */
  async request(bidId: string, versionNumber: number, set: DocumentSet, actor: Actor) {
    const version = await this.allocations.find(bidId, versionNumber);
    if (!version) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Version ${versionNumber} de la répartition introuvable.`,
        [{ path: 'allocationVersion', code: 'NOT_FOUND', message: 'version inconnue' }],
      );
    }
    const changeRequestId = set === 'AMENDMENT' ? await this.changeFor(bidId, version.id) : null;
    const id = randomUUID();
    await this.recordRequest({
      id,
      kind: 'DOCUMENTS',
      bidId,
      parameters: { allocationVersionId: version.id, documentSet: set, changeRequestId },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }

  @Transactional()
  private async recordRequest(request: NewJobRequest<'DOCUMENTS'>): Promise<void> {
    await this.jobRequests.insert(request);
    const jobName = JOB_OF_SET[request.parameters.documentSet];
    await this.outbox.add({
      id: request.id,
      queueName: QUEUE_OF_JOB[jobName],
      jobName,
      payload: { requestId: request.id },
    });
  }

  /** An amendment carries the change request whose new split is this version. */
  private async changeFor(bidId: string, versionId: string): Promise<string> {
    const change = await this.changeRequests.active(bidId);
    if (change?.status !== 'REALLOCATED' || change.allocationVersionId !== versionId) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'Un avenant décrit la nouvelle répartition d’une demande de modification en cours.',
        [{ path: 'allocationVersion', code: 'NO_CHANGE_REQUEST', message: 'aucun changement' }],
      );
    }
    return change.id;
  }

  async list(bidId: string) {
    return (await this.documents.list(bidId)).map((document) => toDto(bidId, document));
  }

  /** A document's description and its bytes, checked against the SHA-256 recorded. */
  async content(bidId: string, documentId: string) {
    const document = await this.find(bidId, documentId);
    const content = await this.storage.get(document.storageKey);
    return { document, content };
  }

  async freeze(bidId: string, documentId: string, actor: Actor): Promise<void> {
    const document = await this.find(bidId, documentId);
    if (document.kind !== 'CONVENTION') {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        'Seule la convention de groupement se fige pour être signée.',
        [{ path: 'documentId', code: 'NOT_A_CONVENTION', message: document.kind }],
      );
    }
    const bid = await this.workflow.status(bidId);
    assertBidAllows('FREEZE_CONVENTION', bid.status);
    const agreed = bid.agreedVersionId && (await this.allocations.findById(bid.agreedVersionId));
    if (!agreed || agreed.number !== document.allocationVersion) {
      throw new DomainError(
        DomainErrorCode.INVALID_INPUT,
        `Cette convention décrit la version ${document.allocationVersion} de la répartition, ` +
          `alors que les membres ont approuvé la version ${agreed ? agreed.number : '—'}.`,
        [{ path: 'documentId', code: 'NOT_THE_AGREED_VERSION', message: 'version non approuvée' }],
      );
    }
    await this.documents.freeze(bidId, documentId, actor);
  }

  private async find(bidId: string, documentId: string): Promise<DocumentSummary> {
    const document = isUuid(documentId) ? await this.documents.find(bidId, documentId) : null;
    if (!document) throw documentNotFound();
    return document;
  }
}

function toDto(bidId: string, { storageKey: _, ...document }: DocumentSummary) {
  return {
    ...document,
    frozenAt: document.frozenAt?.toISOString() ?? null,
    createdAt: document.createdAt.toISOString(),
    downloadUrl: `/api/bids/${bidId}/documents/${document.id}`,
  };
}
