import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The server the test databases are created on (trust auth on this machine and in CI). */
export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * What names this checkout's test databases: its path and the machine, so that two clones (or two
 * machines sharing one Postgres) never touch each other's databases.
 */
export const CHECKOUT_ID = createHash('sha256')
  .update(`${hostname()}:${REPO_ROOT}`)
  .digest('hex')
  .slice(0, 8);

/** The part of a test database's name before the run: one project of this checkout. */
export function testDatabasePrefix(project: string): string {
  return `cordage_test_${project.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${CHECKOUT_ID}_`;
}

/**
 * Each jest project of each run gets a database of its own, created and dropped around the run.
 * The run is jest's own process (globalSetup and globalTeardown run in it): two `npm test` side
 * by side in one checkout do not drop each other's database.
 */
export function testDatabaseName(project: string, run: number = process.pid): string {
  return `${testDatabasePrefix(project)}${run}`;
}

export function databaseUrl(database: string): string {
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/**
 * The example bid. shared/ (beside the repository) holds the reference copy; examples/ holds the
 * one the demo ships with, used when shared/ is not there.
 */
export function exampleScenarioPath(name = 'colleges-93.json'): string {
  const shared = path.resolve(REPO_ROOT, '..', 'shared', 'scenarios', name);
  return existsSync(shared) ? shared : path.join(REPO_ROOT, 'examples', name);
}
