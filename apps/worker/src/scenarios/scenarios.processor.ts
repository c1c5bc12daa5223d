import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { RequestedWorkRefused, ScenarioImportsService } from '@cordage/application';
import type { ImportedBid } from '@cordage/domain';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { failRefusalsForGood } from '../final-refusal';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';

@Processor(QueueName.SCENARIOS, workerOptions())
export class ScenariosProcessor extends WorkerHost {
  private readonly logger = new Logger(ScenariosProcessor.name);

  constructor(private readonly imports: ScenarioImportsService) {
    super();
  }

  async process(job: Job): Promise<ImportedBid> {
    const name = job.name as JobOfQueue<QueueName.SCENARIOS>;
    switch (name) {
      case JobName.SCENARIOS_IMPORT:
        return this.importScenario(parseJobPayload(name, job.data).importId, job);
    }
  }

  private async importScenario(importId: string, job: Job): Promise<ImportedBid> {
    const imported = await failRefusalsForGood(
      () => this.imports.run(importId, (percent, step) => job.updateProgress({ percent, step })),
      (error) => error instanceof RequestedWorkRefused,
    );
    this.logger.log(
      { importId, bidId: imported.bidId, counts: imported.counts },
      'scenario imported',
    );
    return imported;
  }
}
