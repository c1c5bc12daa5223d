import type { Response } from 'supertest';

/** An operation's answers, as the OpenAPI document lists them. */
export type DocumentedResponses = Record<
  string,
  { content?: Record<string, { schema?: { properties?: { code?: { enum?: string[] } } } }> }
>;

/**
 * An error answer (4xx) that the OpenAPI document does not list for its operation, with its
 * code, described for a test's failure list; null when it is documented or not an error.
 */
export function undocumentedProblem(
  where: string,
  responses: DocumentedResponses,
  response: Response,
): string | null {
  if (response.status < 400 || response.status >= 500) return null;
  const code = (response.body as { code?: unknown }).code;
  const documented =
    responses[String(response.status)]?.content?.['application/json']?.schema?.properties?.code
      ?.enum ?? [];
  if (typeof code === 'string' && documented.includes(code)) return null;
  return `${where}: answers ${response.status} ${String(code)}, documents ${documented.join(', ') || 'nothing'}`;
}
