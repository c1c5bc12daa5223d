import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { at } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink } from '@cordage/testing';
import { type System, startSystem } from './support/system';
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
    expect(last?.body).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Trop de requêtes : réessayez dans un instant.',
    });
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  let api: INestApplication;

  beforeAll(async () => {
    process.env.RATE_LIMIT_PER_MINUTE = '5';
    process.env.TRUST_PROXY = '1';
    api = await startApi();
  });
  afterAll(async () => {
    await api?.close();
    delete process.env.RATE_LIMIT_PER_MINUTE;
    delete process.env.TRUST_PROXY;
  });

  const from = (client: string) =>
    request(api.getHttpServer()).get('/api/health').set('X-Forwarded-For', client);

  it('counts each client the proxy names, not the proxy itself', async () => {
    for (let i = 0; i < 5; i++) expect((await from('203.0.113.7')).status).toBe(200);
    expect((await from('203.0.113.7')).status).toBe(429);
    // Another person behind the same proxy is not held back by the first one's requests.
    expect((await from('198.51.100.20')).status).toBe(200);
  });
});

describe('sign-in links asked from one office IP (default limits, real SMTP)', () => {
  const smtp = new SmtpSink();
  let system: System;
  const trainees = Array.from({ length: 30 }, (_, i) => `stagiaire${i + 1}@formation.test`);

  beforeAll(async () => {
    // Mail leaves through the outbox: the system's worker sends it.
    system = await startSystem({
      smtp,
      env: { LOGIN_LINKS_PER_ADDRESS: undefined, LOGIN_LINKS_PER_IP: undefined },
    });
    const access = system.persistence.get(AccessRepository);
    for (const email of trainees) await access.ensureUser(email, email);
  });
  afterAll(() => system?.stop());

  // Every request comes from supertest's one address, 127.0.0.1: a room behind one office IP.
  const askLink = (email: string) =>
    request(system.api.getHttpServer()).post('/api/auth/login-link').send({ email });

  it('gives each of 30 people in a training room their links, and stops only the address that asks too often', async () => {
    // Everyone at once, three times over (a typo, a lost tab, a second device).
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(trainees.map(askLink));
      expect(answers.map((answer) => answer.status)).toEqual(trainees.map(() => 202));
    }
    for (const email of trainees) expect(await smtp.waitForMails(email, 3)).toHaveLength(3);

    // One address asks again and again, in parallel: five links in a quarter of an hour, no more.
    const eager = at(trainees, 0);
    const others = trainees.slice(1);
    const answers = await Promise.all(Array.from({ length: 6 }, () => askLink(eager)));
    expect(answers.map((answer) => answer.status).sort()).toEqual([202, 202, 429, 429, 429, 429]);
    const refused = answers.filter((answer) => answer.status === 429);
    expect(at(refused, 0).body).toMatchObject({
      code: 'TOO_MANY_REQUESTS',
      message: 'Trop de demandes de lien pour cette adresse : réessayez dans un quart d’heure.',
      problems: [expect.objectContaining({ path: 'email', code: 'LOGIN_LINKS_PER_ADDRESS' })],
    });
    expect(await smtp.waitForMails(eager, 5)).toHaveLength(5);

    // The others, behind the same IP, still get theirs.
    for (const email of others) await askLink(email).expect(202);
    for (const email of others) expect(await smtp.waitForMails(email, 4)).toHaveLength(4);
    expect(await smtp.lastToken(at(others, 0))).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});
