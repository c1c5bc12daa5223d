import { Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger } from '@nestjs/common';
import type { Job } from 'bullmq';
import { required } from '@cordage/domain';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';
import { DeadlinesRunner } from './deadlines-runner';

@Processor(QueueName.WORKFLOW, workerOptions())
export class WorkflowProcessor extends WorkerHost {
  private readonly logger = new Logger(WorkflowProcessor.name);

  constructor(private readonly deadlines: DeadlinesRunner) {
    super();
  }

  async process(job: Job): Promise<unknown> {
    const name = job.name as JobOfQueue<QueueName.WORKFLOW>;
    // BullMQ gives every job an id when it is added: one being processed always has it.
    const jobId = required(job.id, 'the id of a job being processed');
    switch (name) {
      case JobName.WORKFLOW_CLOSE_CAPACITY_CALL: {
        const { bidId, deadline } = parseJobPayload(name, job.data);
        return this.deadlines.closeCapacityCall(jobId, bidId, new Date(deadline));
      }
      case JobName.WORKFLOW_REMIND: {
        const { bidId, kind, deadline } = parseJobPayload(name, job.data);
        const sent = await this.deadlines.remind(jobId, bidId, kind, new Date(deadline));
        this.logger.log({ jobId, bidId, kind, sent }, 'reminders');
        return { sent };
      }
    }
  }
}
