import type { DataSource } from 'typeorm';
import { clearData } from './test-database';
import { openTestDataSource } from './test-data-source';

describe('clearData: the test database emptied from its schema', () => {
  let dataSource: DataSource;
  const count = async (sql: string) =>
    (await dataSource.query<{ count: number }[]>(`SELECT count(*)::int AS count FROM ${sql}`))[0]
      ?.count;

  beforeAll(async () => {
    dataSource = await openTestDataSource();
  });
  afterAll(async () => {
    await dataSource.query('DROP TABLE IF EXISTS probe_new_things');
    await dataSource.destroy();
  });

  it('empties a table nobody listed, and keeps the migrations and official territories', async () => {
    await dataSource.query('CREATE TABLE probe_new_things (id int PRIMARY KEY)');
    await dataSource.query('INSERT INTO probe_new_things VALUES (1), (2)');
    await dataSource.query(
      `INSERT INTO territories (code, level, name) VALUES ('BE:21004', 'BE', 'Bruxelles')`,
    );
    const migrations = await count('migrations');
    const official = await count(`territories WHERE level NOT IN ('BE', 'SITE')`);

    await clearData(dataSource);

    expect({
      probe: await count('probe_new_things'),
      selfDeclared: await count(`territories WHERE level IN ('BE', 'SITE')`),
      official: await count(`territories WHERE level NOT IN ('BE', 'SITE')`),
      migrations: await count('migrations'),
    }).toEqual({ probe: 0, selfDeclared: 0, official, migrations });
    expect(official).toBeGreaterThan(30_000);
  });
});
