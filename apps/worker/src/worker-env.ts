import {
  databaseEnv,
  documentsEnv,
  logEnv,
  mailEnv,
  publicUrlEnv,
  redisEnv,
  signingEnv,
  workerEnv,
} from '@cordage/config';

/** The environment the worker needs: validated by main.ts before the processors load. */
export const WORKER_ENV = [
  databaseEnv,
  redisEnv,
  workerEnv,
  logEnv,
  documentsEnv,
  publicUrlEnv,
  signingEnv,
  mailEnv,
] as const;
