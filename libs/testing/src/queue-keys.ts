import Redis from 'ioredis';
import { TEST_REDIS_URL } from './test-env';

/** Deletes the queue keys under `prefix` in the test Redis (a process declares its queues on start). */
export async function forgetQueues(prefix: string): Promise<void> {
  const redis = new Redis(TEST_REDIS_URL);
  try {
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
