import { Inject, Injectable, Optional } from '@nestjs/common';
import type { JobState } from 'bullmq';
import { QueueRegistry } from './queue-registry';

/** A job to put in a queue, under a deterministic id: the same id added twice is one job. */
export interface QueuedJob {
  queueName: string;
  jobName: string;
  payload: Record<string, unknown>;
  jobId: string;
  /** Run the job at this time rather than now (a deadline, a reminder). */
  deliverAt?: Date | null;
}

/** What the queue knows of a job. */
export interface QueuedJobState {
  state: JobState | 'unknown';
  progress: number;
  step: string | null;
  attempts: number;
  finishedAt: string | null;
  result: unknown;
  failedReason: string | null;
}

/** The token of how long a job's state read may take: a request answers, Redis or not. */
export const JOB_STATUS_DEADLINE_MS = Symbol('JOB_STATUS_DEADLINE_MS');
const DEFAULT_JOB_STATUS_DEADLINE_MS = 1_500;

/** Redis did not answer a status read in time (down, or never reached since start-up). */
export class QueueUnavailableError extends Error {
  constructor(deadlineMs = DEFAULT_JOB_STATUS_DEADLINE_MS) {
    super(`Redis did not answer the job status read in ${deadlineMs} ms`);
    this.name = 'QueueUnavailableError';
  }
}

/** The queues as the application sees them: add a job, ask whether one is held, read its state. */
@Injectable()
export class JobQueue {
  constructor(
    private readonly queues: QueueRegistry,
    @Optional()
    @Inject(JOB_STATUS_DEADLINE_MS)
    private readonly statusDeadlineMs: number = DEFAULT_JOB_STATUS_DEADLINE_MS,
  ) {}

  async enqueue(job: QueuedJob): Promise<void> {
    const delay = job.deliverAt ? job.deliverAt.getTime() - Date.now() : 0;
    // Two relays or reconcilers adding the same id make one job: BullMQ keeps the first.
    await this.queues.get(job.queueName).add(job.jobName, job.payload, {
      jobId: job.jobId,
      ...(delay > 0 && { delay }),
    });
  }

  async holds(queueName: string, jobId: string): Promise<boolean> {
    return (await this.queues.get(queueName).getJob(jobId)) !== undefined;
  }

  /**
   * The job's state, or null when Redis holds no such job. Bounded by a deadline: throws
   * QueueUnavailableError when Redis does not answer in time.
   */
  async inspect(queueName: string, jobId: string): Promise<QueuedJobState | null> {
    const queue = this.queues.get(queueName);
    // State first, then the job: read the other way round, a job that completes in between shows
    // as completed with the result it did not have yet.
    const [state, job] = await withinDeadline(
      (async () => [await queue.getJobState(jobId), await queue.getJob(jobId)] as const)(),
      this.statusDeadlineMs,
    );
    if (!job) return null;
    const progress = job.progress as number | { percent?: number; step?: string };
    return {
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
async function withinDeadline<T>(read: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnavailableError(deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([read, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
