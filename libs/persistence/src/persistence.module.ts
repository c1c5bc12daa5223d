import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { APP_CONFIG, type DatabaseEnv } from '@cordage/config';
import { dataSourceOptions } from './data-source-options';
import { BidReadRepository } from './repositories/bid-read.repository';
import { OutboxRepository } from './repositories/outbox.repository';
import { ScenarioImportRepository } from './repositories/scenario-import.repository';
import { TypeOrmScenarioStore } from './repositories/scenario.store';
import { TerritoryRepository } from './repositories/territory.repository';

const REPOSITORIES = [
  BidReadRepository,
  OutboxRepository,
  ScenarioImportRepository,
  TerritoryRepository,
  TypeOrmScenarioStore,
];

/** The database for a process: one DataSource (the migration CLI's options) and repositories. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: DatabaseEnv) => dataSourceOptions(config),
    }),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class PersistenceModule {}
