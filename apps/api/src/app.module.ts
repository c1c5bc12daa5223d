import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import {
  AppConfigModule,
  type ConfigOf,
  LoggingModule,
  authConfig,
  databaseConfig,
  documentsConfig,
  httpConfig,
  logConfig,
  mailConfig,
  publicUrlConfig,
  redisConfig,
  signingConfig,
  workerConfig,
} from '@cordage/config';
import { ApplicationModule } from '@cordage/application';
import { PersistenceModule } from '@cordage/persistence';
import { AccessGuard } from './access/access.guard';
import { AdminModule } from './admin/admin.module';
import { AllocationsModule } from './allocations/allocations.module';
import { AuthModule } from './auth/auth.module';
import { BidsModule } from './bids/bids.module';
import { ContractModule } from './contract/contract.module';
import { RenewalsModule } from './renewals/renewals.module';
import { DirectoryModule } from './directory/directory.module';
import { DomainExceptionFilter } from './common/domain-exception.filter';
import { RequestValidationPipe } from './common/request-validation.pipe';
import { DocumentsModule } from './documents/documents.module';
import { HealthModule } from './health/health.module';
import { JobsModule } from './jobs/jobs.module';
import { SlidingWindowStorage } from './common/sliding-window-storage';
import { MembersModule } from './members/members.module';
import { SubcontractingModule } from './subcontracting/subcontracting.module';
import { RepresentationsModule } from './representations/representations.module';
import { ScenariosModule } from './scenarios/scenarios.module';
import { SignaturesModule } from './signatures/signatures.module';
import { TerritoriesModule } from './territories/territories.module';
import { WorkflowModule } from './workflow/workflow.module';

/**
 * The configuration slices the api validates (before the app is built, see main.ts) and the only
 * ones its classes may inject.
 */
export const API_CONFIG = [
  databaseConfig,
  redisConfig,
  httpConfig,
  authConfig,
  publicUrlConfig,
  mailConfig,
  logConfig,
  workerConfig,
  documentsConfig,
  signingConfig,
] as const;

@Module({
  imports: [
    AppConfigModule.forRoot(...API_CONFIG),
    LoggingModule,
    ThrottlerModule.forRootAsync({
      inject: [httpConfig.token],
      useFactory: (config: ConfigOf<typeof httpConfig>) => ({
        throttlers: [{ ttl: 60_000, limit: config.RATE_LIMIT_PER_MINUTE }],
        storage: new SlidingWindowStorage(),
      }),
    }),
    PersistenceModule,
    // The guard's reads (who is signed in, what a route names) are application queries.
    ApplicationModule,
    HealthModule,
    AuthModule,
    ScenariosModule,
    JobsModule,
    BidsModule,
    ContractModule,
    RenewalsModule,
    MembersModule,
    SubcontractingModule,
    DirectoryModule,
    RepresentationsModule,
    AllocationsModule,
    DocumentsModule,
    TerritoriesModule,
    SignaturesModule,
    WorkflowModule,
    AdminModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: RequestValidationPipe },
    { provide: APP_FILTER, useClass: DomainExceptionFilter },
    // In this order: shed floods first, then decide who may do what.
    { provide: APP_GUARD, useClass: ThrottlerGuard },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
})
export class AppModule {}
