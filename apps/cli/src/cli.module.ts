import { Module } from '@nestjs/common';
import { AppConfigModule, authConfig, databaseConfig, publicUrlConfig } from '@cordage/config';
import { ApplicationModule } from '@cordage/application';
import { PersistenceModule } from '@cordage/persistence';

/** The environment the command line needs: the database (and the public URL for links); no Redis. */
export const CLI_CONFIG = [databaseConfig, authConfig, publicUrlConfig] as const;

@Module({ imports: [AppConfigModule.forRoot(...CLI_CONFIG), PersistenceModule, ApplicationModule] })
export class CliModule {}
