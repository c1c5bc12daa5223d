import { z } from 'zod';

/** Raised when the environment cannot start the process; its message lists every variable. */
export class InvalidConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      `Configuration invalide, le processus ne démarre pas :\n${problems.map((p) => `  - ${p}`).join('\n')}\n` +
        'Voir .env.example pour la liste des variables.',
    );
    this.name = 'InvalidConfigError';
  }
}

type EnvSchema = z.ZodType<object, Record<string, unknown>>;
type Schemas = readonly EnvSchema[];
type Merged<S extends Schemas> = S extends readonly [infer H, ...infer T]
  ? (H extends EnvSchema ? z.output<H> : never) & (T extends Schemas ? Merged<T> : unknown)
  : unknown;

const frenchErrors = z.locales.fr().localeError;

/** Validates `env` against every schema, collecting all problems before failing. */
export function validateEnv<S extends Schemas>(
  env: Record<string, string | undefined>,
  ...schemas: S
): Merged<S> {
  const problems: string[] = [];
  const values: Record<string, unknown> = {};
  for (const schema of schemas) {
    const result = schema.safeParse(env, { error: frenchErrors });
    if (result.success) Object.assign(values, result.data);
    else
      for (const issue of result.error.issues) {
        const name = issue.path.join('.');
        const shown = env[name] === undefined ? 'absente' : `valeur ${JSON.stringify(env[name])}`;
        problems.push(`${name} (${shown}) : ${issue.message}`);
      }
  }
  if (problems.length > 0) throw new InvalidConfigError(problems);
  return values as Merged<S>;
}

/** Loads `.env` from the working directory when there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
