import { DataSource } from 'typeorm';
import { databaseEnv, validateEnv } from '@cordage/config';
import { dataSourceOptions } from '@cordage/persistence';
import { required } from '@cordage/domain';

/** A connection to the jest project's database (created by global-setup). */
export async function openTestDataSource(): Promise<DataSource> {
  const dataSource = new DataSource(dataSourceOptions(validateEnv(process.env, databaseEnv)));
  return dataSource.initialize();
}

export async function countRows(dataSource: DataSource, table: string): Promise<number> {
  const [row] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM "${table}"`,
  );
  return required(row, `the count of ${table}`).count;
}

/** Row counts of every table an import writes, to prove that a refused import wrote nothing. */
export async function bidTableCounts(dataSource: DataSource): Promise<Record<string, number>> {
  const tables = [
    'tenders',
    'lots',
    'lot_cells',
    'organisations',
    'bids',
    'members',
    'member_limits',
    'offers',
    'subcontracts',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) counts[table] = await countRows(dataSource, table);
  const [sites] = await dataSource.query<{ count: number }[]>(
    `SELECT count(*)::int AS count FROM territories WHERE level IN ('SITE', 'BE')`,
  );
  counts.sites = required(sites, 'the count of sites').count;
  return counts;
}
