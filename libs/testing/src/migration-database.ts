import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { ADMIN_DATABASE_URL, databaseUrl } from './test-env';
import { dropDatabase } from './database-admin';

type MigrationClass = new () => MigrationInterface;

async function createEmptyDatabase(name: string): Promise<void> {
  await dropDatabase(name);
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
}

const openWith = (name: string, migrations: MigrationClass[]) =>
  new DataSource({
    type: 'postgres',
    url: databaseUrl(name),
    migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logging: false,
  }).initialize();

/**
 * A database of its own for the test of one data migration: migrated to the migration before
 * `migration`, seeded with the rows it must carry over, then moved through `migration` only, so
 * that reverting undoes that one whatever migrations come after. Drop it with dropDatabase(name).
 */
export async function databaseThroughMigration(
  name: string,
  migrations: readonly MigrationClass[],
  migration: MigrationClass,
  seed: (dataSource: DataSource) => Promise<void>,
): Promise<DataSource> {
  const at = migrations.indexOf(migration);
  if (at < 0) throw new Error(`${migration.name} is not among the migrations`);
  await createEmptyDatabase(name);
  const before = await openWith(name, migrations.slice(0, at));
  await before.runMigrations();
  await seed(before);
  await before.destroy();
  const dataSource = await openWith(name, migrations.slice(0, at + 1));
  await dataSource.runMigrations();
  return dataSource;
}
