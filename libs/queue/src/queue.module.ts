import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { type ConfigOf, redisConfig } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';
import { JobReconciler } from './job-reconciler';
import { JobStatusService } from './job-status.service';
import { OutboxRelay } from './outbox.relay';
import { QueueRegistry } from './queue-registry';
import { DEFAULT_JOB_OPTIONS, QueueName } from './queue-names';

const queues = Object.values(QueueName).map((name) =>
  BullModule.registerQueue({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS }),
);

/** BullMQ on the configured Redis, every queue registered, the outbox relay and reconciler. */
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
    PersistenceModule,
  ],
  providers: [OutboxRelay, JobReconciler, JobStatusService, QueueRegistry],
  exports: [...queues, OutboxRelay, JobReconciler, JobStatusService, QueueRegistry],
})
export class QueueModule {}
