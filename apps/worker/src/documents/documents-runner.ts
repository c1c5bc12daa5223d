import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  BidDocumentsService,
  ChangeRequestService,
  ReplanChangesService,
  RequestedWorkService,
} from '@cordage/application';
import { type ConfigOf, InjectConfig, publicUrlConfig } from '@cordage/config';
import {
  type DocumentStorage,
  type ProgressReporter,
  assertVersionCurrent,
  buildBidDocumentModel,
  isDomainError,
  seededTerritoryReferences,
} from '@cordage/domain';
import {
  AllocationsRepository,
  BidScenarioRepository,
  BidSettingsRepository,
  ChangeRequestsRepository,
  DOCUMENT_STORAGE,
  TerritoryRepository,
} from '@cordage/persistence';
import { CpuPool } from '../cpu/cpu-pool';
import { storeRendered } from './store-rendered';

export interface DocumentsOutcome {
  documentIds: string[];
}

/** Thrown when a request can never succeed as asked (stale version, unknown request). */
export class DocumentsRefused extends Error {}

/**
 * Generates a bid's documents from one allocation version: the bid's data (which must still be
 * those the version was computed on), the convention's parameters, the territories' names, then
 * the files, stored under their SHA-256 and recorded as new document versions.
 */
@Injectable()
export class DocumentsRunner {
  private readonly logger = new Logger(DocumentsRunner.name);

  constructor(
    private readonly requestedWork: RequestedWorkService,
    private readonly documents: BidDocumentsService,
    private readonly allocations: AllocationsRepository,
    private readonly scenarios: BidScenarioRepository,
    private readonly settings: BidSettingsRepository,
    private readonly territories: TerritoryRepository,
    private readonly changeRequests: ChangeRequestService,
    private readonly changeRequestRows: ChangeRequestsRepository,
    private readonly replanChanges: ReplanChangesService,
    @Inject(DOCUMENT_STORAGE) private readonly storage: DocumentStorage,
    private readonly cpu: CpuPool,
    @InjectConfig(publicUrlConfig) private readonly config: ConfigOf<typeof publicUrlConfig>,
  ) {}

  async run(requestId: string, onProgress: ProgressReporter): Promise<DocumentsOutcome> {
    const request = await this.requestedWork.start(requestId, 'DOCUMENTS');
    if (!request?.bidId) throw new DocumentsRefused(`document request ${requestId} does not exist`);
    const { bidId, parameters } = request;
    if (request.status === 'FAILED') {
      throw new DocumentsRefused(request.failure?.message ?? 'request failed');
    }
    // A retried job whose documents were stored: the work is done, report it again.
    if (request.status === 'DONE') return { documentIds: await this.documents.storedBy(requestId) };
    const actor = { userId: request.requestedBy, label: 'worker', requestId: request.requestId };
    try {
      const [version, scenario, settings] = await Promise.all([
        this.allocations.findById(parameters.allocationVersionId),
        this.scenarios.exportScenario(bidId),
        this.settings.conventionSettings(bidId),
      ]);
      if (!version || !settings) throw new DocumentsRefused(`bid ${bidId} is gone`);
      assertVersionCurrent(scenario, version);
      await onProgress(5, 'preparing');
      const names = await this.territories.namesOf([...seededTerritoryReferences(scenario).keys()]);
      const model = buildBidDocumentModel({
        scenario,
        result: version.result,
        version: { number: version.number, computedAt: version.createdAt.toISOString() },
        settings,
        territoryName: (code) => names.get(code),
      });
      // Rendered in a worker thread: this event loop keeps renewing the job's lock meanwhile.
      const rendered = await this.cpu.run(
        'render',
        {
          model,
          set: parameters.documentSet,
          options: {
            bidId,
            publicUrl: this.config.PUBLIC_URL,
            ...(parameters.changeRequestId && (await this.amendmentOf(parameters.changeRequestId))),
          },
        },
        (percent, step) => onProgress(5 + Math.round(percent * 0.8), step),
      );
      await onProgress(90, 'storing');
      const stored = await storeRendered(this.storage, rendered);
      const documentIds = await this.documents.record(requestId, stored, actor);
      await onProgress(100, 'done');
      this.logger.log({ requestId, bidId, documents: documentIds.length }, 'documents generated');
      return { documentIds };
    } catch (error) {
      if (!isDomainError(error)) throw error;
      await this.requestedWork.markRefused(requestId, error, actor);
      throw new DocumentsRefused(error.message);
    }
  }

  /** What an amendment carries: an approved re-plan, or a change of membership. */
  private async amendmentOf(changeRequestId: string) {
    const request = await this.changeRequestRows.findById(changeRequestId);
    return request?.reason === 'REPLAN'
      ? { replan: await this.replanChanges.amendment(changeRequestId) }
      : { change: await this.changeRequests.membershipChange(changeRequestId) };
  }
}
