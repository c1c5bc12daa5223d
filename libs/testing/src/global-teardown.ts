import type { Config } from '@jest/types';
import Redis from 'ioredis';
import { rm } from 'node:fs/promises';
import { dropDatabase } from './database-admin';
import { TEST_REDIS_URL, testDatabaseName } from './test-env';

export default async function globalTeardown(
  _global: Config.GlobalConfig,
  project: Config.ProjectConfig,
): Promise<void> {
  await dropDatabase(testDatabaseName(project.displayName?.name ?? 'default'));
  if (process.env.DOCUMENTS_DIR)
    await rm(process.env.DOCUMENTS_DIR, { recursive: true, force: true });
  const prefix = process.env.QUEUE_PREFIX;
  if (!prefix) return;
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
