import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { type AllocationRunOutcome, RequestedWorkRefused } from '@cordage/application';
import { isDomainError } from '@cordage/domain';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { failRefusalsForGood } from '../final-refusal';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';
import { AllocationRunner } from './allocation-runner';
import { ReplanRunner } from './replan-runner';

@Processor(QueueName.ALLOCATIONS, workerOptions())
export class AllocationsProcessor extends WorkerHost {
  constructor(
    private readonly runner: AllocationRunner,
    private readonly replans: ReplanRunner,
  ) {
    super();
  }

  async process(job: Job): Promise<AllocationRunOutcome | { number: number }> {
    const name = job.name as JobOfQueue<QueueName.ALLOCATIONS>;
    switch (name) {
      case JobName.ALLOCATION_RUN: {
        const { runId } = parseJobPayload(name, job.data);
        return failRefusalsForGood(
          () => this.runner.run(runId, (percent, step) => job.updateProgress({ percent, step })),
          // Refused data or an unknown run.
          (error) => error instanceof RequestedWorkRefused || isDomainError(error),
        );
      }
      case JobName.CONTRACT_REPLAN: {
        const { replanId } = parseJobPayload(name, job.data);
        return failRefusalsForGood(
          () =>
            this.replans.run(replanId, (percent, step) => job.updateProgress({ percent, step })),
          (error) => error instanceof RequestedWorkRefused || isDomainError(error),
        );
      }
    }
  }
}
