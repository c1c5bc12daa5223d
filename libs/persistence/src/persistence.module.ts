import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClsModule } from 'nestjs-cls';
import { type ConfigOf, databaseConfig } from '@cordage/config';
import { ScenarioImport } from '@cordage/domain';
import { BidEventsListener } from './bid-events.listener';
import { dataSourceOptions } from './data-source-options';
import { AccessRepository } from './repositories/access.repository';
import { AllocationsRepository } from './repositories/allocations.repository';
import { AuditLogRepository } from './repositories/audit-log.repository';
import { AuthRepository } from './repositories/auth.repository';
import { BidEventsRepository } from './repositories/bid-events.repository';
import { BidLockRepository } from './repositories/bid-lock.repository';
import { BidReadRepository } from './repositories/bid-read.repository';
import { BidViewCache } from './repositories/bid-view.cache';
import { BidScenarioRepository } from './repositories/bid-scenario.repository';
import { BidSettingsRepository } from './repositories/bid-settings.repository';
import { BidWorkflowRepository } from './repositories/bid-workflow.repository';
import { ChangeRequestsRepository } from './repositories/change-requests.repository';
import { CorrigendaRepository } from './repositories/corrigenda.repository';
import { ChartersRepository } from './repositories/charters.repository';
import { ContractRepository } from './repositories/contract.repository';
import { ContractReportsRepository } from './repositories/contract-reports.repository';
import { DirectoryRepository } from './repositories/directory.repository';
import { DocumentsRepository } from './repositories/documents.repository';
import { JobRecoveryRepository } from './repositories/job-recovery.repository';
import { JobRequestsRepository } from './repositories/job-requests.repository';
import { MembersRepository } from './repositories/members.repository';
import { MailLogRepository } from './repositories/mail-log.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { OutgoingMailsRepository } from './repositories/outgoing-mails.repository';
import { OrdersRepository } from './repositories/orders.repository';
import { RealisedFiguresRepository } from './repositories/realised-figures.repository';
import { ReplansRepository } from './repositories/replans.repository';
import { RenewalsRepository } from './repositories/renewals.repository';
import { ReplanChangesRepository } from './repositories/replan-changes.repository';
import { RepresentationsRepository } from './repositories/representations.repository';
import { SigningRepository } from './repositories/signing.repository';
import { SubcontractingRepository } from './repositories/subcontracting.repository';
import { TypeOrmScenarioStore } from './repositories/scenario.store';
import { TerritoryRepository } from './repositories/territory.repository';
import { unitOfWorkPlugin } from './unit-of-work';

const REPOSITORIES = [
  AccessRepository,
  AllocationsRepository,
  AuditLogRepository,
  AuthRepository,
  BidEventsRepository,
  BidLockRepository,
  BidReadRepository,
  BidViewCache,
  BidScenarioRepository,
  BidSettingsRepository,
  BidWorkflowRepository,
  ChangeRequestsRepository,
  CorrigendaRepository,
  ChartersRepository,
  ContractRepository,
  ContractReportsRepository,
  DirectoryRepository,
  DocumentsRepository,
  JobRecoveryRepository,
  JobRequestsRepository,
  MailLogRepository,
  MembersRepository,
  OutboxRepository,
  OutgoingMailsRepository,
  OrdersRepository,
  RealisedFiguresRepository,
  ReplansRepository,
  RenewalsRepository,
  ReplanChangesRepository,
  RepresentationsRepository,
  SigningRepository,
  SubcontractingRepository,
  TerritoryRepository,
  TypeOrmScenarioStore,
];

/**
 * The database for a process: one DataSource (the migration CLI's options), the repositories, and
 * the use cases wired to them.
 */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [databaseConfig.token],
      // Fail fast: a process that cannot reach its database says so at once and exits.
      useFactory: (config: ConfigOf<typeof databaseConfig>) => ({
        ...dataSourceOptions(config),
        retryAttempts: 0,
      }),
    }),
    // The async context that carries a use case's transaction to every repository it calls.
    ClsModule.forRoot({ global: true, plugins: [unitOfWorkPlugin()] }),
  ],
  providers: [
    ...REPOSITORIES,
    // Connects only when a page first subscribes: the worker and the cli never open it.
    BidEventsListener,
    {
      provide: ScenarioImport,
      inject: [TerritoryRepository, TypeOrmScenarioStore],
      useFactory: (territories: TerritoryRepository, store: TypeOrmScenarioStore) =>
        new ScenarioImport(territories, store),
    },
  ],
  exports: [...REPOSITORIES, BidEventsListener, ScenarioImport],
})
export class PersistenceModule {}
