import { BullModule } from '@nestjs/bullmq';
import { Module } from '@nestjs/common';
import { APP_CONFIG, type RedisEnv } from '@cordage/config';
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
      inject: [APP_CONFIG],
      useFactory: (config: RedisEnv) => ({
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
