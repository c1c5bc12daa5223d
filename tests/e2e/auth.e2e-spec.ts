import request from 'supertest';
import { at, required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink, clearData } from '@cordage/testing';
import { systemForTests } from './support/system';

describe('Signing in by magic link (real SMTP, Postgres)', () => {
  const smtp = new SmtpSink();
  // Mail leaves through the outbox: the system's worker sends it.
  const system = systemForTests({
    smtp,
    env: { LOGIN_LINKS_PER_ADDRESS: '5', LOGIN_LINKS_PER_IP: '8' },
  });
  const email = 'directrice@insertion.test';

  beforeEach(async () => {
    await clearData(system.dataSource);
    await system.persistence.get(AccessRepository).ensureUser(email, 'Directrice');
    smtp.mails.length = 0;
  });

  const http = () => request(system.api.getHttpServer());
  const askLink = (address = email) => http().post('/api/auth/login-link').send({ email: address });
  const sessionCookie = (response: request.Response) =>
    ([] as string[])
      .concat(response.headers['set-cookie'] ?? [])
      .find((c) => c.startsWith('cordage_session='));
  /** The session cookie a response must set, attributes included. */
  const setSession = (response: request.Response) =>
    required(sessionCookie(response), 'the session cookie of the response');
  /** A Set-Cookie value's name=value pair, as the browser sends it back. */
  const pairOf = (setCookie: string) => at(setCookie.split(';'), 0);

  it('mails a link that opens a session once, through a page that asks for a click', async () => {
    await askLink('Directrice@Insertion.test ').expect(202);
    await smtp.waitForMail(email);
    expect(smtp.to(email)).toHaveLength(1);
    const mail = at(smtp.to(email), 0);
    expect(mail.subject).toBe('Votre lien de connexion à Cordage');
    expect(mail.text).toMatch(/valable 15 minutes, une seule fois/);
    const token = await smtp.lastToken(email);

    // Opening the link shows a page and spends nothing: a mail scanner may open it first.
    const page = await http().get(`/api/auth/callback?token=${token}`).expect(200);
    expect(page.text).toContain('<form method="post" action="/api/auth/session">');
    await http().get(`/api/auth/callback?token=${token}`).expect(200);
    // A link cut short by a mail client is no dead end: the page leads to a new link.
    const cut = await http()
      .get(`/api/auth/callback?token=${token.slice(0, 8)}`)
      .expect(200);
    expect(cut.text).toContain('<h1>Lien incomplet</h1>');
    expect(cut.text).toContain('<a href="/connexion">Demander un nouveau lien de connexion</a>');

    // The page's form posts the token and lands in the app with the cookies set.
    const opened = await http().post('/api/auth/session').type('form').send({ token }).expect(303);
    expect(opened.headers.location).toBe('http://localhost:3000/');
    const cookie = setSession(opened);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const me = await http().get('/api/auth/me').set('Cookie', pairOf(cookie)).expect(200);
    expect(me.body.user.email).toBe(email);

    // Twice: refused.
    const again = await http().post('/api/auth/session').send({ token }).expect(401);
    expect(again.body.code).toBe('LOGIN_LINK_INVALID');
    expect(again.body.message).toMatch(/déjà utilisé ou expiré/);
    // From the link's page, the person lands on the sign-in page, told why.
    const used = await http().post('/api/auth/session').type('form').send({ token }).expect(303);
    expect(used.headers.location).toBe('http://localhost:3000/connexion?lien=expire');
    expect(sessionCookie(used)).toBeUndefined();
  });

  it('opens the page a link names after sign-in, and no page of another site', async () => {
    await askLink().expect(202);
    const token = await smtp.lastToken(email);
    const page = await http()
      .get(`/api/auth/callback?token=${token}&next=/candidatures/b1/membres`)
      .expect(200);
    expect(page.text).toContain(
      '<input type="hidden" name="next" value="/candidatures/b1/membres">',
    );
    const elsewhere = await http().get(`/api/auth/callback?token=${token}&next=//evil.test/x`);
    expect(elsewhere.text).not.toContain('name="next"');
    const refused = await http()
      .post('/api/auth/session')
      .type('form')
      .send({ token, next: '//evil.test/x' })
      .expect(400);
    expect(refused.body.problems[0]).toMatchObject({ path: 'next' });
    const opened = await http()
      .post('/api/auth/session')
      .type('form')
      .send({ token, next: '/candidatures/b1/membres' })
      .expect(303);
    expect(opened.headers.location).toBe('http://localhost:3000/candidatures/b1/membres');
  });

  it('refuses a link after 15 minutes', async () => {
    await askLink().expect(202);
    const token = await smtp.lastToken(email);
    await system.dataSource.query(
      `UPDATE login_tokens SET expires_at = now() - interval '1 second'`,
    );
    await http().post('/api/auth/session').send({ token }).expect(401);
    // Just inside the quarter of an hour it still works.
    await askLink().expect(202);
    await system.dataSource.query(
      `UPDATE login_tokens SET created_at = now() - interval '14 minutes 50 seconds',
       expires_at = now() + interval '10 seconds' WHERE used_at IS NULL AND token_hash IS NOT NULL`,
    );
    await http()
      .post('/api/auth/session')
      .send({ token: await smtp.lastToken(email) })
      .expect(201);
  });

  it('answers the same for an unknown address, and mails nothing', async () => {
    const known = await askLink().expect(202);
    const unknown = await askLink('personne@ailleurs.test').expect(202);
    expect(unknown.body).toEqual(known.body);
    await smtp.waitForMail(email); // the known address's mail, asked first, has arrived
    expect(smtp.to('personne@ailleurs.test')).toHaveLength(0);
  });

  it('limits link requests per address, then per IP, with 429', async () => {
    for (let i = 0; i < 5; i++) await askLink().expect(202);
    const limited = await askLink().expect(429);
    expect(limited.body).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
    expect(limited.body.message).toMatch(/réessayez/);
    expect(await smtp.waitForMails(email, 5)).toHaveLength(5);
    // Other addresses from the same IP: the per-IP limit (8 granted in 15 minutes) stops them too.
    for (let i = 0; i < 3; i++) await askLink(`autre${i}@insertion.test`).expect(202);
    await askLink('encore@insertion.test').expect(429);
  });

  it('rejects a malformed address with a French message naming the field', async () => {
    const response = await askLink('pas-une-adresse').expect(400);
    expect(response.body.problems[0]).toMatchObject({ path: 'email' });
    expect(response.body.problems[0].message).toMatch(/invalide/i);
  });

  it('closes one session, or all of them everywhere; changes need the CSRF token', async () => {
    const open = async () => {
      await askLink().expect(202);
      const opened = await http()
        .post('/api/auth/session')
        .send({ token: await smtp.lastToken(email) })
        .expect(201);
      return {
        cookie: pairOf(setSession(opened)),
        csrf: opened.body.csrfToken as string,
      };
    };
    const laptop = await open();
    const phone = await open();
    const tablet = await open();

    const noCsrf = await http().post('/api/auth/logout').set('Cookie', laptop.cookie).expect(403);
    expect(noCsrf.body.code).toBe('CSRF_TOKEN_INVALID');
    await http()
      .post('/api/auth/logout')
      .set('Cookie', laptop.cookie)
      .set('X-CSRF-Token', phone.csrf)
      .expect(403);

    await http()
      .post('/api/auth/logout')
      .set('Cookie', laptop.cookie)
      .set('X-CSRF-Token', laptop.csrf)
      .expect(204);
    await http().get('/api/auth/me').set('Cookie', laptop.cookie).expect(401);
    await http().get('/api/auth/me').set('Cookie', phone.cookie).expect(200);

    const everywhere = await http()
      .post('/api/auth/logout-all')
      .set('Cookie', phone.cookie)
      .set('X-CSRF-Token', phone.csrf)
      .expect(201);
    expect(everywhere.body).toEqual({ sessionsClosed: 2 });
    await http().get('/api/auth/me').set('Cookie', phone.cookie).expect(401);
    await http().get('/api/auth/me').set('Cookie', tablet.cookie).expect(401);
  });

  it('keeps only hashes of secrets in the database', async () => {
    await askLink().expect(202);
    const token = await smtp.lastToken(email);
    const opened = await http().post('/api/auth/session').send({ token }).expect(201);
    const cookieValue = at(pairOf(setSession(opened)).split('='), 1);
    const dump = JSON.stringify(
      await system.dataSource.query('SELECT * FROM login_tokens, sessions'),
    );
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(cookieValue);
  });
});
