import type { Abstract, INestApplicationContext, ModuleMetadata, Type } from '@nestjs/common';
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

export type TestPersistenceMetadata = Pick<ModuleMetadata, 'imports' | 'providers'> & {
  /** The configuration slices the code under test reads besides the database's. */
  config?: readonly ConfigSlice[];
};

/**
 * The repositories, the use cases and the unit of work on the jest project's database, as a
 * process wires them: for integration tests without HTTP. `providers` and `imports` add more.
 */
export async function openTestPersistence(
  metadata: TestPersistenceMetadata = {},
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

/** What testPersistence opens for a describe block. */
export interface TestPersistence {
  readonly context: INestApplicationContext;
  readonly dataSource: DataSource;
  /** The context's provider: a repository, a use case. */
  get<TInput = unknown, TResult = TInput>(token: Type<TInput> | Abstract<TInput>): TResult;
}

/**
 * openTestPersistence for one describe block: opened before its tests (beforeAll, before the
 * block's own beforeAll hooks) and closed after them. Read its parts once the tests run; reading
 * one before beforeAll has opened it throws. Clearing the data stays the block's choice.
 */
export function testPersistence(metadata: TestPersistenceMetadata = {}): TestPersistence {
  let opened: { context: INestApplicationContext; dataSource: DataSource } | undefined;
  beforeAll(async () => {
    opened = await openTestPersistence(metadata);
  });
  afterAll(() => opened?.context.close());
  const current = () => {
    if (!opened) throw new Error('the test persistence is opened by beforeAll: read it in a test');
    return opened;
  };
  return {
    get context() {
      return current().context;
    },
    get dataSource() {
      return current().dataSource;
    },
    get: (token) => current().context.get(token),
  };
}
