import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  type Actor,
  type ImportedBid,
  type ProgressReporter,
  ScenarioImport,
  isDomainError,
} from '@cordage/domain';
import { JobRequestsRepository, OutboxRepository, Transactional } from '@cordage/persistence';
import { JobName } from '@cordage/queue';
import { RequestedWorkRefused } from './requested-work-refused';
import { RequestedWorkService } from './requested-work.service';
import { ScenarioImporter } from './scenario-importer.service';
import { jobMessage } from '../jobs/job-message';
import { AuditTrail } from '../audit';

/** A scenario file made into a bid: checked and asked for by a coordinator, written by the worker. */
@Injectable()
export class ScenarioImportsService {
  constructor(
    private readonly scenarioImport: ScenarioImport,
    private readonly importer: ScenarioImporter,
    private readonly jobRequests: JobRequestsRepository,
    private readonly requestedWork: RequestedWorkService,
    private readonly outbox: OutboxRepository,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Checks the file now (so that a bad file or a known tender is refused at once), then records
   * the request and its job; the worker writes the bid.
   */
  async request(
    file: unknown,
    networkId: string,
    actor: Actor,
  ): Promise<{ jobId: string; statusUrl: string }> {
    // Checked before the transaction: a large file's check holds no connection meanwhile.
    await this.scenarioImport.check(file, networkId);
    const id = await this.record(JSON.stringify(file), networkId, actor);
    return { jobId: id, statusUrl: `/api/jobs/${id}` };
  }

  /**
   * The worker imports the file: a request already imported gives its result again; the bid's
   * writing and the request's end commit together (ScenarioImporter), so a worker dying
   * midway leaves nothing and the retry starts over. A refused file fails the request for good.
   */
  async run(importId: string, onProgress: ProgressReporter): Promise<ImportedBid> {
    const request = await this.requestedWork.start(importId, 'SCENARIO_IMPORT');
    if (!request) throw new RequestedWorkRefused(`scenario import ${importId} does not exist`);
    if (request.status === 'DONE' && request.result) return request.result;
    const { source } = request.parameters;
    if (request.status === 'FAILED' || source === undefined) {
      throw new RequestedWorkRefused(request.failure?.message ?? 'scenario import already failed');
    }
    const actor = { userId: request.requestedBy, label: 'worker', requestId: request.requestId };
    try {
      return await this.importer.import(JSON.parse(source), {
        importId,
        networkId: request.networkId,
        actor,
        onProgress,
      });
    } catch (error) {
      if (!isDomainError(error)) throw error; // infrastructure: retried with backoff
      await this.requestedWork.markRefused(importId, error, actor);
      throw new RequestedWorkRefused(error.message);
    }
  }

  @Transactional()
  private async record(source: string, networkId: string, actor: Actor): Promise<string> {
    const id = randomUUID();
    const sourceBytes = Buffer.byteLength(source);
    await this.jobRequests.insert({
      id,
      kind: 'SCENARIO_IMPORT',
      bidId: null,
      networkId,
      parameters: { source, sourceBytes },
      requestedBy: actor.userId,
      requestId: actor.requestId,
    });
    await this.outbox.add(jobMessage(JobName.SCENARIOS_IMPORT, id, { importId: id }));
    await this.audit.append(actor, {
      action: 'scenario.import_requested',
      entityType: 'job_request',
      entityId: id,
      after: { networkId, sourceBytes },
    });
    return id;
  }
}
