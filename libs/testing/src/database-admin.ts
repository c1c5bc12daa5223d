// Used by jest's globalSetup, which runs outside jest's module mapper: relative imports only.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, REPO_ROOT, databaseUrl } from './test-env';

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
