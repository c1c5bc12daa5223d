import { Module } from '@nestjs/common';
import { PersistenceModule } from '@cordage/persistence';
import { HttpQueueModule, QueueModule } from '@cordage/queue';
import { JobReconciler } from './job-reconciler.service';
import { JobStatusService } from './job-status.service';
import { OutboxRelay } from './outbox-relay.service';

/**
 * The worker's side of the outbox: the relay publishes what the use cases left in it, the
 * reconciler enqueues again what Redis lost. Both read Postgres and write to the queues.
 */
@Module({
  imports: [PersistenceModule, QueueModule],
  providers: [OutboxRelay, JobReconciler],
  exports: [OutboxRelay, JobReconciler],
})
export class OutboxRelayModule {}

/** The api's side: a job's progress, from its outbox row and the queue's job. */
@Module({
  imports: [PersistenceModule, HttpQueueModule],
  providers: [JobStatusService],
  exports: [JobStatusService],
})
export class JobStatusModule {}
