import type { Abstract, INestApplicationContext, ModuleMetadata, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApplicationModule, ScenarioImporter } from '@cordage/application';
import {
  AppConfigModule,
  type ConfigSlice,
  databaseConfig,
  publicUrlConfig,
} from '@cordage/config';
import { AccessRepository, PersistenceModule } from '@cordage/persistence';
import { exampleScenario } from './scenario-factory';

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

/**
 * A bid imported from a scenario (the example's by default) in a network (named "Réseau" unless
 * `network` says), created if need be; `collecting`: opened to its members' declarations.
 */
export async function importTestBid(
  persistence: Pick<TestPersistence, 'get' | 'dataSource'>,
  scenario: unknown = exampleScenario(),
  options: { collecting?: boolean; network?: string } = {},
): Promise<{ bidId: string; networkId: string }> {
  const networkId = await persistence
    .get(AccessRepository)
    .ensureNetwork(options.network ?? 'Réseau');
  const { bidId } = await persistence.get(ScenarioImporter).import(scenario, {
    networkId,
    actor: { userId: null, label: 'test', requestId: null },
  });
  if (options.collecting) {
    await persistence.dataSource.query(`UPDATE bids SET status = 'COLLECTING' WHERE id = $1`, [
      bidId,
    ]);
  }
  return { bidId, networkId };
}
