import { BullModule } from '@nestjs/bullmq';
import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type RedisEnv } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';
import { JobStatusService } from './job-status.service';
import { QueueRegistry } from './queue-registry';
import { QueueName } from './queue-names';

/** How long one Redis command of an HTTP request may take, and a connection attempt. */
const REDIS_TIMEOUT_MS = 1_500;

/**
 * Job states for an HTTP process (the api), which only reads them. Its connections fail fast while
 * Redis is away (no offline queue, one retry, a command timeout) so that a request gets an answer
 * instead of waiting for Redis to return; the worker's QueueModule waits, as BullMQ workers must.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: RedisEnv) => ({
        connection: {
          url: config.REDIS_URL,
          maxRetriesPerRequest: 1,
          enableOfflineQueue: false,
          commandTimeout: REDIS_TIMEOUT_MS,
          connectTimeout: REDIS_TIMEOUT_MS,
        },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
    PersistenceModule,
  ],
  providers: [JobStatusService, QueueRegistry],
  exports: [JobStatusService],
})
export class JobStatusModule implements OnModuleInit {
  private readonly logger = new Logger(JobStatusModule.name);

  constructor(private readonly queues: QueueRegistry) {}

  /** A queue emits its connection's errors: unheard, an `error` event would end the process. */
  onModuleInit(): void {
    for (const name of Object.values(QueueName)) {
      this.queues.get(name).on('error', (error: Error) => {
        this.logger.warn(`queue ${name}: ${error.message}`);
      });
    }
  }
}
