import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { failRefusalsForGood } from '../final-refusal';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';
import { SigningRefused, type SigningOutcome, SigningRunner } from './signing-runner';

@Processor(QueueName.SIGNATURES, workerOptions())
export class SignaturesProcessor extends WorkerHost {
  constructor(private readonly runner: SigningRunner) {
    super();
  }

  async process(job: Job): Promise<SigningOutcome> {
    const name = job.name as JobOfQueue<QueueName.SIGNATURES>;
    switch (name) {
      case JobName.DOCUMENTS_SIGN: {
        const { requestId } = parseJobPayload(name, job.data);
        return failRefusalsForGood(
          async () => {
            await job.updateProgress({ percent: 10, step: 'signing' });
            const outcome = await this.runner.run(requestId);
            await job.updateProgress({ percent: 100, step: 'done' });
            return outcome;
          },
          (error) => error instanceof SigningRefused,
        );
      }
    }
  }
}
