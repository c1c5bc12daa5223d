import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type ConfigOf, redisConfig } from '@cordage/config';
import { JobQueue } from './job-queue';
import { QueueRegistry } from './queue-registry';
import { QueueName } from './queue-names';

/** How long one Redis command of an HTTP request may take, and a connection attempt. */
const REDIS_TIMEOUT_MS = 1_000;

/**
 * The api's Redis connection: its commands time out (one retry, a command timeout, which ioredis
 * applies to queued commands too) so that a request gets an answer instead of waiting for Redis.
 * BullMQ reads Redis's version once per connection (INFO) and keeps that promise for good: under
 * the command timeout, one slow answer at start-up (a busy machine) would fail every later command
 * of the queue with "Command timed out", Redis healthy or not. The worker's connections, which
 * wait, check the version.
 */
export function httpRedisConnection(url: string) {
  return {
    url,
    maxRetriesPerRequest: 1,
    commandTimeout: REDIS_TIMEOUT_MS,
    connectTimeout: REDIS_TIMEOUT_MS,
    skipVersionCheck: true,
  };
}

/**
 * The queues for an HTTP process (the api), which only reads job states. Its commands time out while
 * Redis is away (one retry, a command timeout, which ioredis applies to queued commands too) so
 * that a request gets an answer instead of waiting for Redis to return; the worker's QueueModule
 * waits, as BullMQ workers must. The offline queue stays on: without it, closing the app while
 * Redis is away fails (BullMQ's QUIT is refused instead of being answered locally).
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.token],
      useFactory: (config: ConfigOf<typeof redisConfig>) => ({
        connection: httpRedisConnection(config.REDIS_URL),
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [
    JobQueue,
    QueueRegistry,
    {
      // As soon as each queue exists (it connects at once): a queue emits its connection's
      // errors, and unheard they are printed to stderr one by one while Redis is away.
      provide: 'JOB_STATUS_QUEUE_ERRORS',
      inject: Object.values(QueueName).map((name) => getQueueToken(name)),
      useFactory: (...queues: Queue[]) => {
        const logger = new Logger(HttpQueueModule.name);
        for (const queue of queues) {
          queue.on('error', (error: Error) => logger.warn(`queue ${queue.name}: ${error.message}`));
        }
        return queues.length;
      },
    },
  ],
  exports: [JobQueue],
})
export class HttpQueueModule {}
