import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { z } from 'zod';
import { loadDotEnv, validateEnv } from './validate-env';

export const APP_CONFIG = Symbol('APP_CONFIG');

/**
 * Validates the environment once, for the concerns a process declares, and provides the typed
 * result under APP_CONFIG. A bad environment throws InvalidConfigError before anything connects.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(...schemas: z.ZodType<object, Record<string, unknown>>[]): DynamicModule {
    return {
      module: AppConfigModule,
      providers: [
        {
          provide: APP_CONFIG,
          // At app creation, not at import: `.env` is loaded first and errors reach main's handler.
          useFactory: () => {
            loadDotEnv();
            return validateEnv(process.env, ...schemas);
          },
        },
      ],
      exports: [APP_CONFIG],
    };
  }
}
