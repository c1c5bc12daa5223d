import type { DataSourceOptions } from 'typeorm';
import type { DatabaseEnv } from '@cordage/config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** The one DataSource configuration used by the api, the worker, the cli and the migration CLI. */
export function dataSourceOptions(env: DatabaseEnv): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into Postgres 13+; uuid-ossp would need an extension.
    uuidExtension: 'pgcrypto',
    // Failed queries surface as errors that the callers handle or log once, with context.
    logging: env.DATABASE_LOG_QUERIES ? 'all' : ['warn', 'migration'],
    extra: {
      max: env.DATABASE_POOL_SIZE,
      application_name: 'cordage',
      // A server that does not answer (or a pool without a free client) fails the query after
      // this long, which the api answers with a 503, instead of holding the request for ever.
      connectionTimeoutMillis: 10_000,
    },
  };
}
