import {
  databaseConfig,
  documentsConfig,
  logConfig,
  mailConfig,
  publicUrlConfig,
  redisConfig,
  signingConfig,
  workerConfig,
} from '@cordage/config';

/**
 * The configuration slices the worker validates (by main.ts before the processors load) and the
 * only ones its classes may inject.
 */
export const WORKER_CONFIG = [
  databaseConfig,
  redisConfig,
  workerConfig,
  logConfig,
  documentsConfig,
  publicUrlConfig,
  signingConfig,
  mailConfig,
] as const;
