import { at, required } from '@cordage/domain';
import { AccessRepository } from '@cordage/persistence';
import { SmtpSink, exampleScenario, issueLoginToken, siretFor } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { collectingBidFromScratch, memberWithEditor, systemForTests } from './support/system';

describe('Members of a bid: invitations, answers, data and offers, and what each may see', () => {
  const smtp = new SmtpSink();
  // Mail leaves through the outbox: the system's worker sends it.
  const system = systemForTests({ smtp });
  let bidId: string;
  let reference: string;
  let coordinator: SignedIn;
  let outsider: SignedIn;
  let editor: SignedIn;
  let otherEditor: SignedIn;
  let member: { id: string; organisationId: string };
  let other: { id: string; organisationId: string };

  beforeEach(async () => {
    const scenario = exampleScenario();
    reference = (scenario.tender as { reference: string }).reference;
    ({ bidId, coordinator, outsider, member, editor } = await collectingBidFromScratch(
      system,
      scenario,
    ));
    ({ member: other, editor: otherEditor } = await memberWithEditor(system, bidId, 'org-002'));
    smtp.mails.length = 0;
  });

  const offersOf = (memberId: string) =>
    system.dataSource.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM offers WHERE member_id = $1',
      [memberId],
    );

  it('refuses another network’s coordinator by id, leaving no trace of the bid in the answer', async () => {
    const answers = [
      await outsider.get(`/api/bids/${bidId}`).expect(404),
      await outsider.get(`/api/bids/${bidId}/offers`).expect(404),
      await outsider.get(`/api/bids/${bidId}/history`).expect(404),
      await outsider.get(`/api/bids/${bidId}/members/${member.id}/offers`).expect(404),
      await outsider.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(404),
      await outsider
        .post(`/api/bids/${bidId}/members/${member.id}/withdraw`)
        .send({ reason: 'x' })
        .expect(404),
    ];
    const text = answers.map((answer) => answer.text).join('\n');
    expect(text).not.toContain(bidId);
    expect(text).not.toContain(reference);
    expect(text).not.toContain('Rénov');
    // Same answer as for a bid that does not exist: existence is not revealed.
    const missing = await outsider
      .get('/api/bids/6d1f7f0e-2b9a-4c55-8c43-3c8f4b0c2a11')
      .expect(404);
    expect({ ...at(answers, 0).body, requestId: null }).toEqual({
      ...missing.body,
      requestId: null,
    });
    const list = await outsider.get('/api/bids').expect(200);
    expect(list.body).toEqual([]);
    const [{ transparency }] = await system.dataSource.query('SELECT transparency FROM bids');
    expect(transparency).toBe('ALLOCATION_ONLY');
  });

  it('lets a member see and change only its own offers and data', async () => {
    const before = await offersOf(member.id);
    const write = await otherEditor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({ offers: [] })
      .expect(403);
    expect(write.body.message).toMatch(/Accès refusé/);
    await otherEditor
      .patch(`/api/bids/${bidId}/members/${member.id}`)
      .send({ insertionHoursMax: 1 })
      .expect(403);
    const read = await otherEditor
      .get(`/api/bids/${bidId}/members/${member.id}/offers`)
      .expect(403);
    expect(read.text).not.toContain('COM:93');
    expect(await offersOf(member.id)).toEqual(before);

    // The bid itself: everyone's split, but others' offers and caps are not shown.
    const bid = (await otherEditor.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.offersShared).toBe(false);
    const seenMember = bid.members.find((m: { id: string }) => m.id === member.id);
    expect(seenMember).toMatchObject({ offerCount: 0, offeredHours: 0, limits: null });
    const ownMember = bid.members.find((m: { id: string }) => m.id === other.id);
    expect(ownMember.offerCount).toBeGreaterThan(0);
    const offers = (await otherEditor.get(`/api/bids/${bidId}/offers?limit=1000`).expect(200)).body
      .items;
    expect(offers.length).toBe(ownMember.offerCount);
    expect(offers.every((offer: { member: string }) => offer.member === 'org-002')).toBe(true);

    // Once the coordinator opens the offers, members see each other's.
    await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    const opened = (await otherEditor.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(opened.offersShared).toBe(true);
    expect(
      opened.members.find((m: { id: string }) => m.id === member.id).offerCount,
    ).toBeGreaterThan(0);
    await otherEditor.get(`/api/bids/${bidId}/members/${member.id}/offers`).expect(200);
  });

  it('keeps an organisation’s particulars: its editor and the coordinator set them, others may not', async () => {
    const path = `/api/bids/${bidId}/members/${member.id}/particulars`;
    const empty = (await otherEditor.get(path).expect(200)).body;
    expect(empty).toMatchObject({
      kind: 'EI',
      legalForm: null,
      registeredAddress: null,
      approvalName: 'conventionnement d’insertion par l’activité économique',
    });
    const particulars = {
      legalForm: 'SCIC',
      registeredAddress: '12 rue de la République, 93200 Saint-Denis',
      approvalNumber: '93-2024-0117',
      approvalAuthority: 'DREETS Île-de-France',
      representativeCapacity: 'directrice générale',
    };
    await otherEditor.put(path).send(particulars).expect(403);
    await outsider.get(path).expect(404);
    await outsider.put(path).send(particulars).expect(404);
    const bad = await editor
      .put(path)
      .send({ ...particulars, legalForm: 'GIE', registeredAddress: 'x'.repeat(301) })
      .expect(400);
    expect(bad.body.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          path: 'legalForm',
          message: expect.stringMatching(/^forme juridique/),
        }),
        expect.objectContaining({
          path: 'registeredAddress',
          message: 'adresse du siège : 300 caractères au plus',
        }),
      ]),
    );
    // Nothing half-written.
    expect((await editor.get(path).expect(200)).body.legalForm).toBeNull();

    expect((await editor.put(path).send(particulars).expect(200)).body).toMatchObject(particulars);
    await coordinator
      .put(path)
      .send({ ...particulars, representativeCapacity: 'présidente' })
      .expect(200);
    // Kept in the bid's network's own entry of the organisation (issue 17).
    const [row] = await system.dataSource.query(
      `SELECT n.legal_form, n.address, n.representative_capacity FROM network_organisations n
       JOIN bids b ON b.network_id = n.network_id
       WHERE b.id = $1 AND n.organisation_id = $2`,
      [bidId, member.organisationId],
    );
    expect(row).toEqual({
      legal_form: 'SCIC',
      address: particulars.registeredAddress,
      representative_capacity: 'présidente',
    });
    // Each change is audited.
    const [audit] = await system.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'organisation.particulars_set' AND bid_id = $1`,
      [bidId],
    );
    expect(audit.n).toBe(2);
  });

  it('refuses fields that are not the caller’s to set (no mass assignment)', async () => {
    const status = await editor
      .patch(`/api/bids/${bidId}/members/${member.id}`)
      .send({ insertionHoursMax: 100, status: 'SIGNED' })
      .expect(400);
    expect(status.body.problems).toContainEqual(
      expect.objectContaining({ path: '$', code: 'UNRECOGNIZED_KEYS' }),
    );
    const offer = await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({
        offers: [
          { lot: 1, territory: 'COM:93066', hours: 10, preference: 'PRIMARY', member: other.id },
        ],
      })
      .expect(400);
    expect(offer.body.problems[0].path).toBe('offers[0]');
    await editor.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(403);
    const [{ status: memberStatus, insertion_hours_max }] = await system.dataSource.query(
      'SELECT status, insertion_hours_max FROM members WHERE id = $1',
      [member.id],
    );
    expect({ memberStatus, insertion_hours_max }).toEqual({
      memberStatus: 'ACCEPTED',
      insertion_hours_max: 2903,
    });
  });

  it('declares offers as a whole form, checked against the bid’s cells, and audits it', async () => {
    const refused = await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({
        offers: [
          { lot: 1, territory: 'COM:93066', hours: 120, preference: 'PRIMARY' },
          { lot: 1, territory: 'COM:75056', hours: 10, preference: 'SECONDARY' },
        ],
      })
      .expect(422);
    expect(refused.body.problems).toEqual([
      expect.objectContaining({ path: 'offers[1].territory', code: 'TERRITORY_OUTSIDE_LOT' }),
    ]);
    const saved = await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({ offers: [{ lot: 1, territory: 'COM:93066', hours: 120.5, preference: 'PRIMARY' }] })
      .expect(200);
    expect(saved.body).toEqual({ offers: 1, status: 'DATA_COMPLETE', warnings: [] });
    const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body.items;
    expect(history[0]).toMatchObject({
      actor: 'ed@org-001.test',
      action: 'member.offers_declared',
      after: { offers: 1, hours: 120.5, status: 'DATA_COMPLETE' },
    });
  });

  it('saves the declaration and its limits together, or nothing', async () => {
    type MemberData = { id: string; insertionHoursMax: number | null; limits: unknown };
    const limitsOf = async (): Promise<MemberData | undefined> => {
      const { members } = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
        members: MemberData[];
      };
      return members.find((m) => m.id === member.id);
    };
    const before = await limitsOf();
    const form = {
      insertionHoursMax: 321,
      limits: { maxHours: 900, maxRevenueCents: 4_500_000 },
    };
    await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({
        ...form,
        offers: [{ lot: 1, territory: 'COM:75056', hours: 5, preference: 'PRIMARY' }],
      })
      .expect(422);
    const untouched = await limitsOf();
    expect([untouched?.insertionHoursMax, untouched?.limits]).toEqual([
      before?.insertionHoursMax,
      before?.limits,
    ]);
    await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({
        ...form,
        offers: [{ lot: 1, territory: 'COM:93066', hours: 80, preference: 'PRIMARY' }],
      })
      .expect(200);
    expect(await limitsOf()).toMatchObject(form);
  });

  it('tells a coordinator the names of the networks they coordinate', async () => {
    const me = (await coordinator.get('/api/auth/me').expect(200)).body;
    expect(me.networks).toEqual([{ id: me.roles.coordinatorOf[0], name: 'Réseau A' }]);
  });

  it('invites an organisation by mail and SIRET; its editor signs in by the link and answers', async () => {
    const siret = siretFor(9, 1);
    const invited = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({
        email: ' Contact@Atelier-Neuf.test',
        idScheme: 'SIRET',
        id: siret,
        organisation: {
          legalName: 'Atelier Neuf',
          kind: 'ACI',
          employees: 12,
          home: 'COM:93048',
          representative: { name: 'Camille Martin', title: 'Présidente' },
        },
      })
      .expect(201);
    expect(invited.body).toMatchObject({ key: 'atelier-neuf' });
    const mail = await smtp.waitForMail('contact@atelier-neuf.test');
    expect(mail.subject).toContain(reference);
    expect(mail.text).toContain('Atelier Neuf');

    // The invited contact follows the link and declines, then changes its mind.
    const { default: request } = await import('supertest');
    const agent = request.agent(system.api.getHttpServer());
    const session = await agent
      .post('/api/auth/session')
      .send({ token: await smtp.lastToken('contact@atelier-neuf.test') });
    expect(session.status).toBe(201);
    const csrf = session.body.csrfToken as string;
    const memberId = invited.body.memberId as string;
    // Invited as an editor only: signing needs the coordinator to say the person signs.
    const roles = (await agent.get('/api/auth/me').expect(200)).body.roles;
    expect(roles.editorOf).toEqual([invited.body.organisationId]);
    expect(roles.signatoryOf).toEqual([]);
    await agent
      .post(`/api/bids/${bidId}/members/${memberId}/decline`)
      .set('X-CSRF-Token', csrf)
      .send({ reason: 'Pas d’équipe disponible en janvier' })
      .expect(204);
    let bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.members.find((m: { id: string }) => m.id === memberId)).toMatchObject({
      status: 'DECLINED',
      declineReason: 'Pas d’équipe disponible en janvier',
    });
    await agent
      .post(`/api/bids/${bidId}/members/${memberId}/accept`)
      .set('X-CSRF-Token', csrf)
      .expect(204);
    bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body;
    expect(bid.members.find((m: { id: string }) => m.id === memberId).status).toBe('ACCEPTED');

    // The same organisation twice: refused.
    const again = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({ email: 'autre@atelier-neuf.test', idScheme: 'SIRET', id: siret })
      .expect(409);
    expect(again.body.code).toBe('ALREADY_MEMBER');
    // A wrong check digit is named.
    const wrong = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({
        email: 'x@y.test',
        idScheme: 'SIRET',
        id: `${siret.slice(0, 13)}${(Number(siret[13]) + 1) % 10}`,
      })
      .expect(400);
    expect(wrong.body.problems[0]).toMatchObject({ path: 'id' });
    expect(wrong.body.problems[0].message).toMatch(/Luhn/);
  });

  it('makes an invited person the signatory of their organisation when the coordinator says so', async () => {
    const invited = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({
        email: 'direction@regie-est.test',
        idScheme: 'SIRET',
        id: siretFor(9, 2),
        signatory: true,
        organisation: {
          legalName: 'Régie de l’Est',
          kind: 'EI',
          employees: 30,
          home: 'COM:93048',
          representative: { name: 'Nora Benali', title: 'Directrice' },
        },
      })
      .expect(201);
    const { default: request } = await import('supertest');
    const agent = request.agent(system.api.getHttpServer());
    await agent
      .post('/api/auth/session')
      .send({ token: await smtp.lastToken('direction@regie-est.test') })
      .expect(201);
    const roles = (await agent.get('/api/auth/me').expect(200)).body.roles;
    expect(roles.editorOf).toEqual([invited.body.organisationId]);
    expect(roles.signatoryOf).toEqual([invited.body.organisationId]);
  });

  /** A new organisation invited by the coordinator: its member id and the invited address. */
  async function inviteNew(email: string, index: number) {
    const invited = await coordinator
      .post(`/api/bids/${bidId}/invitations`)
      .send({
        email,
        idScheme: 'SIRET',
        id: siretFor(9, index),
        organisation: {
          legalName: `Atelier ${index}`,
          kind: 'ACI',
          employees: 8,
          home: 'COM:93048',
          representative: { name: 'Lou Petit', title: 'Président' },
        },
      })
      .expect(201);
    expect(invited.body.representation).toBe('GRANTED');
    return invited.body.memberId as string;
  }
  const openSession = async (token: string) => {
    const { default: request } = await import('supertest');
    return request(system.api.getHttpServer()).post('/api/auth/session').send({ token });
  };
  /** Moves every link and login token of `email` back in time, as if `interval` had passed. */
  const age = (email: string, interval: string) =>
    system.dataSource.query(
      `WITH u AS (SELECT id FROM users WHERE email = $1)
       UPDATE invitation_links SET created_at = created_at - $2::interval,
         expires_at = expires_at - $2::interval WHERE user_id = (SELECT id FROM u)`,
      [email, interval],
    );

  it('mails an invitation link that still works after 15 minutes, unlike a sign-in link, once', async () => {
    await inviteNew('jours@atelier.test', 21);
    const mail = await smtp.waitForMail('jours@atelier.test');
    expect(mail.text).toContain('valable 7 jours, une seule fois');
    const token = await smtp.lastToken('jours@atelier.test');
    await age('jours@atelier.test', '16 minutes');
    // A sign-in link of the same age is refused: the two are different links.
    const invited = required(
      await system.persistence.get(AccessRepository).findUserByEmail('jours@atelier.test'),
      'the invited user',
    );
    // A token is issued for a known user.
    const signInToken = required(
      await issueLoginToken(system.persistence, {
        email: 'jours@atelier.test',
        userId: invited.id,
      }),
      'the sign-in token',
    );
    await system.dataSource.query(
      `UPDATE login_tokens SET created_at = created_at - interval '16 minutes',
         expires_at = expires_at - interval '16 minutes' WHERE token_hash IS NOT NULL`,
    );
    expect((await openSession(signInToken)).status).toBe(401);
    expect((await openSession(token)).status).toBe(201);
    // Once only.
    expect((await openSession(token)).status).toBe(401);
  }, 30_000);

  it('refuses an invitation link past its days', async () => {
    await inviteNew('tard@atelier.test', 22);
    await age('tard@atelier.test', '7 days 1 minute');
    expect((await openSession(await smtp.lastToken('tard@atelier.test'))).status).toBe(401);
  }, 30_000);

  it('lets the coordinator send a new link (the old one stops working) or revoke it', async () => {
    const memberId = await inviteNew('renvoi@atelier.test', 23);
    const first = await smtp.lastToken('renvoi@atelier.test');
    await coordinator.post(`/api/bids/${bidId}/members/${memberId}/invitation-link`).expect(204);
    const second = await smtp.lastToken('renvoi@atelier.test');
    expect(second).not.toBe(first);
    expect((await openSession(first)).status).toBe(401);
    // Revoked before use: the second link no longer opens anything either.
    const revoked = await coordinator
      .delete(`/api/bids/${bidId}/members/${memberId}/invitation-link`)
      .expect(200);
    expect(revoked.body).toEqual({ revoked: 1 });
    expect((await openSession(second)).status).toBe(401);
    await coordinator.post(`/api/bids/${bidId}/members/${memberId}/invitation-link`).expect(204);
    expect((await openSession(await smtp.lastToken('renvoi@atelier.test'))).status).toBe(201);
    const actions = await system.dataSource.query<{ action: string }[]>(
      `SELECT action FROM audit_events WHERE entity_id = $1 ORDER BY seq`,
      [memberId],
    );
    expect(actions.map((row) => row.action)).toEqual([
      'member.invited',
      'member.invitation_link_sent',
      'member.invitation_link_revoked',
      'member.invitation_link_sent',
    ]);
    // Not for another network's coordinator, nor once the member has answered.
    await outsider.post(`/api/bids/${bidId}/members/${memberId}/invitation-link`).expect(404);
    await coordinator.post(`/api/bids/${bidId}/members/${member.id}/invitation-link`).expect(409);
  }, 30_000);

  it('lets the coordinator withdraw a member, after which it declares nothing more', async () => {
    await coordinator
      .post(`/api/bids/${bidId}/members/${member.id}/withdraw`)
      .send({ reason: 'Liquidation judiciaire' })
      .expect(204);
    const refused = await editor
      .put(`/api/bids/${bidId}/members/${member.id}/offers`)
      .send({ offers: [] })
      .expect(422);
    expect(refused.body.message).toBe('Un membre « retiré » ne modifie plus ses capacités.');
    const twice = await coordinator
      .post(`/api/bids/${bidId}/members/${member.id}/withdraw`)
      .send({ reason: 'encore' })
      .expect(422);
    expect(twice.body.problems[0]).toMatchObject({ code: 'INVALID_TRANSITION' });
  });
});
