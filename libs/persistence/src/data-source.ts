// Entry point for the TypeORM CLI (migration:generate, migration:run): same options as the apps.
import { DataSource } from 'typeorm';
import { databaseEnv, loadDotEnv, validateEnv } from '@cordage/config';
import { dataSourceOptions } from './data-source-options';

loadDotEnv();
export default new DataSource(dataSourceOptions(validateEnv(process.env, databaseEnv)));
