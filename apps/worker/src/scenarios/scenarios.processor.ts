import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import { type Job, UnrecoverableError } from 'bullmq';
import { type ImportedBid, ScenarioImport, isDomainError } from '@cordage/domain';
import { ScenarioImportRepository } from '@cordage/persistence';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';

@Processor(QueueName.SCENARIOS, workerOptions())
export class ScenariosProcessor extends WorkerHost {
  private readonly logger = new Logger(ScenariosProcessor.name);

  constructor(
    private readonly scenarioImport: ScenarioImport,
    private readonly imports: ScenarioImportRepository,
  ) {
    super();
  }

  async process(job: Job): Promise<ImportedBid> {
    const name = job.name as JobOfQueue<QueueName.SCENARIOS>;
    switch (name) {
      case JobName.SCENARIOS_IMPORT:
        return this.importScenario(parseJobPayload(name, job.data).importId, job);
    }
  }

  /**
   * Idempotent: a request already imported returns its result; the write and the request's
   * DONE mark commit together, so a worker dying midway leaves nothing and the retry starts over.
   */
  private async importScenario(importId: string, job: Job): Promise<ImportedBid> {
    const request = await this.imports.findById(importId);
    if (!request) throw new UnrecoverableError(`scenario import ${importId} does not exist`);
    if (request.status === 'DONE' && request.result) return request.result;
    if (request.status === 'FAILED' || request.source === null) {
      throw new UnrecoverableError(request.failure?.message ?? 'scenario import already failed');
    }
    try {
      const imported = await this.scenarioImport.run(JSON.parse(request.source), {
        importId,
        networkId: request.networkId,
        actor: { userId: request.requestedBy, label: 'worker', requestId: request.requestId },
        onProgress: (percent, step) => job.updateProgress({ percent, step }),
      });
      this.logger.log(
        { importId, bidId: imported.bidId, counts: imported.counts },
        'scenario imported',
      );
      return imported;
    } catch (error) {
      if (!isDomainError(error)) throw error; // infrastructure: retried with backoff
      await this.imports.markFailed(importId, {
        code: error.code,
        message: error.message,
        problems: [...error.problems],
      });
      throw new UnrecoverableError(error.message);
    }
  }
}
