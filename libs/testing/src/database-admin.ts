// Used by jest's globalSetup, which runs outside jest's module mapper: relative imports only.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, REPO_ROOT, databaseUrl, testDatabasePrefix } from './test-env';

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function dropDatabase(name: string): Promise<void> {
  await admin((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Whether a process of this machine is running (one of another user counts as running). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Drops this checkout's databases of `project` left by runs that ended without their teardown
 * (interrupted, killed): their jest process is gone. Running ones are left alone.
 */
export async function dropAbandonedTestDatabases(project: string): Promise<string[]> {
  const prefix = testDatabasePrefix(project);
  const { rows } = await admin((client) =>
    client.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE starts_with(datname, $1)',
      [prefix],
    ),
  );
  const abandoned = rows
    .map((row) => row.datname)
    .filter((name) => {
      const run = Number(name.slice(prefix.length));
      return Number.isInteger(run) && run > 0 && !isRunning(run);
    });
  for (const name of abandoned) await dropDatabase(name);
  return abandoned;
}

/**
 * A fresh database prepared by the real `cordage migrate` (migrations, then the official
 * territories), exactly as an operator would.
 */
export async function createMigratedDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'cordage.js'), 'migrate'], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return url;
}
