import { at, required } from '@cordage/domain';
import { siretFor } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { moveBid } from './support/bid-state';
import {
  collectingBidFromScratch,
  memberByKey,
  memberWithEditor,
  systemForTests,
} from './support/system';

interface Versions {
  versions: {
    version: number;
    title: string;
    text: string;
    publishedAt: string;
    publishedBy: string | null;
    acceptances: {
      organisationId: string;
      organisationName: string;
      acceptedBy: string | null;
      acceptedAt: string;
    }[];
  }[];
}

describe('The coordinator’s part: the charter’s versions and who accepted them', () => {
  const system = systemForTests();
  let networkId: string;
  let bidId: string;
  let coordinator: SignedIn;
  let outsider: SignedIn;
  let editor: SignedIn;
  let member: { id: string; organisationId: string };

  beforeEach(async () => {
    ({ networkId, bidId, coordinator, outsider, member, editor } =
      await collectingBidFromScratch(system));
    await system.dataSource.query(`UPDATE users SET display_name = $2 WHERE email = $1`, [
      'coord@a.test',
      'Marie Dupont',
    ]);
    await system.dataSource.query(`UPDATE users SET display_name = $2 WHERE email = $1`, [
      'ed@org-001.test',
      'Paul Martin',
    ]);
  });

  const publish = (title: string, text: string) =>
    coordinator.put(`/api/networks/${networkId}/charter`).send({ title, text });

  it('keeps every version readable, newest first, with who accepted which, by name and date', async () => {
    const empty = await coordinator.get(`/api/networks/${networkId}/charter/versions`).expect(200);
    expect(empty.body).toEqual({ versions: [] });

    await publish('Charte du réseau', 'Transparence, équité, aucun membre évincé.').expect(200);
    await editor
      .post(`/api/bids/${bidId}/members/${member.id}/charter-acceptance`)
      .send({ version: 1 })
      .expect(204);
    await publish('Charte du réseau (2027)', 'Transparence, équité, solidarité entre membres.')
      .expect(200)
      .expect({ version: 2 });

    const read = await coordinator.get(`/api/networks/${networkId}/charter/versions`).expect(200);
    const { versions } = read.body as Versions;
    expect(versions.map((version) => version.version)).toEqual([2, 1]);
    expect(at(versions, 0)).toMatchObject({
      title: 'Charte du réseau (2027)',
      text: 'Transparence, équité, solidarité entre membres.',
      publishedBy: 'Marie Dupont',
      acceptances: [],
    });
    const [organisation] = await system.dataSource.query<{ legal_name: string }[]>(
      'SELECT legal_name FROM organisations WHERE id = $1',
      [member.organisationId],
    );
    expect(at(versions, 1).acceptances).toEqual([
      {
        organisationId: member.organisationId,
        organisationName: organisation?.legal_name,
        acceptedBy: 'Paul Martin',
        acceptedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
      },
    ]);
    expect(Date.parse(at(versions, 1).publishedAt)).not.toBeNaN();
  });

  it('answers 404 to another network’s coordinator and to a partner, and names the bad field', async () => {
    await publish('Charte du réseau', 'Transparence, équité, aucun membre évincé.').expect(200);
    const hidden = await outsider.get(`/api/networks/${networkId}/charter/versions`).expect(404);
    expect(JSON.stringify(hidden.body)).not.toContain('Charte du réseau');
    await editor.get(`/api/networks/${networkId}/charter/versions`).expect(404);
    await outsider
      .put(`/api/networks/${networkId}/charter`)
      .send({ title: 'Charte pirate', text: 'Un texte qui ne passera pas.' })
      .expect(404);
    // A malformed id names no network of this coordinator: hidden as any unknown one.
    await coordinator.get(`/api/networks/not-a-uuid/charter/versions`).expect(404);

    const blank = await publish('  ', 'Transparence, équité.').expect(400);
    expect(blank.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'title' })]),
    );
    const huge = await publish('Charte', 'x'.repeat(100_001)).expect(400);
    expect(huge.body.problems).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'text' })]),
    );
    const versions = await coordinator.get(`/api/networks/${networkId}/charter/versions`);
    expect((versions.body as Versions).versions).toHaveLength(1);
  });

  describe('a declaration entered by the coordinator on the member’s behalf', () => {
    interface Offer {
      territory: string;
      hours: number;
      entered: { by: string; onBehalf: boolean; at: string } | null;
    }
    const offers = (hours: number) => ({
      offers: [{ lot: 1, territory: 'COM:93066', hours, preference: 'PRIMARY' }],
    });
    const path = () => `/api/bids/${bidId}/members/${member.id}/offers`;
    const read = async (who: SignedIn) =>
      ((await who.get(path()).expect(200)).body as { items: Offer[] }).items;

    it('is recorded as such, on the offers and in the history, and the partner sees who entered it', async () => {
      await coordinator.put(path()).send(offers(120.5)).expect(200);
      const seen = await read(editor);
      expect(seen).toEqual([
        expect.objectContaining({
          territory: 'COM:93066',
          hours: 120.5,
          entered: {
            by: 'Marie Dupont',
            onBehalf: true,
            at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as unknown,
          },
        }),
      ]);
      const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body
        .items as { actor: string; action: string; entityId: string; after: unknown }[];
      expect(history.find((entry) => entry.action === 'member.offers_declared')).toMatchObject({
        entityId: member.id,
        after: { offers: 1, hours: 120.5, onBehalf: true, member: 'org-001' },
      });

      // The partner corrects it itself: its own declaration again.
      await editor.put(path()).send(offers(100)).expect(200);
      expect(await read(coordinator)).toEqual([
        expect.objectContaining({
          hours: 100,
          entered: expect.objectContaining({ by: 'Paul Martin', onBehalf: false }) as unknown,
        }),
      ]);
      const after = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body
        .items as { action: string; after: Record<string, unknown> }[];
      const own = after.find((entry) => entry.action === 'member.offers_declared');
      expect(own?.after).not.toHaveProperty('onBehalf');
    });

    it('is refused to another network (404) and to another member’s editor (403), and names a bad field', async () => {
      const { editor: otherEditor } = await memberWithEditor(system, bidId, 'org-002');
      const hidden = await outsider.put(path()).send(offers(10)).expect(404);
      expect(hidden.text).not.toContain(bidId);
      await otherEditor.put(path()).send(offers(10)).expect(403);
      const negative = await coordinator.put(path()).send(offers(-5)).expect(400);
      expect(negative.body.problems[0]).toMatchObject({ path: 'offers[0].hours' });
      const unknown = await coordinator
        .put(path())
        .send({ offers: [{ lot: 1, territory: 'COM:99999', hours: 10, preference: 'PRIMARY' }] })
        // A territory the lot does not have: the domain's refusal, naming the offer.
        .expect(422);
      expect(unknown.body.problems[0].path).toMatch(/^offers\[0\]/);
      const [count] = await system.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM offers WHERE member_id = $1 AND entered_by_id IS NOT NULL',
        [member.id],
      );
      expect(count?.n).toBe(0);
    });
  });

  describe('the member’s signatory, changed by the coordinator', () => {
    const path = (memberId: string) => `/api/bids/${bidId}/members/${memberId}/signatory`;
    // Whom the bid (and so its convention) names for the organisation.
    const representative = async (organisationId: string) => {
      const members = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body.members as {
        organisation: {
          id: string;
          representative: { name: string; title: string; email: string };
        };
      }[];
      const found = members.find((one) => one.organisation.id === organisationId);
      return required(found, 'the member in the bid').organisation.representative;
    };
    // The row every network shares: whom one network names never reaches it (issue 17).
    const sharedRow = async (organisationId: string) =>
      system.dataSource.query<Record<string, string | null>[]>(
        'SELECT legal_name, kind, id_scheme, id_value FROM organisations WHERE id = $1',
        [organisationId],
      );
    const rolesOf = async (email: string, organisationId: string) =>
      (
        await system.dataSource.query<{ role: string }[]>(
          `SELECT ra.role FROM role_assignments ra JOIN users u ON u.id = ra.user_id
           WHERE u.email = $1 AND ra.organisation_id = $2 ORDER BY ra.role`,
          [email, organisationId],
        )
      ).map((row) => row.role);

    it('prints the new person in the convention, audits it, and lets its people confirm it', async () => {
      const signatory = {
        name: 'Claire Bernard',
        capacity: 'Présidente',
        email: 'Claire.Bernard@org-001.test',
      };
      const before = await representative(member.organisationId);
      const shared = await sharedRow(member.organisationId);
      // org-001 has a representative (its editor): the person waits for its confirmation.
      const designated = await coordinator.put(path(member.id)).send(signatory).expect(200);
      expect(designated.body).toMatchObject({
        representation: 'PENDING',
        representationRequestId: expect.any(String) as unknown,
      });
      expect(await representative(member.organisationId)).toEqual({
        name: 'Claire Bernard',
        title: 'Présidente',
        email: 'claire.bernard@org-001.test',
      });
      expect(await sharedRow(member.organisationId)).toEqual(shared);
      expect(await rolesOf('claire.bernard@org-001.test', member.organisationId)).toEqual([]);
      const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body
        .items as { action: string; before: unknown; after: unknown }[];
      expect(history.find((entry) => entry.action === 'member.signatory_designated')).toMatchObject(
        {
          before: { name: before.name, email: before.email },
          after: {
            name: 'Claire Bernard',
            capacity: 'Présidente',
            email: 'claire.bernard@org-001.test',
            member: 'org-001',
            asked: ['SIGNATORY'],
          },
        },
      );

      // An organisation nobody represents yet: the person signs for it at once.
      const lone = await memberByKey(system.dataSource, bidId, 'org-002');
      await coordinator
        .put(path(lone.id))
        .send({ name: 'Jean Roux', capacity: 'Gérant', email: 'jean.roux@org-002.test' })
        .expect(200)
        .expect({ representation: 'GRANTED', representationRequestId: null });
      expect(await rolesOf('jean.roux@org-002.test', lone.organisationId)).toEqual(['SIGNATORY']);
    });

    it('is refused while a convention of the organisation is being signed, saying why', async () => {
      await moveBid(system.dataSource, bidId, 'SIGNING');
      const before = await representative(member.organisationId);
      const refused = await coordinator
        .put(path(member.id))
        .send({ name: 'Claire Bernard', capacity: 'Présidente', email: 'claire@org-001.test' })
        .expect(422);
      expect(refused.body.message).toMatch(
        /^Le signataire de .+ ne peut pas changer pendant la signature de la convention/,
      );
      expect(refused.body.problems[0]).toMatchObject({
        path: 'email',
        code: 'CONVENTION_IN_SIGNATURE',
      });
      expect(await representative(member.organisationId)).toEqual(before);
    });

    it('answers 404 to another network, 403 to another member’s editor, and names a bad field', async () => {
      const { editor: otherEditor } = await memberWithEditor(system, bidId, 'org-002');
      const body = { name: 'Claire Bernard', capacity: 'Présidente', email: 'claire@org-001.test' };
      const before = await representative(member.organisationId);
      const hidden = await outsider.put(path(member.id)).send(body).expect(404);
      expect(hidden.text).not.toContain(bidId);
      await otherEditor.put(path(member.id)).send(body).expect(403);
      const email = await coordinator
        .put(path(member.id))
        .send({ ...body, email: 'pas-une-adresse' })
        .expect(400);
      expect(email.body.problems[0]).toMatchObject({ path: 'email' });
      const name = await coordinator
        .put(path(member.id))
        .send({ ...body, name: 'x'.repeat(201) })
        .expect(400);
      expect(name.body.problems[0]).toMatchObject({ path: 'name' });
      const blank = await coordinator
        .put(path(member.id))
        .send({ ...body, capacity: '   ' })
        .expect(400);
      expect(blank.body.problems[0]).toMatchObject({ path: 'capacity' });
      expect(await representative(member.organisationId)).toEqual(before);
      // The member's own editor may name its signatory too.
      await editor.put(path(member.id)).send(body).expect(200);
    });
  });

  describe('the role chosen on invitation', () => {
    const organisation = (index: number, legalName: string) => ({
      idScheme: 'SIRET',
      id: siretFor(91, index),
      organisation: {
        legalName,
        kind: 'ACI',
        employees: 12,
        home: 'COM:93048',
        representative: { name: 'Camille Martin', title: 'Présidente' },
      },
    });
    const invite = (body: Record<string, unknown>) =>
      coordinator.post(`/api/bids/${bidId}/invitations`).send(body);
    const memberRow = async (memberId: string) =>
      at(
        await system.dataSource.query<{ role: string }[]>(
          'SELECT role FROM members WHERE id = $1',
          [memberId],
        ),
        0,
      );

    it('invites a subcontractor of a member, with its contract, and a new mandataire', async () => {
      const sub = await invite({
        email: 'contact@sous-traitant.test',
        ...organisation(1, 'Atelier Sous-traitant'),
        role: 'SOUS_TRAITANT',
        subcontract: {
          principalMemberId: member.id,
          lot: 1,
          nature: 'Préparation des supports',
          maxAmountCents: 1_250_050,
        },
      }).expect(201);
      const subId = (sub.body as { memberId: string }).memberId;
      expect(await memberRow(subId)).toEqual({ role: 'SOUS_TRAITANT' });
      const contracts = await system.dataSource.query<
        { principal_id: string; nature: string; max_amount_cents: string; kind: string }[]
      >(
        'SELECT principal_id, nature, max_amount_cents, kind FROM subcontracts WHERE subcontractor_id = $1',
        [subId],
      );
      expect(contracts).toEqual([
        {
          principal_id: member.id,
          nature: 'Préparation des supports',
          max_amount_cents: '1250050',
          kind: 'SOUS_TRAITANCE',
        },
      ]);
      const bid = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as {
        members: { id: string; role: string }[];
        consortium: { mandataire: { organisationId: string } };
      };
      expect(bid.members.find((one) => one.id === subId)?.role).toBe('SOUS_TRAITANT');

      const lead = await invite({
        email: 'contact@mandataire.test',
        ...organisation(2, 'Atelier Mandataire'),
        role: 'MANDATAIRE',
      }).expect(201);
      const leadBody = lead.body as { memberId: string; organisationId: string };
      expect(await memberRow(leadBody.memberId)).toEqual({ role: 'COTRAITANT' });
      const after = (await coordinator.get(`/api/bids/${bidId}`).expect(200)).body as typeof bid;
      expect(after.consortium.mandataire.organisationId).toBe(leadBody.organisationId);
      const history = (await coordinator.get(`/api/bids/${bidId}/history`).expect(200)).body
        .items as { action: string; after: Record<string, unknown> }[];
      expect(
        history.find(
          (entry) => entry.action === 'member.invited' && entry.after.role === 'MANDATAIRE',
        )?.after,
      ).toMatchObject({ formerMandataire: bid.consortium.mandataire.organisationId });
    });

    it('refuses a subcontractor without its contract, for a stranger to the bid, or on an unknown lot, writing nothing', async () => {
      const count = async () =>
        at(
          await system.dataSource.query<{ n: number }[]>(
            'SELECT count(*)::int AS n FROM members WHERE bid_id = $1',
            [bidId],
          ),
          0,
        ).n;
      const before = await count();
      const base = {
        email: 'contact@refuse.test',
        ...organisation(3, 'Atelier Refusé'),
        role: 'SOUS_TRAITANT',
      };
      // The form's own checks answer 400; the bid's facts (its lots, its members) 422.
      const missing = await invite(base).expect(400);
      expect(missing.body.problems[0]).toMatchObject({ path: 'subcontract' });
      const contract = {
        principalMemberId: member.id,
        lot: 1,
        nature: 'Peinture',
        maxAmountCents: 100,
      };
      const unknownLot = await invite({ ...base, subcontract: { ...contract, lot: 99 } }).expect(
        422,
      );
      expect(unknownLot.body.problems[0]).toMatchObject({ path: 'subcontract.lot' });
      const stranger = await invite({
        ...base,
        subcontract: { ...contract, principalMemberId: '00000000-0000-4000-8000-000000000000' },
      }).expect(422);
      expect(stranger.body.problems[0]).toMatchObject({ path: 'subcontract.principalMemberId' });
      const hugeLot = await invite({ ...base, subcontract: { ...contract, lot: 2 ** 31 } }).expect(
        400,
      );
      expect(hugeLot.body.problems[0]).toMatchObject({ path: 'subcontract.lot' });
      const stray = await invite({ ...base, role: 'COTRAITANT', subcontract: contract }).expect(
        400,
      );
      expect(stray.body.problems[0]).toMatchObject({ path: 'subcontract' });
      const role = await invite({ ...base, role: 'PATRON' }).expect(400);
      expect(role.body.problems[0]).toMatchObject({ path: 'role' });
      expect(await count()).toBe(before);
      await outsider
        .post(`/api/bids/${bidId}/invitations`)
        .send({ ...base, subcontract: contract })
        .expect(404);
      await editor
        .post(`/api/bids/${bidId}/invitations`)
        .send({ ...base, subcontract: contract })
        .expect(403);
      expect(await count()).toBe(before);
    });
  });
});
