import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type DocumentSet,
  DomainError,
  DomainErrorCode,
  REPORT_DOCUMENT_KINDS,
  assertConventionFreezable,
  assertConventionSettingsFitDates,
  changeRequestOfAmendment,
  isUuid,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidSettingsRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  DocumentsRepository,
  type DocumentSummary,
  JobRequestsRepository,
  OutboxRepository,
  type StoredDocument,
  Transactional,
  BidLockRepository,
} from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { RequestDocumentsRecorder } from './request-documents-recorder';
import { ReplanChangesService } from '../execution/replan-changes.service';
import { jobMessage } from '../jobs/job-message';
import { bidStatus } from '../workflow/bid-facts';
import { AuditTrail } from '../audit';

const JOB_OF_SET: Record<DocumentSet, JobName> = {
  CONVENTION: JobName.DOCUMENTS_RENDER_CONVENTION,
  // The amendment is the convention as a change of membership leaves it.
  AMENDMENT: JobName.DOCUMENTS_RENDER_CONVENTION,
  EXPORTS: JobName.DOCUMENTS_EXPORT,
};

/**
 * A bid's documents: rendering asked (the worker renders), rendered documents recorded as new
 * versions, the convention frozen for signature. A frozen document never changes again.
 */
@Injectable()
export class BidDocumentsService {
  constructor(
    private readonly bidLock: BidLockRepository,
    private readonly documents: DocumentsRepository,
    private readonly allocations: AllocationsRepository,
    private readonly changeRequests: ChangeRequestsRepository,
    private readonly workflow: BidWorkflowRepository,
    private readonly settings: BidSettingsRepository,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
    private readonly jobRequests: JobRequestsRepository,
    private readonly recorder: RequestDocumentsRecorder,
    private readonly replanChanges: ReplanChangesService,
  ) {}

  /** Records the request and its job in one transaction; the worker renders and stores. */
  @Transactional()
  async request(bidId: string, versionNumber: number, set: DocumentSet, actor: Actor) {
    const version = await this.allocations.find(bidId, versionNumber);
    if (!version) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Version ${versionNumber} de la répartition introuvable.`,
        [{ path: 'allocationVersion', code: 'NOT_FOUND', message: 'version inconnue' }],
      );
    }
    // An amendment carries the change request whose new split is this version.
    const changeRequestId =
      set === 'AMENDMENT'
        ? changeRequestOfAmendment(await this.changeRequests.active(bidId), version.id)
        : null;
    if (set === 'CONVENTION') await this.assertSettingsFitDates(bidId);
    const id = randomUUID();
    await this.jobRequests.insert({
      id,
      kind: 'DOCUMENTS',
      bidId,
      parameters: { allocationVersionId: version.id, documentSet: set, changeRequestId },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    await this.outbox.add(jobMessage(JOB_OF_SET[set], id, { requestId: id }));
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }

  /**
   * Records a request's documents, each numbered after the bid's previous ones of its kind and
   * subject, and marks the request done. A retried job that already stored them changes nothing
   * (one document per request, kind and subject).
   */
  @Transactional()
  async record(requestId: string, documents: StoredDocument[], actor: Actor): Promise<string[]> {
    const ids = await this.recorder.record(
      { requestId, kind: 'DOCUMENTS', documents, actor },
      (request, stored) => ({
        action: 'documents.generated',
        entityType: 'document_request',
        after: { documentSet: request.parameters.documentSet, documents: stored },
      }),
    );
    // An approved re-plan's amendment goes to signature as soon as it is recorded.
    const changeRequestId = (await this.jobRequests.lock(requestId, 'DOCUMENTS'))?.parameters
      .changeRequestId;
    if (changeRequestId) {
      await this.replanChanges.amendmentRendered(requestId, changeRequestId, actor);
    }
    return ids;
  }

  /** The documents a request stored (a retried job reports them again). */
  async storedBy(requestId: string): Promise<string[]> {
    return this.documents.idsOf(requestId);
  }

  /**
   * Every document of a bid, newest first within each kind. The contract reports' files give
   * every member's figures: only for readers who see them all (`readsReports`).
   */
  async list(bidId: string, readsReports = true): Promise<DocumentSummary[]> {
    const documents = await this.documents.list(bidId);
    return readsReports
      ? documents
      : documents.filter((document) => !REPORT_DOCUMENT_KINDS.includes(document.kind));
  }

  async find(bidId: string, documentId: string, readsReports = true): Promise<DocumentSummary> {
    const document = isUuid(documentId) ? await this.documents.find(bidId, documentId) : null;
    if (!document) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Document introuvable.');
    if (!readsReports && REPORT_DOCUMENT_KINDS.includes(document.kind)) {
      throw new DomainError(
        DomainErrorCode.FORBIDDEN,
        'Ce rapport d’exécution donne les chiffres de tous les membres : la transparence de ' +
          'cette candidature ne les partage pas.',
        [{ path: 'documentId', code: 'NOT_SHARED', message: 'rapport non partagé' }],
      );
    }
    return document;
  }

  /**
   * The OCDS package generated from an allocation version (the latest, when the documents were
   * generated again): what the package's own `uri` returns.
   */
  async ocdsPackage(bidId: string, versionNumber: number): Promise<DocumentSummary> {
    if (!(await this.allocations.find(bidId, versionNumber))) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Version ${versionNumber} de la répartition introuvable.`,
        [{ path: 'number', code: 'NOT_FOUND', message: 'version inconnue' }],
      );
    }
    const document = await this.documents.latestOfVersion(bidId, 'OCDS', versionNumber);
    if (!document) {
      throw new DomainError(
        DomainErrorCode.NOT_FOUND,
        `Aucune donnée OCDS pour la version ${versionNumber} de la répartition : générez les ` +
          'documents pour l’acheteur.',
        [{ path: 'number', code: 'NOT_GENERATED', message: 'documents pour l’acheteur à générer' }],
      );
    }
    return document;
  }

  /** Freezes the convention of the agreed split for signature; freezing it again changes nothing. */
  @Transactional()
  async freeze(bidId: string, documentId: string, actor: Actor): Promise<void> {
    // One freeze at a time: two conventions of the split frozen at once would both be signable.
    await this.bidLock.lock(bidId);
    const document = await this.find(bidId, documentId);
    const bid = await bidStatus(this.workflow, bidId);
    const agreed = bid.agreedVersionId && (await this.allocations.findById(bid.agreedVersionId));
    assertConventionFreezable(document, {
      status: bid.status,
      agreedVersion: agreed ? agreed.number : null,
      frozenConvention: bid.agreedVersionId
        ? await this.documents.frozenConvention(bidId, bid.agreedVersionId)
        : null,
    });
    // Days pass and dates move between the rendering and the freeze: what is signed must hold.
    if (!document.frozenAt) await this.assertSettingsFitDates(bidId);
    if (!(await this.documents.freeze(documentId))) return;
    await this.audit.append(actor, {
      action: 'document.frozen',
      entityType: 'document',
      entityId: documentId,
      bidId,
    });
  }

  /**
   * The convention's parameters must still fit the bid's dates today (the notice to leave runs out
   * by the submission deadline): the deadline may have moved since they were saved.
   */
  private async assertSettingsFitDates(bidId: string): Promise<void> {
    const terms = await this.settings.conventionTerms(bidId);
    if (!terms) throw new DomainError(DomainErrorCode.NOT_FOUND, 'Candidature introuvable.');
    assertConventionSettingsFitDates(terms.settings, terms.dates, new Date());
  }
}
