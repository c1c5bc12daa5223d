import type { WorkerOptions } from 'bullmq';
import { validateEnv, workerEnv } from '@cordage/config';

/**
 * BullMQ worker options, read when a @Processor class is declared: main.ts validates and loads
 * the environment before it imports the module, so these see the final values.
 */
export function workerOptions(): Partial<WorkerOptions> {
  const env = validateEnv(process.env, workerEnv);
  return {
    concurrency: env.WORKER_CONCURRENCY,
    lockDuration: env.JOB_LOCK_MS,
    // Check for jobs whose worker died as often as a lock can expire.
    stalledInterval: env.JOB_LOCK_MS,
    // A job is idempotent: one whose worker was killed, then whose next worker lost its lock on
    // a loaded machine, is taken again rather than failed for good (BullMQ's default is 1).
    maxStalledCount: 3,
  };
}
