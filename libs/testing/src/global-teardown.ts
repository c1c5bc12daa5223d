import type { Config } from '@jest/types';
import { rm } from 'node:fs/promises';
import { dropDatabase } from './database-admin';
import { forgetQueues } from './queue-keys';
import { testDatabaseName } from './test-env';

export default async function globalTeardown(
  _global: Config.GlobalConfig,
  project: Config.ProjectConfig,
): Promise<void> {
  await dropDatabase(testDatabaseName(project.displayName?.name ?? 'default'));
  if (process.env.DOCUMENTS_DIR)
    await rm(process.env.DOCUMENTS_DIR, { recursive: true, force: true });
  const prefix = process.env.QUEUE_PREFIX;
  if (prefix) await forgetQueues(prefix);
}
