import type { DataSource } from 'typeorm';

/** A problem of a refusal, as the api answers it. */
export interface Problem {
  path: string;
  code: string;
  message: string;
}

/**
 * Sends a request that must be refused: a 400, 409 or 422 with a problem naming `field` (its path
 * starts with it), every problem with a message, and `footprint` (counts of what the request
 * could have written) the same after as before. The problems, for further checks.
 */
export async function expectRefused(
  sent: PromiseLike<{ status: number; body: unknown }>,
  field: string,
  footprint: () => Promise<string>,
): Promise<Problem[]> {
  const before = await footprint();
  return checkRefusal(await sent, field, before, footprint);
}

/**
 * Sends a request with a value that may be accepted: never a 5xx, and when refused, refused as
 * `expectRefused` says. The answer, for further checks.
 */
export async function expectAcceptedOrRefused(
  sent: PromiseLike<{ status: number; body: unknown }>,
  field: string,
  footprint: () => Promise<string>,
): Promise<{ status: number; body: unknown }> {
  const before = await footprint();
  const response = await sent;
  if (response.status >= 400) await checkRefusal(response, field, before, footprint);
  return response;
}

async function checkRefusal(
  response: { status: number; body: unknown },
  field: string,
  before: string,
  footprint: () => Promise<string>,
): Promise<Problem[]> {
  const problems = (response.body as { problems?: Problem[] }).problems ?? [];
  const where = `${field}: ${response.status} ${JSON.stringify(response.body).slice(0, 400)}`;
  expect([400, 409, 422].includes(response.status) ? 'refused' : where).toBe('refused');
  expect(problems.some((p) => p.path.startsWith(field)) ? 'named' : where).toBe('named');
  expect(problems.every((p) => p.message.length > 0)).toBe(true);
  expect(await footprint()).toBe(before);
  return problems;
}

/**
 * A footprint for expectRefused: the row counts of `tables`, as one comparable string. A refused
 * request must leave every one of them as it was.
 */
export function rowCounts(dataSource: () => DataSource, tables: readonly string[]) {
  return async (): Promise<string> =>
    JSON.stringify(
      await dataSource().query(
        `SELECT ${tables.map((table) => `(SELECT count(*) FROM ${table}) AS ${table}`).join(', ')}`,
      ),
    );
}
