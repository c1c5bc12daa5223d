import request from 'supertest';
import type { DataSource } from 'typeorm';
import { required } from '@cordage/domain';
import { issueLoginToken } from '@cordage/testing';
import { type SignedIn, openSession, signIn } from './support/actors';
import { moveBid } from './support/bid-state';
import { storeTestDocument } from './support/stored-document';
import { exampleBidWithCoordinator, memberByKey, systemForTests } from './support/system';

jest.setTimeout(240_000);

/**
 * Sessions and one-time secrets, tried as an outsider: a session closed everywhere, the CSRF
 * token of another person's session, a signing code used for another member.
 */
describe('Sessions and one-time secrets as an outsider', () => {
  const system = systemForTests({ worker: false });
  let dataSource: DataSource;
  let bidId: string;
  let coordinator: SignedIn;

  const count = async (sql: string, parameters: unknown[] = []) =>
    Number(required((await dataSource.query<{ n: string }[]>(sql, parameters))[0], sql).n);

  beforeAll(async () => {
    ({ dataSource } = system);
    ({ bidId, coordinator } = await exampleBidWithCoordinator(system, {
      network: 'Réseau des sessions',
      coordinatorEmail: 'coord@sessions.test',
    }));
  });

  it('refuses every change from a session closed by “log out everywhere”, writing nothing', async () => {
    const { id: userId, email } = { id: coordinator.userId, email: coordinator.email };
    const token = required(await issueLoginToken(system.api, { email, userId }), 'the token');
    const other = await openSession(system.api, token, email, userId);
    await coordinator.post('/api/auth/logout-all').expect(201);
    const audit = await count('SELECT count(*) AS n FROM audit_events');
    const member = await memberByKey(dataSource, bidId, 'org-002');
    for (const session of [coordinator, other]) {
      const withdraw = await session
        .post(`/api/bids/${bidId}/members/${member.id}/withdraw`)
        .send({ reason: 'Une session fermée' });
      expect(withdraw.status).toBe(401);
      expect(withdraw.body).toMatchObject({ code: 'UNAUTHENTICATED' });
      expect((await session.get(`/api/bids/${bidId}`)).status).toBe(401);
    }
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(audit);
    const [row] = await dataSource.query<{ status: string }[]>(
      'SELECT status FROM members WHERE id = $1',
      [member.id],
    );
    expect(row?.status).not.toBe('WITHDRAWN');
    coordinator = await signIn(system.api, dataSource, coordinator.email);
  });

  it('refuses a change that carries another person’s CSRF token, or none, writing nothing', async () => {
    const networkId = required(
      (
        await dataSource.query<{ network_id: string }[]>(
          'SELECT network_id FROM bids WHERE id = $1',
          [bidId],
        )
      )[0],
      'the bid',
    ).network_id;
    const colleague = await signIn(system.api, dataSource, 'collegue@sessions.test', [
      { role: 'COORDINATOR', networkId },
    ]);
    const member = await memberByKey(dataSource, bidId, 'org-003');
    const audit = await count('SELECT count(*) AS n FROM audit_events');
    const url = `/api/bids/${bidId}/members/${member.id}/withdraw`;
    const borrowed = await coordinator.agent
      .post(url)
      .set('X-CSRF-Token', colleague.csrf)
      .send({ reason: 'Jeton emprunté' });
    expect(borrowed.status).toBe(403);
    expect(borrowed.body).toMatchObject({ code: 'CSRF_TOKEN_INVALID' });
    const none = await coordinator.agent.post(url).send({ reason: 'Sans jeton' });
    expect(none.status).toBe(403);
    // A CSRF token with no cookie is no session at all.
    const cookieless = await request(system.api.getHttpServer())
      .post(url)
      .set('X-CSRF-Token', coordinator.csrf)
      .send({ reason: 'Sans cookie' });
    expect(cookieless.status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(audit);
  });

  describe('a signing code', () => {
    let documentId: string;
    let x: { id: string; organisationId: string };
    let y: { id: string; organisationId: string };
    /** Signs for both x and y. */
    let both: SignedIn;
    /** Signs for y only. */
    let onlyY: SignedIn;

    beforeAll(async () => {
      documentId = await storeTestDocument(dataSource, bidId);
      await dataSource.query('UPDATE documents SET frozen_at = now() WHERE id = $1', [documentId]);
      await moveBid(dataSource, bidId, 'SIGNING', 1000);
      x = await memberByKey(dataSource, bidId, 'org-004');
      y = await memberByKey(dataSource, bidId, 'org-005');
      both = await signIn(system.api, dataSource, 'signe-deux@sessions.test', [
        { role: 'SIGNATORY', organisationId: x.organisationId },
        { role: 'SIGNATORY', organisationId: y.organisationId },
      ]);
      onlyY = await signIn(system.api, dataSource, 'signe-y@sessions.test', [
        { role: 'SIGNATORY', organisationId: y.organisationId },
      ]);
    });

    async function codeMailedTo(email: string): Promise<string> {
      const [mail] = await dataSource.query<{ body: string }[]>(
        `SELECT body FROM outgoing_mails WHERE recipient = $1 ORDER BY created_at DESC LIMIT 1`,
        [email],
      );
      return required(/\b(\d{6})\b/.exec(required(mail, `a mail to ${email}`).body)?.[1], 'code');
    }

    const signingRequests = () =>
      count(`SELECT count(*) AS n FROM job_requests WHERE kind = 'SIGNING' AND bid_id = $1`, [
        bidId,
      ]);

    it('works only for the member it was asked for, and the person it was mailed to', async () => {
      await both
        .post(`/api/bids/${bidId}/members/${x.id}/signature-code`)
        .send({ documentId })
        .expect(200);
      const code = await codeMailedTo(both.email);
      const before = await signingRequests();

      // The same person, for the other member it signs for: no code was asked for that one.
      const otherMember = await both
        .post(`/api/bids/${bidId}/members/${y.id}/signatures`)
        .send({ documentId, code });
      expect(otherMember.status).toBeGreaterThanOrEqual(400);
      expect(otherMember.status).toBeLessThan(500);
      // Another signatory of that member, with the code it read over a shoulder.
      await onlyY.post(`/api/bids/${bidId}/members/${y.id}/signature-code`).send({ documentId });
      const otherPerson = await onlyY
        .post(`/api/bids/${bidId}/members/${y.id}/signatures`)
        .send({ documentId, code });
      expect(otherPerson.status).toBe(403);
      // And for the member the code belongs to, someone who does not sign for it.
      expect(
        (
          await onlyY
            .post(`/api/bids/${bidId}/members/${x.id}/signatures`)
            .send({ documentId, code })
        ).status,
      ).toBe(403);
      expect(await signingRequests()).toBe(before);

      // The code itself was right: for its member and its person, it is accepted.
      await both
        .post(`/api/bids/${bidId}/members/${x.id}/signatures`)
        .send({ documentId, code })
        .expect(202);
      expect(await signingRequests()).toBe(before + 1);
    });
  });
});
