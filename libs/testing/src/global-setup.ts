import type { Config } from '@jest/types';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createMigratedDatabase, dropAbandonedTestDatabases } from './database-admin';
import { TEST_REDIS_URL, testDatabaseName } from './test-env';

/** Runs once per jest project and run: its own migrated database and its own Redis key prefix. */
export default async function globalSetup(
  _global: Config.GlobalConfig,
  project: Config.ProjectConfig,
): Promise<void> {
  const projectName = project.displayName?.name ?? 'default';
  await dropAbandonedTestDatabases(projectName);
  const name = testDatabaseName(projectName);
  process.env.DATABASE_URL = await createMigratedDatabase(name);
  process.env.REDIS_URL = TEST_REDIS_URL;
  // The name holds the checkout and this run (jest's process): keys and files of the run's own.
  process.env.QUEUE_PREFIX = name;
  // Generated documents go to a folder of the run's own, removed by the teardown.
  process.env.DOCUMENTS_DIR = path.join(tmpdir(), `${name}_documents`);
  // Tests poll jobs many times a second from one address: only the rate-limit test limits them.
  process.env.RATE_LIMIT_PER_MINUTE = '100000';
  // A machine busy with the suite may take over a second to answer a ping: that is a slow test
  // machine, not Postgres or Redis down. The outage tests set the production timeout back.
  process.env.DEPENDENCY_TIMEOUT_MS = '10000';
  process.env.SIGNING_MASTER_KEY = randomBytes(32).toString('base64');
  process.env.LOG_LEVEL ??= 'warn';
  process.env.NODE_ENV = 'test';
  // supertest speaks plain HTTP: a Secure cookie would never come back.
  process.env.COOKIE_SECURE = 'false';
}
