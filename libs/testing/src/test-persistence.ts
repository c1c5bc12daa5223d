import type { INestApplicationContext, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfigModule, databaseEnv } from '@cordage/config';
import { PersistenceModule } from '@cordage/persistence';

/**
 * The repositories and the unit of work on the jest project's database, as a process wires them:
 * for integration tests of repositories and use cases without HTTP. `providers` and `imports` add
 * the use cases under test.
 */
export async function openTestPersistence(
  metadata: Pick<ModuleMetadata, 'imports' | 'providers'> & {
    /** The configuration the use cases under test read besides the database's. */
    env?: Parameters<typeof AppConfigModule.forRoot>;
  } = {},
): Promise<{ context: INestApplicationContext; dataSource: DataSource }> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      AppConfigModule.forRoot(databaseEnv, ...(metadata.env ?? [])),
      PersistenceModule,
      ...(metadata.imports ?? []),
    ],
    providers: metadata.providers ?? [],
  }).compile();
  const context = await moduleRef.init();
  return { context, dataSource: context.get<DataSource>(getDataSourceToken()) };
}
