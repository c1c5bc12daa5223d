import type { INestApplication } from '@nestjs/common';
import { lintFromString, loadConfig } from '@redocly/openapi-core';
import path from 'node:path';
import request from 'supertest';
import { REPO_ROOT, startApi } from './support/harness';

/**
 * The OpenAPI document is the api's contract (the web app's client is generated from it): the
 * one the api serves passes Redocly's recommended rules, strict, as `npm run openapi:lint` runs
 * them on the generated one (redocly.yaml), and names where it is served.
 */
describe('The OpenAPI document the api serves', () => {
  let api: INestApplication;
  let document: {
    servers: { url: string }[];
    security: Record<string, string[]>[];
    components: { securitySchemes: Record<string, { type: string; in: string; name: string }> };
  };
  let source: string;
  const publicUrl = process.env.PUBLIC_URL;

  beforeAll(async () => {
    // As a deployment serves it: the tests' default address is localhost, which the lint refuses
    // in a published document (no-server-example.com).
    process.env.PUBLIC_URL = 'https://cordage.reseau-ess.fr';
    api = await startApi();
    const served = await request(api.getHttpServer()).get('/api/docs-json').expect(200);
    document = served.body as typeof document;
    source = JSON.stringify(served.body);
  });
  afterAll(async () => {
    await api?.close();
    if (publicUrl === undefined) delete process.env.PUBLIC_URL;
    else process.env.PUBLIC_URL = publicUrl;
  });

  it('has no error nor warning under redocly.yaml', async () => {
    const config = await loadConfig({ configPath: path.join(REPO_ROOT, 'redocly.yaml') });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    expect(
      problems.map(
        (problem) =>
          `${problem.ruleId} at ${problem.location[0]?.pointer ?? '?'}: ${problem.message}`,
      ),
    ).toEqual([]);
  });

  it('fails the lint when an operation documents no error answer', async () => {
    // The test above can fail: strip one operation's 4xx answers and the rule sees it.
    const broken = JSON.parse(source) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const operation = broken.paths['/api/bids/{bidId}']?.get;
    if (!operation) throw new Error('GET /api/bids/{bidId} is not in the document');
    for (const status of Object.keys(operation.responses)) {
      if (status.startsWith('4')) delete operation.responses[status];
    }
    const config = await loadConfig({ configPath: path.join(REPO_ROOT, 'redocly.yaml') });
    const problems = await lintFromString({
      source: JSON.stringify(broken),
      absoluteRef: 'openapi.json',
      config,
    });
    expect(problems.map((problem) => problem.ruleId)).toEqual(['operation-4xx-response']);
  });

  it('is served at PUBLIC_URL, behind the session cookie and, for changes, the CSRF header', () => {
    expect(document.servers).toEqual([{ url: process.env.PUBLIC_URL ?? 'http://localhost:3000' }]);
    expect(document.components.securitySchemes).toEqual({
      session: { type: 'apiKey', in: 'cookie', name: 'cordage_session' },
      csrf: expect.objectContaining({ type: 'apiKey', in: 'header', name: 'x-csrf-token' }),
    });
    expect(document.security).toEqual([{ session: [] }]);
  });
});
