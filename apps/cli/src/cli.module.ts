import { Module } from '@nestjs/common';
import { AppConfigModule, databaseEnv } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';

/** What the command line needs: the database, no Redis, no HTTP. */
@Module({ imports: [AppConfigModule.forRoot(databaseEnv), PersistenceModule] })
export class CliModule {}
