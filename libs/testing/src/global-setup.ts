import type { Config } from '@jest/types';
import { createMigratedDatabase } from './database-admin';
import { TEST_REDIS_URL, testDatabaseName } from './test-env';

/** Runs once per jest project: its own migrated database and its own Redis key prefix. */
export default async function globalSetup(
  _global: Config.GlobalConfig,
  project: Config.ProjectConfig,
): Promise<void> {
  const name = testDatabaseName(project.displayName?.name ?? 'default');
  process.env.DATABASE_URL = await createMigratedDatabase(name);
  process.env.REDIS_URL = TEST_REDIS_URL;
  process.env.QUEUE_PREFIX = `${name}_${process.pid}`;
  process.env.LOG_LEVEL ??= 'warn';
  process.env.NODE_ENV = 'test';
  // supertest speaks plain HTTP: a Secure cookie would never come back.
  process.env.COOKIE_SECURE = 'false';
}
