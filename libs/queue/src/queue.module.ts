import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { type ConfigOf, redisConfig } from '@cordage/config';
import { JobQueue } from './job-queue';
import { QueueRegistry } from './queue-registry';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue-names';

const queues = Object.values(QueueName).map((name) =>
  BullModule.registerQueue({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
);

/**
 * BullMQ on the configured Redis for the worker (it waits for Redis, as BullMQ workers must), every
 * queue registered, and the job queue the relay and the reconciler enqueue through.
 */
@Module({
  imports: [
    BullModule.forRootAsync({
      inject: [redisConfig.token],
      useFactory: (config: ConfigOf<typeof redisConfig>) => ({
        connection: { url: config.REDIS_URL, maxRetriesPerRequest: null },
        prefix: config.QUEUE_PREFIX,
      }),
    }),
    ...queues,
  ],
  providers: [JobQueue, QueueRegistry],
  exports: [...queues, JobQueue, QueueRegistry],
})
export class QueueModule {}
