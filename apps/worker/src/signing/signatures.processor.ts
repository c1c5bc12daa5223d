import { Processor, WorkerHost } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
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
        try {
          await job.updateProgress({ percent: 10, step: 'signing' });
          const outcome = await this.runner.run(requestId);
          await job.updateProgress({ percent: 100, step: 'done' });
          return outcome;
        } catch (error) {
          if (error instanceof SigningRefused) throw new UnrecoverableError(error.message);
          throw error;
        }
      }
    }
  }
}
