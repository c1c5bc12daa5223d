import { HttpStatus } from '@nestjs/common';
import { DECORATORS, type OpenAPIObject, getSchemaPath } from '@nestjs/swagger';
import { DomainErrorCode } from '@cordage/domain';
import { statusOf } from './domain-exception.filter';
import { ProblemDto } from './dto/problem.dto';

/** The codes the api gives outside the domain's errors (DomainExceptionFilter). */
export const HTTP_PROBLEM_STATUS = {
  /** The request's body, query or path does not match its schema: `problems` names each field. */
  INVALID_REQUEST: HttpStatus.BAD_REQUEST,
  /** A body that is not JSON at all. */
  BAD_REQUEST: HttpStatus.BAD_REQUEST,
  PAYLOAD_TOO_LARGE: HttpStatus.PAYLOAD_TOO_LARGE,
  UNSUPPORTED_MEDIA_TYPE: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
} as const;

/** A code the api answers with, written as its string (`'INVALID_INPUT'`). */
export type ProblemCode = `${DomainErrorCode}` | keyof typeof HTTP_PROBLEM_STATUS;

/** What a route's body can be refused for before its handler runs. */
export const BODY_PROBLEMS = [
  'INVALID_REQUEST',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
  // A JSON body in a charset other than UTF-8.
  'UNSUPPORTED_MEDIA_TYPE',
] as const;

const PROBLEMS_METADATA = 'cordage:problems';

export function problemStatus(code: ProblemCode): number {
  return code in HTTP_PROBLEM_STATUS
    ? HTTP_PROBLEM_STATUS[code as keyof typeof HTTP_PROBLEM_STATUS]
    : statusOf(code as DomainErrorCode);
}

/** The OpenAPI answers (by status) of these codes: the Problem body, its `code` one of them. */
export function problemResponses(
  codes: Iterable<ProblemCode>,
): Record<string, { description: string; content: Record<string, unknown> }> {
  const byStatus = new Map<number, ProblemCode[]>();
  for (const code of new Set(codes)) {
    const status = problemStatus(code);
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => {
      const sorted = list.sort();
      return [
        String(status),
        {
          description: sorted.join(', '),
          content: {
            // Errors are JSON whatever the route answers otherwise (a PDF, a page).
            'application/json': {
              schema: {
                allOf: [{ $ref: getSchemaPath(ProblemDto) }],
                properties: { code: { enum: sorted } },
              },
            },
          },
        },
      ];
    }),
  );
}

/** The codes already documented on a route's handler. */
export function problemsOf(handler: object): ProblemCode[] {
  return (Reflect.getMetadata(PROBLEMS_METADATA, handler) as ProblemCode[] | undefined) ?? [];
}

/**
 * Documents the error answers a route can give, by their codes: one answer per status, whose
 * Problem body lists its codes. Several uses on one route add up, in any order (the access rule
 * documents the guard's, the route its own), where @ApiResponse would replace the status's body.
 */
export function ApiProblems(...codes: ProblemCode[]): MethodDecorator {
  return (_target, _key, descriptor) => {
    const handler = descriptor.value as object;
    const all = [...new Set([...problemsOf(handler), ...codes])];
    Reflect.defineMetadata(PROBLEMS_METADATA, all, handler);
    const responses = Reflect.getMetadata(DECORATORS.API_RESPONSE, handler) as
      Record<string, unknown> | undefined;
    Reflect.defineMetadata(
      DECORATORS.API_RESPONSE,
      { ...responses, ...problemResponses(all) },
      handler,
    );
    return descriptor;
  };
}

type Operation = NonNullable<OpenAPIObject['paths'][string]['get']>;

/** The codes an operation of the document already lists in its Problem answers. */
function documentedCodes(operation: Operation): ProblemCode[] {
  return Object.values(operation.responses).flatMap((response) => {
    const schema = (
      response as { content?: Record<string, { schema?: { properties?: { code?: unknown } } }> }
    ).content?.['application/json']?.schema;
    const code = schema?.properties?.code as { enum?: ProblemCode[] } | undefined;
    return code?.enum ?? [];
  });
}

/** Adds codes to an operation of a built document, as ApiProblems does on a handler. */
export function addProblems(operation: Operation, codes: readonly ProblemCode[]): void {
  if (codes.length === 0) return;
  Object.assign(operation.responses, problemResponses([...documentedCodes(operation), ...codes]));
}
