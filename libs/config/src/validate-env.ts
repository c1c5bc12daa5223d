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

export type EnvSchema = z.ZodType<object, Record<string, unknown>>;
type Schemas = readonly EnvSchema[];
type Merged<S extends Schemas> = S extends readonly [infer H, ...infer T]
  ? (H extends EnvSchema ? z.output<H> : never) & (T extends Schemas ? Merged<T> : unknown)
  : unknown;

const frenchErrors = z.locales.fr().localeError;

/**
 * Parses `env` with each schema, collecting all problems before failing; returns each schema's
 * value, in order. A variable two schemas share (NODE_ENV, PUBLIC_URL) is reported once.
 */
export function parseEnvEach(
  env: Record<string, string | undefined>,
  schemas: Schemas,
): readonly object[] {
  const problems = new Set<string>();
  const values: object[] = [];
  for (const schema of schemas) {
    const result = schema.safeParse(env, { error: frenchErrors });
    if (result.success) values.push(result.data);
    else
      for (const issue of result.error.issues) {
        const name = issue.path.join('.');
        const shown = env[name] === undefined ? 'absente' : `valeur ${JSON.stringify(env[name])}`;
        problems.add(`${name} (${shown}) : ${issue.message}`);
      }
  }
  if (problems.size > 0) throw new InvalidConfigError([...problems]);
  return values;
}

/** Validates `env` against every schema, collecting all problems before failing. */
export function validateEnv<S extends Schemas>(
  env: Record<string, string | undefined>,
  ...schemas: S
): Merged<S> {
  return Object.assign({}, ...parseEnvEach(env, schemas)) as Merged<S>;
}

/** Loads `.env` from the working directory when there is one; variables already set win. */
export function loadDotEnv(path = '.env'): void {
  try {
    process.loadEnvFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
