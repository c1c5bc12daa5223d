import { spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { dropAbandonedTestDatabases, dropDatabase } from './database-admin';
import { ADMIN_DATABASE_URL, testDatabaseName } from './test-env';

describe('test databases of runs side by side', () => {
  const project = 'sonde';
  const finished = spawnSync(process.execPath, ['-e', '']).pid; // a run that has ended
  const names = {
    mine: testDatabaseName(project),
    abandoned: testDatabaseName(project, finished),
  };
  let admin: Client;
  const existing = async () =>
    (
      await admin.query<{ datname: string }>(
        'SELECT datname FROM pg_database WHERE datname = ANY($1) ORDER BY datname',
        [Object.values(names)],
      )
    ).rows.map((row) => row.datname);

  beforeAll(async () => {
    admin = new Client({ connectionString: ADMIN_DATABASE_URL });
    await admin.connect();
  });
  afterAll(async () => {
    for (const name of Object.values(names)) await dropDatabase(name);
    await admin.end();
  });

  it('names each run its own database, and drops only those whose run has ended', async () => {
    expect(names.mine).not.toBe(names.abandoned);
    expect(names.mine).toMatch(new RegExp(`^cordage_test_sonde_[0-9a-f]{8}_${process.pid}$`));
    for (const name of Object.values(names)) await admin.query(`CREATE DATABASE "${name}"`);

    expect(await dropAbandonedTestDatabases(project)).toEqual([names.abandoned]);
    expect(await existing()).toEqual([names.mine]);
  });
});
