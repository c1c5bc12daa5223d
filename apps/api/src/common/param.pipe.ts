import { type ArgumentMetadata, Param, type PipeTransform } from '@nestjs/common';
import { ZodValidationException } from 'nestjs-zod';
import { ZodError, z } from 'zod';

/** The largest integer an int4 column holds. */
export const INT32_MAX = 2 ** 31 - 1;

/** A stored object's id: anything else names nothing, and Postgres refuses it as a uuid. */
export const uuidParameter = z.uuid({ error: 'identifiant attendu (UUID)' });

/** A version number as the database stores it: an int4 from 1, written in plain digits. */
export const versionNumberParameter = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, { error: `numéro attendu : un entier de 1 à ${INT32_MAX}` })
  .transform(Number)
  .pipe(z.number().max(INT32_MAX, { error: `numéro attendu : un entier de 1 à ${INT32_MAX}` }));

/** The path parameters that name a stored object by its id (a uuid). */
const ID_PARAMETERS = [
  'bidId',
  'memberId',
  'subcontractorId',
  'subcontractId',
  'documentId',
  'changeRequestId',
  'jobId',
  'networkId',
  'organisationId',
  'requestId',
  'reportId',
] as const;

type IdParameterName = (typeof ID_PARAMETERS)[number];

/**
 * The kind of every path parameter a route may name. The access guard checks them all once it
 * has let the caller in, before any pipe or handler runs (pipes run in parallel: a body's error
 * could otherwise hide the bad parameter), and a test holds every route of the api to this list.
 */
export const PATH_PARAMETERS: Readonly<Record<string, z.ZodType<unknown, string>>> = {
  ...Object.fromEntries(ID_PARAMETERS.map((name) => [name, uuidParameter])),
  number: versionNumberParameter,
};

/** Refuses the request, naming each one, when a path parameter is not of its kind. */
export function checkPathParameters(params: Readonly<Record<string, string | undefined>>): void {
  const issues = Object.entries(params).flatMap(([name, value]) => {
    const schema = PATH_PARAMETERS[name];
    const parsed = schema?.safeParse(value);
    return parsed && !parsed.success ? renamed(parsed.error, name) : [];
  });
  if (issues.length > 0) throw new ZodValidationException(new ZodError(issues));
}

function renamed(error: ZodError, name: string) {
  return error.issues.map((issue) => ({ ...issue, path: [name, ...issue.path] }));
}

/**
 * Checks one path parameter against the schema of its kind before it reaches a query; a bad
 * value is a 400 whose problem names the parameter, like any other invalid request.
 */
export class ParamPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: z.ZodType<T, string>) {}

  transform(value: unknown, metadata: ArgumentMetadata): T {
    const parsed = this.schema.safeParse(value);
    if (parsed.success) return parsed.data;
    throw new ZodValidationException(new ZodError(renamed(parsed.error, metadata.data ?? 'param')));
  }
}

/** `@Param('memberId', UuidParam)`: the pipe of every id in a path. */
export const UuidParam = new ParamPipe(uuidParameter);

/** `@Param('number', VersionNumberParam)`: an allocation version's number. */
export const VersionNumberParam = new ParamPipe(versionNumberParameter);

/** `@IdParam('memberId') memberId: string`: an id of the path, checked by UuidParam. */
export function IdParam(name: IdParameterName): ParameterDecorator {
  return Param(name, UuidParam);
}
