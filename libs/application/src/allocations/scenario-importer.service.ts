import { Injectable } from '@nestjs/common';
import {
  type Actor,
  type ImportedBid,
  type ProgressReporter,
  ScenarioImport,
} from '@cordage/domain';
import { JobRequestsRepository, Transactional } from '@cordage/persistence';
import { AuditTrail } from '../audit';

export interface ImportOptions {
  networkId: string;
  actor: Actor;
  /** The import request this completes: marked done in the same transaction. */
  importId?: string;
  onProgress?: ProgressReporter;
}

/**
 * A scenario file written as a bid in one unit of work, with its audit entry: the whole bid or
 * nothing. Used by the worker's import job, the command line and the tests' fixtures alike.
 */
@Injectable()
export class ScenarioImporter {
  constructor(
    private readonly scenarioImport: ScenarioImport,
    private readonly jobRequests: JobRequestsRepository,
    private readonly audit: AuditTrail,
  ) {}

  @Transactional()
  async import(input: unknown, options: ImportOptions): Promise<ImportedBid> {
    const { networkId, actor, importId, onProgress } = options;
    if (importId) {
      // Serialises concurrent runs of one import; a run after a committed one returns its result.
      const request = await this.jobRequests.lock(importId, 'SCENARIO_IMPORT');
      if (!request) throw new Error(`scenario import ${importId} does not exist`);
      if (request.status === 'DONE' && request.result) return request.result;
    }
    const imported = await this.scenarioImport.run(input, {
      networkId,
      ...(onProgress && { onProgress }),
    });
    await this.audit.append(actor, {
      action: 'bid.imported',
      entityType: 'bid',
      entityId: imported.bidId,
      bidId: imported.bidId,
      after: { tenderId: imported.tenderId, counts: imported.counts },
    });
    if (importId)
      await this.jobRequests.markDone(importId, 'SCENARIO_IMPORT', imported, imported.bidId);
    return imported;
  }
}
