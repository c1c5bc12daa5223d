import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  HANDED_OUT,
  REPO_ROOT,
  ROUTES_AND_PAGES_DOC,
  type RouteRow,
  apiOperations,
  formattedRoutesAndPages,
  routesAndPages,
  webPages,
} from './routes-and-pages';
import { KNOWN_GAPS, MACHINE_ONLY } from './routes-without-pages';

const key = (row: RouteRow) => `${row.operation.method} ${row.operation.path}`;

/**
 * No route of the api that a person needs is without its page: every operation of the OpenAPI
 * document (read from the web's typed client, which `npm test` checks against the api) is
 * reached from a page of the router, or is on the commented list of routes for machines.
 */
describe('Routes of the api and the pages of the web app', () => {
  const rows = routesAndPages();
  const byKey = new Map(rows.map((row) => [key(row), row]));

  it('reads the whole api and the whole router', () => {
    // The readings themselves can fail: an empty list would make every rule below pass.
    expect(apiOperations().length).toBeGreaterThan(100);
    expect(byKey.get('POST /api/bids/{bidId}/members/{memberId}/signatures')?.pages).toContain(
      '/candidatures/:bidId/convention',
    );
    expect(byKey.get('GET /api/bids/{bidId}/workbook')?.pages).toEqual(['/candidatures/:bidId']);
    const addresses = webPages().map((page) => page.address);
    expect(addresses).toEqual(
      expect.arrayContaining(['/connexion', '/candidatures/:bidId/decision']),
    );
  });

  it('reaches every route from a page, but those listed for machines and the known gaps', () => {
    const withoutPage = rows
      .filter((row) => row.pages.length === 0)
      .map(key)
      .filter((operation) => !MACHINE_ONLY.has(operation) && !KNOWN_GAPS.has(operation));
    expect(withoutPage).toEqual([]);
  });

  it('lists only routes that exist and that no page uses', () => {
    const stale = [...MACHINE_ONLY.keys(), ...KNOWN_GAPS.keys()].filter(
      (operation) => (byKey.get(operation)?.pages.length ?? 1) > 0,
    );
    // A route gone from the api, or given a page: its line goes.
    expect(stale).toEqual([]);
  });

  it('knows where the api builds each URL it hands out', () => {
    for (const handed of HANDED_OUT) {
      expect(byKey.has(`${handed.method} ${handed.path}`)).toBe(true);
    }
    const builders = [
      'apps/api/src/documents/documents.service.ts',
      'apps/api/src/signatures/signatures.service.ts',
    ].map((file) => readFileSync(path.join(REPO_ROOT, file), 'utf8'));
    for (const handed of HANDED_OUT) {
      expect(builders.some((text) => new RegExp(`\\b${handed.field}:`).test(text))).toBe(true);
    }
  });

  it('keeps docs/routes-and-pages.md as the script writes it', () => {
    const committed = readFileSync(ROUTES_AND_PAGES_DOC, 'utf8');
    // If this fails: node bin/run.js tests/lint/write-routes-and-pages.ts
    expect(committed).toBe(formattedRoutesAndPages(MACHINE_ONLY, KNOWN_GAPS));
  });
});
