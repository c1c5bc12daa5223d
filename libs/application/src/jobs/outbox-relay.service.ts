import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigOf, InjectConfig, workerConfig } from '@cordage/config';
import { OutboxRepository, Transactional } from '@cordage/persistence';
import { JobQueue } from '@cordage/queue';

type BatchOutcome = { published: number } | { published: 0; error: unknown };

/**
 * Moves outbox rows to the queues. jobId = outbox id (or the message's own), so a message
 * published twice (a relay that died between enqueueing and marking) is still one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queue: JobQueue,
    @InjectConfig(workerConfig) private readonly config: ConfigOf<typeof workerConfig>,
  ) {}

  /** Publishes everything pending now; returns how many messages went out. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.relayBatch();
      total += count;
      if (count === 0) return total;
    }
  }

  /**
   * Publishes one batch and marks it published; a failed publication is recorded (committed: the
   * failure is the information) and then thrown.
   */
  async relayBatch(batchSize = 100): Promise<number> {
    const outcome = await this.publishBatch(batchSize);
    if ('error' in outcome) throw outcome.error;
    return outcome.published;
  }

  start(): void {
    const tick = () => {
      this.running = this.relayPending()
        .then(() => undefined)
        .catch((error: unknown) =>
          this.logger.error({ err: error }, 'outbox relay failed; will retry'),
        )
        .finally(() => {
          if (this.timer) this.timer = setTimeout(tick, this.config.OUTBOX_POLL_MS);
        });
    };
    this.timer = setTimeout(tick, 0);
  }

  async onApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /**
   * One unit of work: the batch stays locked while it is published, so two relays never publish
   * the same message at once; a relay that dies before committing leaves it to the next, and the
   * queue's job id dedupes the replay.
   */
  @Transactional()
  private async publishBatch(batchSize: number): Promise<BatchOutcome> {
    const messages = await this.outbox.lockUnpublished(batchSize);
    if (messages.length === 0) return { published: 0 };
    const ids = messages.map((message) => message.id);
    try {
      for (const message of messages) {
        await this.queue.enqueue({
          queueName: message.queueName,
          jobName: message.jobName,
          payload: message.payload,
          jobId: message.jobId ?? message.id,
          deliverAt: message.deliverAt,
        });
      }
    } catch (error) {
      await this.outbox.recordFailure(ids, error instanceof Error ? error.message : String(error));
      return { published: 0, error };
    }
    await this.outbox.markPublished(ids);
    return { published: messages.length };
  }
}
