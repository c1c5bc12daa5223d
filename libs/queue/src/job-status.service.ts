import { Injectable } from '@nestjs/common';
import type { JobState } from 'bullmq';
import { OutboxRepository } from '@cordage/persistence';
import { QueueRegistry } from './queue-registry';

export interface JobStatus {
  id: string;
  queue: string;
  name: string;
  /** `pending`: accepted, not yet handed to the queue. Then BullMQ's states. */
  state: 'pending' | JobState | 'unknown';
  progress: number;
  step: string | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  result: unknown;
  failedReason: string | null;
}

/** How long the queue's part of a status may take: a request answers, Redis or not. */
export const JOB_STATUS_REDIS_DEADLINE_MS = 1_500;

/** Redis did not answer a status read in time (down, or never reached since start-up). */
export class QueueUnavailableError extends Error {
  constructor() {
    super(`Redis did not answer the job status read in ${JOB_STATUS_REDIS_DEADLINE_MS} ms`);
    this.name = 'QueueUnavailableError';
  }
}

/** Job progress as the api reports it, from the outbox row and the BullMQ job it became. */
@Injectable()
export class JobStatusService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queues: QueueRegistry,
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
    const queue = this.queues.get(message.queueName);
    // State first, then the job: read the other way round, a job that completes in between shows
    // as completed with the result it did not have yet.
    const [state, job] = message.publishedAt
      ? await withinDeadline(
          (async () => [await queue.getJobState(id), await queue.getJob(id)] as const)(),
        )
      : (['unknown', null] as const);
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
    const progress = job.progress as number | { percent?: number; step?: string };
    return {
      ...base,
      state,
      progress: typeof progress === 'number' ? progress : (progress.percent ?? 0),
      step: typeof progress === 'object' ? (progress.step ?? null) : null,
      attempts: job.attemptsMade,
      finishedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
      result: job.returnvalue ?? null,
      failedReason: job.failedReason ?? null,
    };
  }
}

/**
 * A queue that has not connected yet waits for Redis however its connection is set up (BullMQ
 * awaits its first "ready"): the deadline bounds that wait too.
 */
async function withinDeadline<T>(read: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError()), JOB_STATUS_REDIS_DEADLINE_MS);
  });
  try {
    return await Promise.race([read, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
