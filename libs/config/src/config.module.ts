import { type DynamicModule, Global, Module, type Provider } from '@nestjs/common';
import { type ConfigSlice, validateSlices } from './config-slice';
import { loadDotEnv } from './validate-env';

/** The values of every declared slice, in order: private to this module, never exported. */
const VALIDATED_SLICES = Symbol('validated config slices');

/**
 * Validates the environment once, for the slices a process declares, and provides each slice's
 * value under its own token only. A bad environment throws InvalidConfigError, listing every bad
 * variable, before anything connects; a slice not declared here cannot be injected at all.
 */
@Global()
@Module({})
export class AppConfigModule {
  static forRoot(...declared: ConfigSlice[]): DynamicModule {
    const slices = [...new Set(declared)];
    const providers: Provider[] = [
      {
        provide: VALIDATED_SLICES,
        // At app creation, not at import: `.env` is loaded first and errors reach main's handler.
        useFactory: () => {
          loadDotEnv();
          return validateSlices(process.env, slices);
        },
      },
      ...slices.map((slice, index) => ({
        provide: slice.token,
        inject: [VALIDATED_SLICES],
        useFactory: (values: readonly object[]) => values[index],
      })),
    ];
    return {
      module: AppConfigModule,
      providers,
      exports: slices.map((slice) => slice.token),
    };
  }
}
