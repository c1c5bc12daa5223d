import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigOf, InjectConfig, workerConfig } from '@cordage/config';
import {
  JobRecoveryRepository,
  JobRequestsRepository,
  OutgoingMailsRepository,
} from '@cordage/persistence';
import { JobName, JobQueue } from '@cordage/queue';

export interface ReconcileOutcome {
  /** Work Postgres says is still to do. */
  outstanding: number;
  /** Of which Redis had no job: enqueued again, under the same job id. */
  requeued: string[];
}

/**
 * Postgres is the truth, Redis can forget (a restart without persistence loses every job). On
 * start and then periodically, the work Postgres says is still to do is compared with the jobs
 * Redis holds, and what is missing is enqueued again with the same deterministic job id: a job
 * still there is left alone, and the processors' effects are guarded by the database, so a job
 * enqueued again runs its effect at most once.
 */
@Injectable()
export class JobReconciler implements OnApplicationShutdown {
  private readonly logger = new Logger(JobReconciler.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly requests: JobRequestsRepository,
    private readonly recovery: JobRecoveryRepository,
    private readonly mails: OutgoingMailsRepository,
    private readonly queue: JobQueue,
    @InjectConfig(workerConfig) private readonly config: ConfigOf<typeof workerConfig>,
  ) {}

  async reconcile(): Promise<ReconcileOutcome> {
    const outstanding = [
      ...(await this.requests.waitingJobs()),
      ...(await this.mails.waitingJobs()),
      ...(await this.recovery.dueDeadlineJobs({
        closeCapacityCall: JobName.WORKFLOW_CLOSE_CAPACITY_CALL,
        remind: JobName.WORKFLOW_REMIND,
      })),
    ];
    const requeued: string[] = [];
    for (const message of outstanding) {
      if (await this.queue.holds(message.queueName, message.jobId)) continue;
      // Two reconcilers (two workers) adding the same id make one job.
      await this.queue.enqueue(message);
      requeued.push(message.jobId);
    }
    if (requeued.length > 0) {
      this.logger.warn({ requeued }, 'jobs missing from Redis enqueued again');
    }
    return { outstanding: outstanding.length, requeued };
  }

  start(): void {
    const tick = () => {
      this.running = this.reconcile()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'reconciliation failed; will retry'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.config.RECONCILE_INTERVAL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }
}
