import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

/** The server the test databases are created on (trust auth on this machine and in CI). */
export const ADMIN_DATABASE_URL =
  process.env.TEST_ADMIN_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Each jest project gets a database of its own, created and dropped around the run; the checkout's
 * path is part of the name so that two clones can run their tests at the same time.
 */
export function testDatabaseName(project: string): string {
  const checkout = createHash('sha256').update(REPO_ROOT).digest('hex').slice(0, 8);
  return `cordage_test_${project.replace(/[^a-z0-9]/gi, '_').toLowerCase()}_${checkout}`;
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

export function readExampleScenario(): Record<string, unknown> {
  return JSON.parse(readFileSync(exampleScenarioPath(), 'utf8')) as Record<string, unknown>;
}
