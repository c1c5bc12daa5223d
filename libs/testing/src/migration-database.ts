import { Client } from 'pg';
import { DataSource, type MigrationInterface } from 'typeorm';
import { required } from '@cordage/domain';
import { ADMIN_DATABASE_URL, CHECKOUT_ID, databaseUrl } from './test-env';
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

/**
 * The database of a data migration's test file, made by databaseThroughMigration before the
 * file's tests and dropped after them (both registered here): `slug` names it, apart from other
 * checkouts and processes. Its `dataSource` is ready inside the tests.
 */
export function migrationTestDatabase(
  slug: string,
  migrations: readonly MigrationClass[],
  migration: MigrationClass,
  seed: (dataSource: DataSource) => Promise<void>,
): { readonly dataSource: DataSource } {
  const name = `cordage_test_${slug}_${CHECKOUT_ID}_${process.pid}`;
  let dataSource: DataSource | undefined;
  beforeAll(async () => {
    dataSource = await databaseThroughMigration(name, migrations, migration, seed);
  }, 120_000);
  afterAll(async () => {
    await dataSource?.destroy();
    await dropDatabase(name);
  });
  return {
    get dataSource() {
      return required(dataSource, `the database ${name}, made before the tests`);
    },
  };
}

/**
 * What a seed's bids hang on: a network, a territory and an organisation at these ids, in the
 * columns these tables have had since the first migration a test seeds for (JobRequests).
 */
export async function insertNetworkAndOrganisation(
  dataSource: DataSource,
  ids: { network: string; territory: string; organisation: string },
): Promise<void> {
  await dataSource.query(`INSERT INTO networks (id, name) VALUES ($1, 'Réseau')`, [ids.network]);
  await dataSource.query(
    `INSERT INTO territories (id, code, level, name) VALUES ($1, '93', 'DEP', 'Seine-Saint-Denis')`,
    [ids.territory],
  );
  await dataSource.query(
    `INSERT INTO organisations (id, legal_name, kind, id_scheme, id_value, employees, home_territory_id,
       representative_name, representative_title, representative_email)
     VALUES ($1, 'Atelier', 'ACI', 'SIRET', '12345678900011', 10, $2, 'A', 'Présidente', 'a@atelier.test')`,
    [ids.organisation, ids.territory],
  );
}
