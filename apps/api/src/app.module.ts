import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ZodValidationPipe } from 'nestjs-zod';
import {
  AppConfigModule,
  LoggingModule,
  databaseEnv,
  httpEnv,
  logEnv,
  redisEnv,
  workerEnv,
} from '@cordage/config';
import { BidsModule } from './bids/bids.module';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { ScenariosModule } from './scenarios/scenarios.module';

/** The environment the api needs, validated before the app is built (see main.ts). */
export const API_ENV = [databaseEnv, redisEnv, httpEnv, logEnv, workerEnv] as const;

@Module({
  imports: [
    AppConfigModule.forRoot(...API_ENV),
    LoggingModule,
    HealthModule,
    ScenariosModule,
    JobsModule,
    BidsModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: ZodValidationPipe },
    { provide: APP_FILTER, useClass: DomainExceptionFilter },
  ],
})
export class AppModule {}
