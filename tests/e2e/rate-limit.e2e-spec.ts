import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { startApi } from './support/harness';

describe('rate limits on every route', () => {
  let api: INestApplication;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '20';
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
  });

  it('answers 429 in French past the limit per minute and IP', async () => {
    const statuses: number[] = [];
    let last: request.Response | undefined;
    for (let i = 0; i < 22; i++) {
      last = await request(api.getHttpServer()).get('/api/health');
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 200)).toBe(true);
    expect(statuses.slice(20)).toEqual([429, 429]);
    expect(last!.body).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Trop de requêtes : réessayez dans un instant.',
    });
  });
});
