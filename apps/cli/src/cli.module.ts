import { Module } from '@nestjs/common';
import { AppConfigModule, authEnv, databaseEnv } from '@cordage/config';
import { ApplicationModule } from '@cordage/application';
import { PersistenceModule } from '@cordage/persistence';

/** The environment the command line needs: the database (and the public URL for links); no Redis. */
export const CLI_ENV = [databaseEnv, authEnv] as const;

@Module({ imports: [AppConfigModule.forRoot(...CLI_ENV), PersistenceModule, ApplicationModule] })
export class CliModule {}
