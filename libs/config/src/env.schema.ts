import { z } from 'zod';

/**
 * Environment variables, one schema per concern. Each process validates the concerns it needs at
 * start-up and refuses to start, listing every missing or malformed variable.
 */
const postgresUrl = z
  .url({
    protocol: /^postgres(ql)?$/,
    error: 'attendu une URL postgres://utilisateur@hôte:port/base',
  })
  .describe('postgres://user@host:5432/database');
const redisUrl = z
  .url({ protocol: /^rediss?$/, error: 'attendu une URL redis://hôte:port' })
  .describe('redis://host:6379');
const positiveInt = z.coerce.number().int().positive();
const byteSize = z.string().regex(/^\d+(b|kb|mb|gb)$/i, 'attendu une taille comme 512kb ou 200mb');

export const databaseEnv = z.object({
  DATABASE_URL: postgresUrl,
  DATABASE_POOL_SIZE: positiveInt.default(10),
  DATABASE_LOG_QUERIES: z.stringbool().default(false),
});

export const redisEnv = z.object({
  REDIS_URL: redisUrl,
  /** Namespaces BullMQ keys so that several installs (or test runs) can share one Redis. */
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i)
    .default('cordage'),
});

export const httpEnv = z.object({
  HTTP_HOST: z.string().min(1).default('0.0.0.0'),
  HTTP_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HTTP_BODY_LIMIT: byteSize.default('1mb'),
  /** Scenario files carry every offer of a bid: 400,000 offers weigh about 40 MB. */
  HTTP_SCENARIO_BODY_LIMIT: byteSize.default('200mb'),
  PUBLIC_URL: z.url().optional(),
});

export const workerEnv = z.object({
  WORKER_CONCURRENCY: positiveInt.default(2),
  OUTBOX_POLL_MS: positiveInt.default(250),
  /** How long a job stays locked without a heartbeat before another worker takes it over. */
  JOB_LOCK_MS: positiveInt.default(30_000),
});

export const logEnv = z.object({
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export type DatabaseEnv = z.output<typeof databaseEnv>;
export type RedisEnv = z.output<typeof redisEnv>;
export type HttpEnv = z.output<typeof httpEnv>;
export type WorkerEnv = z.output<typeof workerEnv>;
export type LogEnv = z.output<typeof logEnv>;
