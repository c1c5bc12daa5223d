import { BullModule, getQueueToken } from '@nestjs/bullmq';
import { Logger, Module } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { type ConfigOf, httpConfig, redisConfig } from '@cordage/config';
import { JOB_STATUS_DEADLINE_MS, JobQueue } from './job-queue';
import { QueueRegistry } from './queue-registry';
import { QueueName } from './queue-names';

/**
 * The api's Redis connection: its commands time out (one retry, a command timeout, which ioredis
 * applies to queued commands too) so that a request gets an answer instead of waiting for Redis.
 * BullMQ reads Redis's version once per connection (INFO) and keeps that promise for good: under
 * the command timeout, one slow answer at start-up (a busy machine) would fail every later command
 * of the queue with "Command timed out", Redis healthy or not. The worker's connections, which
 * wait, check the version.
 */
export function httpRedisConnection(url: string, timeoutMs: number) {
  return {
    url,
    maxRetriesPerRequest: 1,
    commandTimeout: timeoutMs,
    connectTimeout: timeoutMs,
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
      inject: [redisConfig.token, httpConfig.token],
      useFactory: (redis: ConfigOf<typeof redisConfig>, http: ConfigOf<typeof httpConfig>) => ({
        connection: httpRedisConnection(redis.REDIS_URL, http.DEPENDENCY_TIMEOUT_MS),
        prefix: redis.QUEUE_PREFIX,
      }),
    }),
    ...Object.values(QueueName).map((name) => BullModule.registerQueue({ name })),
  ],
  providers: [
    JobQueue,
    QueueRegistry,
    {
      // A status read may also wait for the connection: half a timeout more than one command.
      provide: JOB_STATUS_DEADLINE_MS,
      inject: [httpConfig.token],
      useFactory: (http: ConfigOf<typeof httpConfig>) => http.DEPENDENCY_TIMEOUT_MS * 1.5,
    },
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
