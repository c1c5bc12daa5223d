import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JobName, type JobOfQueue, QueueName } from '@cordage/queue';
import { parseJobPayload } from '../parse-job-payload';
import { workerOptions } from '../worker-options';
import { MailDelivery } from './mail-delivery';

@Processor(QueueName.MAIL, workerOptions())
export class MailProcessor extends WorkerHost {
  constructor(private readonly delivery: MailDelivery) {
    super();
  }

  async process(job: Job): Promise<{ sent: boolean }> {
    const name = job.name as JobOfQueue<QueueName.MAIL>;
    switch (name) {
      case JobName.MAIL_SEND: {
        const { mailId } = parseJobPayload(name, job.data);
        return { sent: await this.delivery.deliver(mailId) };
      }
    }
  }
}
