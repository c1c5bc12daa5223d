import type { INestApplication } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { required } from '@cordage/domain';
import { REPO_ROOT, startApi } from './support/harness';

const DIST = path.join(REPO_ROOT, 'apps', 'web', 'dist');

describe('The api serves the built web app', () => {
  let api: INestApplication;

  beforeAll(async () => {
    if (!existsSync(path.join(DIST, 'index.html')))
      throw new Error('The web app is not built: npm run web:build');
    api = await startApi();
  });
  afterAll(() => api?.close());

  it('answers every page address with the app, never cached, under the api’s security headers', async () => {
    for (const address of [
      '/',
      '/connexion',
      '/candidatures/8c1d0000-0000-4000-8000-000000000000/membres',
    ]) {
      const page = await request(api.getHttpServer())
        .get(address)
        .set('Accept', 'text/html')
        .expect(200)
        .expect('Content-Type', /text\/html/);
      expect(page.text).toContain('<div id="root"></div>');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('sends the hashed assets compressed and cached for a year', async () => {
    const script = required(
      readdirSync(path.join(DIST, 'assets')).find((file) => /^index-.*\.js$/.test(file)),
      'the hashed index script of the build',
    );
    const asset = await request(api.getHttpServer())
      .get(`/assets/${script}`)
      .set('Accept-Encoding', 'gzip')
      .expect(200);
    expect(asset.headers['content-encoding']).toBe('gzip');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    await request(api.getHttpServer()).get('/assets/missing.js').expect(404);
  });

  it('leaves the api’s own answers to the api', async () => {
    const unknown = await request(api.getHttpServer())
      .get('/api/nothing-here')
      .set('Accept', 'text/html')
      .expect(404);
    expect(unknown.headers['content-type']).toMatch(/application\/json/);
    await request(api.getHttpServer()).get('/api/health').expect(200);
  });
});
