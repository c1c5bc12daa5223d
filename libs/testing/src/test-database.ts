import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { databaseEnv, validateEnv } from '@cordage/config';
import { TerritoryRepository, dataSourceOptions } from '@cordage/persistence';
import { ADMIN_DATABASE_URL, databaseUrl } from './test-env';

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

/** A fresh database with every migration applied and the official territories seeded. */
export async function createMigratedDatabase(name: string): Promise<string> {
  await dropDatabase(name);
  await admin((client) => client.query(`CREATE DATABASE "${name}"`));
  const url = databaseUrl(name);
  const dataSource = new DataSource(
    dataSourceOptions(validateEnv({ DATABASE_URL: url }, databaseEnv)),
  );
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    await new TerritoryRepository(dataSource).seedOfficial();
  } finally {
    await dataSource.destroy();
  }
  return url;
}

/**
 * Empties every bid-related table between tests; the seeded territories stay. DELETE in foreign-key
 * order rather than TRUNCATE ... CASCADE, which would also empty territories (a site references
 * its bid).
 */
export async function truncateBids(dataSource: DataSource): Promise<void> {
  for (const statement of [
    'DELETE FROM offers',
    'DELETE FROM member_limits',
    'DELETE FROM subcontracts',
    'DELETE FROM members',
    'DELETE FROM lot_cells',
    'DELETE FROM scenario_imports',
    'DELETE FROM outbox_messages',
    'DELETE FROM territories WHERE bid_id IS NOT NULL',
    'DELETE FROM bids',
    'DELETE FROM lots',
    'DELETE FROM tenders',
    'DELETE FROM organisations',
    "DELETE FROM territories WHERE level = 'BE'",
  ]) {
    await dataSource.query(statement);
  }
}
