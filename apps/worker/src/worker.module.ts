import { Module } from '@nestjs/common';
import { AppConfigModule, LoggingModule } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';
import { QueueModule } from '@cordage/queue';
import { ScenariosProcessor } from './scenarios/scenarios.processor';
import { WORKER_ENV } from './worker-env';

/** BullMQ processors and the outbox relay; no HTTP server. */
@Module({
  imports: [AppConfigModule.forRoot(...WORKER_ENV), LoggingModule, PersistenceModule, QueueModule],
  providers: [ScenariosProcessor],
})
export class WorkerModule {}
