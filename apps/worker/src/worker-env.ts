import {
  databaseEnv,
  documentsEnv,
  logEnv,
  publicUrlEnv,
  redisEnv,
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
] as const;
