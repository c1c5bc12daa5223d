import type { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApplicationModule } from '@cordage/application';
import {
  AppConfigModule,
  type ConfigSlice,
  databaseConfig,
  publicUrlConfig,
} from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';

/**
 * The repositories, the use cases and the unit of work on the jest project's database, as a
 * process wires them: for integration tests without HTTP. `providers` and `imports` add more.
 */
export async function openTestPersistence(
  metadata: Pick<ModuleMetadata, 'imports' | 'providers'> & {
    /** The configuration slices the code under test reads besides the database's. */
    config?: readonly ConfigSlice[];
  } = {},
): Promise<{ context: INestApplicationContext; dataSource: DataSource }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      // The use cases' links to the web app need PUBLIC_URL (its default here).
      AppConfigModule.forRoot(databaseConfig, publicUrlConfig, ...(metadata.config ?? [])),
      PersistenceModule,
      ApplicationModule,
      ...(metadata.imports ?? []),
    ],
    providers: metadata.providers ?? [],
  }).compile();
  const context = await moduleRef.init();
  return { context, dataSource: context.get<DataSource>(getDataSourceToken()) };
}
