import { Inject } from '@nestjs/common';
import type { z } from 'zod';
import {
  authEnv,
  databaseEnv,
  documentsEnv,
  httpEnv,
  logEnv,
  mailEnv,
  publicUrlEnv,
  redisEnv,
  signingEnv,
  workerEnv,
} from './env.schema';
import { type EnvSchema, parseEnvEach } from './validate-env';

/**
 * One concern of the configuration: its schema and its own injection token. A process declares
 * the slices it needs (AppConfigModule.forRoot); only those are validated and injectable, so a
 * class cannot read a slice its process never validated: Nest refuses to start instead.
 */
export interface ConfigSlice<S extends EnvSchema = EnvSchema> {
  readonly name: string;
  readonly schema: S;
  readonly token: symbol;
}

/** The parsed value of a slice, as injected. */
export type ConfigOf<C extends ConfigSlice> = z.output<C['schema']>;

export function configSlice<S extends EnvSchema>(name: string, schema: S): ConfigSlice<S> {
  return Object.freeze({ name, schema, token: Symbol(`config:${name}`) });
}

/** `@InjectConfig(databaseConfig) config: ConfigOf<typeof databaseConfig>`. */
export const InjectConfig = (slice: ConfigSlice): PropertyDecorator & ParameterDecorator =>
  Inject(slice.token);

/** Validates every slice at once (one error listing every bad variable); values in order. */
export function validateSlices(
  env: Record<string, string | undefined>,
  slices: readonly ConfigSlice[],
): readonly object[] {
  return parseEnvEach(
    env,
    slices.map((slice) => slice.schema),
  );
}

export const databaseConfig = configSlice('database', databaseEnv);
export const redisConfig = configSlice('redis', redisEnv);
export const httpConfig = configSlice('http', httpEnv);
export const publicUrlConfig = configSlice('publicUrl', publicUrlEnv);
export const authConfig = configSlice('auth', authEnv);
export const mailConfig = configSlice('mail', mailEnv);
export const workerConfig = configSlice('worker', workerEnv);
export const documentsConfig = configSlice('documents', documentsEnv);
export const signingConfig = configSlice('signing', signingEnv);
export const logConfig = configSlice('log', logEnv);
