import { Injectable } from '@nestjs/common';
import { OutboxRepository } from '@cordage/persistence';
import { JobQueue, type QueuedJobState } from '@cordage/queue';

export interface JobStatus {
  id: string;
  queue: string;
  name: string;
  /** `pending`: accepted, not yet handed to the queue. Then the queue's states. */
  state: 'pending' | QueuedJobState['state'];
  progress: number;
  step: string | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  result: unknown;
  failedReason: string | null;
}

/** Job progress as the api reports it, from the outbox row and the BullMQ job it became. */
@Injectable()
export class JobStatusService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: JobQueue,
  ) {}

  async find(id: string): Promise<JobStatus | null> {
    const message = await this.outbox.findById(id);
    if (!message) return null;
    const base = {
      id,
      queue: message.queueName,
      name: message.jobName,
      createdAt: message.createdAt.toISOString(),
    };
    // Redis is read only once the job was handed to it, within a deadline: QueueUnavailableError
    // when it does not answer.
    const job = message.publishedAt ? await this.queue.inspect(message.queueName, id) : null;
    if (!job) {
      return {
        ...base,
        state: message.publishedAt ? 'unknown' : 'pending',
        progress: 0,
        step: null,
        attempts: 0,
        finishedAt: null,
        result: null,
        failedReason: null,
      };
    }
    return { ...base, ...job };
  }
}
