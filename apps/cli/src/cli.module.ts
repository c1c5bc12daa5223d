import { Module } from '@nestjs/common';
import { AppConfigModule, databaseEnv } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';

/** The environment the command line needs: the database, no Redis, no HTTP. */
export const CLI_ENV = [databaseEnv] as const;

@Module({ imports: [AppConfigModule.forRoot(...CLI_ENV), PersistenceModule] })
export class CliModule {}
