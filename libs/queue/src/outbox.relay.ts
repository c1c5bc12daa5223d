import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { type ConfigOf, InjectConfig, workerConfig } from '@cordage/config';
import { type OutboxMessage, OutboxRepository } from '@cordage/persistence';
import { QueueRegistry } from './queue-registry';

/**
 * Moves outbox rows to BullMQ. jobId = outbox id, so a message published twice (a relay that
 * died between enqueueing and marking) is still one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly queues: QueueRegistry,
    @InjectConfig(workerConfig) private readonly config: ConfigOf<typeof workerConfig>,
  ) {}

  /** Publishes everything pending now; returns how many messages went out. */
  async relayPending(): Promise<number> {
    let total = 0;
    for (;;) {
      const count = await this.outbox.relayBatch((messages) => this.publish(messages));
      total += count;
      if (count === 0) return total;
    }
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

  private async publish(messages: OutboxMessage[]): Promise<void> {
    for (const message of messages) {
      const delay = message.deliverAt ? message.deliverAt.getTime() - Date.now() : 0;
      await this.queues.get(message.queueName).add(message.jobName, message.payload, {
        jobId: message.jobId ?? message.id,
        ...(delay > 0 && { delay }),
      });
    }
  }
}
