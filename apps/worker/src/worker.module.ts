import { Module } from '@nestjs/common';
import {
  AppConfigModule,
  LoggingModule,
  databaseEnv,
  logEnv,
  redisEnv,
  workerEnv,
} from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';
import { QueueModule } from '@cordage/queue';
import { ScenariosProcessor } from './scenarios/scenarios.processor';

/** BullMQ processors and the outbox relay; no HTTP server. */
@Module({
  imports: [
    AppConfigModule.forRoot(databaseEnv, redisEnv, workerEnv, logEnv),
    LoggingModule,
    PersistenceModule,
    QueueModule,
  ],
  providers: [ScenariosProcessor],
})
export class WorkerModule {}
