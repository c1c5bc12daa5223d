import request from 'supertest';
import { type Scenario, hashSecret, required } from '@cordage/domain';
import { SmtpSink, readExampleScenario } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import { contractUnderWay, memberEditors } from './support/after-award';
import { moveBid } from './support/bid-state';
import {
  exampleBidWithCoordinator,
  memberByKey,
  otherNetworkCoordinator,
  systemForTests,
} from './support/system';

interface CarryOver {
  lots: {
    carried: {
      number: number;
      previousNumber: number;
      amountCents: number;
      amountChangeCents: number;
    }[];
    added: { number: number; title: string; amountCents: number }[];
    removed: { number: number }[];
  };
  cells: {
    added: { lot: number; territory: string }[];
    removed: { lot: number; territory: string }[];
    demandChanged: { lot: number; territory: string }[];
  };
  members: {
    carried: { key: string; charter: string }[];
    leftOut: { key: string; reason: string }[];
  };
  offers: {
    carried: {
      org: string;
      lot: number;
      territory: string;
      hours: number;
      preference: string;
      source: string;
      previousHours: number;
    }[];
    dropped: { org: string; lot: number; territory: string; hours: number; reason: string }[];
  };
  split: {
    lot: number;
    amountCents: number;
    lines: { org: string; territory: string; amountCents: number }[];
    unassignedCents: number;
  }[];
}

const REMOVED_CELL = 'COM:93001';
const example = readExampleScenario() as unknown as Scenario;

/**
 * The next tender after the example's: lot 1 without Aubervilliers (COM:93001) and a larger
 * amount, lot 2 with one cell asking more hours, lot 3 (lost) gone, lot 4 unchanged, a new lot 5.
 */
function nextTender(): Record<string, unknown> {
  const lots = structuredClone(example.tender.lots);
  const lot1 = required(lots[0], 'lot 1');
  lot1.cells = lot1.cells.filter((cell) => cell.territory !== REMOVED_CELL);
  lot1.amountCents += 1_000_001;
  const lot2 = required(lots[1], 'lot 2');
  const firstOf2 = required(lot2.cells[0], 'a cell of lot 2');
  firstOf2.demandHours += 100;
  return {
    ...structuredClone(example.tender),
    reference: '2031-D93-PEINT',
    title: 'Remise en peinture des collèges publics de la Seine-Saint-Denis (2031-2034)',
    deadline: '2035-11-15T12:00:00+01:00',
    lots: [
      lot1,
      lot2,
      required(lots[3], 'lot 4'),
      {
        number: 5,
        title: 'Lot 5 - Signalétique',
        amountCents: 5_000_000,
        insertionHours: 100,
        cells: [{ territory: 'COM:93008', demandHours: 400 }],
      },
    ],
  };
}

const SUBJECT = 'Renouvellement : candidature groupée 2031-D93-PEINT';

describe('Renewal: the next tender started from a finished bid', () => {
  const smtp = new SmtpSink();
  const system = systemForTests({ smtp });
  let bidId: string;
  let networkId: string;
  let coordinator: SignedIn;
  const editorOf = memberEditors(system, () => bidId);
  /** The member that declared realised hours on lot 1, where, and how many. */
  let declared: { key: string; territory: string; hours: number };
  const leaving = 'org-014';
  /** Subcontractors come back with their principal's next subcontract, not by themselves. */
  const subcontractors = new Set(example.subcontracts.map((s) => s.subcontractor));

  beforeAll(async () => {
    const started = await contractUnderWay(system);
    ({ bidId, networkId, coordinator } = started);
    const line = required(
      started.lot1.find(
        (l) =>
          l.period === 1 &&
          l.plannedHundredths > 0 &&
          l.territory !== REMOVED_CELL &&
          l.member !== leaving,
      ),
      'a planned line of lot 1',
    );
    const { memberId, editor } = await editorOf(line.member);
    const entry = (period: number, hours: number) => ({
      lot: 1,
      territory: line.territory,
      period,
      hours,
      revenueCents: 100_000,
      insertionHours: 0,
      insertionPeople: 0,
    });
    await editor
      .post(`/api/bids/${bidId}/members/${memberId}/realised`)
      .send({ entries: [entry(1, 10.25), entry(2, 20.5)] })
      .expect(200);
    declared = { key: line.member, territory: line.territory, hours: 30.75 };
    // A member left during the contract (through a change request, outside this file's subject).
    await system.dataSource.query(
      `UPDATE members SET status = 'WITHDRAWN' WHERE bid_id = $1 AND key = $2`,
      [bidId, leaving],
    );
  }, 300_000);

  /** The renewed bid, once the test that starts it has run, and its carry-over. */
  let next: string;
  let carry: CarryOver;

  const bidsOfNetwork = async () =>
    Number(
      required(
        (
          await system.dataSource.query<{ count: string }[]>(
            'SELECT count(*) FROM bids WHERE network_id = $1',
            [networkId],
          )
        )[0],
        'count',
      ).count,
    );

  it('refuses hostile input with the field named, another network with 404, and writes nothing', async () => {
    const before = await bidsOfNetwork();
    const stranger = await otherNetworkCoordinator(system);
    await stranger.post(`/api/bids/${bidId}/renewals`).send({ tender: nextTender() }).expect(404);
    await stranger.get(`/api/bids/${bidId}/renewal`).expect(404);

    const noTender = await coordinator.post(`/api/bids/${bidId}/renewals`).send({}).expect(400);
    expect(JSON.stringify(noTender.body)).toContain('tender');

    const fraction = nextTender();
    const lots = fraction.lots as { amountCents: number }[];
    required(lots[0], 'lot 1').amountCents = 100.5;
    const cents = await coordinator
      .post(`/api/bids/${bidId}/renewals`)
      .send({ tender: fraction })
      .expect(422);
    expect(cents.body.problems.map((p: { path: string }) => p.path)).toContain(
      'tender.lots[0].amountCents',
    );

    const unknownTerritory = nextTender();
    const firstLot = required(
      (unknownTerritory.lots as { cells: { territory: string }[] }[])[0],
      'lot 1',
    );
    required(firstLot.cells[0], 'its first cell').territory = 'COM:99999';
    const territory = await coordinator
      .post(`/api/bids/${bidId}/renewals`)
      .send({ tender: unknownTerritory })
      .expect(422);
    expect(territory.body.problems[0].path).toMatch(/^tender\.lots\[0\]\.cells\[0\]\.territory/);

    // The same tender as the finished one is not a next tender.
    const same = await coordinator
      .post(`/api/bids/${bidId}/renewals`)
      .send({ tender: { ...nextTender(), reference: example.tender.reference } })
      .expect(409);
    expect(same.body.code).toBe('DUPLICATE_TENDER');

    await coordinator
      .post(`/api/bids/00000000-0000-4000-8000-000000000000/renewals`)
      .send({ tender: nextTender() })
      .expect(404);
    expect(await bidsOfNetwork()).toBe(before);
  });

  it('names the carried member whose representative the network never entered', async () => {
    const [organisation] = await system.dataSource.query<{ id: string; legal_name: string }[]>(
      `SELECT o.id, o.legal_name FROM members m JOIN organisations o ON o.id = m.organisation_id
        WHERE m.bid_id = $1 AND m.key = 'org-002'`,
      [bidId],
    );
    const { id, legal_name: legalName } = required(organisation, 'org-002');
    const representativesOf = `SELECT representatives FROM network_organisations
       WHERE network_id = $1 AND organisation_id = $2`;
    const setRepresentatives = `UPDATE network_organisations SET representatives = $3
       WHERE network_id = $1 AND organisation_id = $2`;
    const [entry] = await system.dataSource.query<{ representatives: unknown }[]>(
      representativesOf,
      [networkId, id],
    );
    const { representatives } = required(entry, 'the network’s entry of org-002');
    await system.dataSource.query(setRepresentatives, [networkId, id, '[]']);
    try {
      const before = await bidsOfNetwork();
      const refused = await coordinator
        .post(`/api/bids/${bidId}/renewals`)
        .send({ tender: nextTender() })
        .expect(422);
      expect(refused.body.message).toContain('annuaire du réseau');
      expect(refused.body.problems).toContainEqual(
        expect.objectContaining({
          path: expect.stringMatching(/^members\.org-002\./),
          message: expect.stringContaining(legalName),
        }),
      );
      expect(await bidsOfNetwork()).toBe(before);
    } finally {
      await system.dataSource.query(setRepresentatives, [
        networkId,
        id,
        JSON.stringify(representatives),
      ]);
    }
  });

  it('starts a draft bid with the members invited again and the diff to review, to the cent', async () => {
    const started = await coordinator
      .post(`/api/bids/${bidId}/renewals`)
      .send({ tender: nextTender() })
      .expect(201);
    next = started.body.bidId as string;
    carry = started.body.carryOver as CarryOver;

    // The new bid: in the same network, a draft, its members invited, nothing declared for them.
    const [bid] = await system.dataSource.query<{ status: string; network_id: string }[]>(
      'SELECT status, network_id FROM bids WHERE id = $1',
      [next],
    );
    expect(bid).toEqual({ status: 'DRAFT', network_id: networkId });
    const members = await system.dataSource.query<{ key: string; status: string }[]>(
      'SELECT key, status FROM members WHERE bid_id = $1 ORDER BY key',
      [next],
    );
    expect(members.map((m) => m.key)).not.toContain(leaving);
    expect(members.length).toBe(example.organizations.length - subcontractors.size - 1);
    expect(members.some((m) => subcontractors.has(m.key))).toBe(false);
    expect(new Set(members.map((m) => m.status))).toEqual(new Set(['INVITED']));
    const [written] = await system.dataSource.query<{ offers: string; versions: string }[]>(
      `SELECT (SELECT count(*) FROM offers o JOIN members m ON m.id = o.member_id WHERE m.bid_id = $1) AS offers,
              (SELECT count(*) FROM allocation_versions WHERE bid_id = $1) AS versions`,
      [next],
    );
    expect(written).toEqual({ offers: '0', versions: '0' });

    // The diff: lots and cells.
    expect(carry.lots.carried.map((lot) => [lot.number, lot.previousNumber])).toEqual([
      [1, 1],
      [2, 2],
      [4, 4],
    ]);
    expect(carry.lots.carried[0]?.amountChangeCents).toBe(1_000_001);
    expect(carry.lots.added).toEqual([
      { number: 5, title: 'Lot 5 - Signalétique', amountCents: 5_000_000 },
    ]);
    expect(carry.lots.removed.map((lot) => lot.number)).toEqual([3]);
    expect(carry.cells.removed).toContainEqual(
      expect.objectContaining({ lot: 1, territory: REMOVED_CELL }),
    );
    expect(carry.cells.added).toEqual([{ lot: 5, territory: 'COM:93008', demandHours: 400 }]);
    expect(carry.cells.demandChanged.map((cell) => cell.lot)).toEqual([2]);

    // Members and offers.
    expect(carry.members.leftOut).toContainEqual(
      expect.objectContaining({ key: leaving, reason: 'WITHDRAWN' }),
    );
    expect(carry.members.carried.length).toBe(members.length);
    expect(carry.members.carried.every((m) => m.charter === 'NO_CHARTER')).toBe(true);
    expect(
      carry.offers.dropped.some((o) => o.territory === REMOVED_CELL && o.reason === 'CELL_REMOVED'),
    ).toBe(true);
    expect(carry.offers.dropped.some((o) => o.org === leaving && o.reason === 'MEMBER_LEFT')).toBe(
      true,
    );
    expect(carry.offers.dropped.some((o) => o.lot === 3 && o.reason === 'LOT_REMOVED')).toBe(true);
    expect(carry.offers.carried.some((o) => o.territory === REMOVED_CELL && o.lot === 1)).toBe(
      false,
    );
    expect(carry.offers.carried.some((o) => o.org === leaving)).toBe(false);
    const fromRealised = carry.offers.carried.find(
      (o) => o.org === declared.key && o.lot === 1 && o.territory === declared.territory,
    );
    expect(fromRealised).toMatchObject({ hours: declared.hours, source: 'REALISED' });
    expect(carry.offers.carried.filter((o) => o.source === 'REALISED')).toHaveLength(1);
    // Every other offer the previous bid had on a cell that remains comes back as it was.
    expect(
      carry.members.leftOut.filter((m) => m.reason === 'SUBCONTRACTOR').map((m) => m.key),
    ).toEqual([...subcontractors].sort());
    const previousOffers = example.offers.filter(
      (o) =>
        o.org !== leaving &&
        !subcontractors.has(o.org) &&
        o.lot !== 3 &&
        !(o.lot === 1 && o.territory === REMOVED_CELL),
    );
    expect(carry.offers.carried).toHaveLength(previousOffers.length);

    // The last signed split on the new amounts, to the cent.
    for (const lot of carry.split) {
      const sum = lot.lines.reduce((total, line) => total + line.amountCents, lot.unassignedCents);
      expect(sum).toBe(lot.amountCents);
      expect(
        lot.lines.every(
          (line) => (line.org !== leaving && line.territory !== REMOVED_CELL) || lot.lot !== 1,
        ),
      ).toBe(true);
    }
    expect(carry.split.map((lot) => lot.lot)).toEqual([1, 2, 4]);

    // The diff is read again on the new bid, and the finished bid lists its renewal.
    const read = await coordinator.get(`/api/bids/${next}/renewal`).expect(200);
    expect(read.body.previous).toMatchObject({ bidId, reference: example.tender.reference });
    expect(read.body.carryOver).toEqual(carry);
    const previous = await coordinator.get(`/api/bids/${bidId}/renewal`).expect(200);
    expect(previous.body).toMatchObject({ previous: null, carryOver: null });
    expect(previous.body.renewedBy.map((r: { bidId: string }) => r.bidId)).toEqual([next]);

    // Audited on both bids.
    const audit = await system.dataSource.query<{ action: string; bid_id: string }[]>(
      `SELECT action, bid_id FROM audit_events
       WHERE action IN ('bid.renewed', 'bid.renewal_started') AND bid_id = ANY($1) ORDER BY seq`,
      [[next, bidId]],
    );
    expect(audit).toEqual([
      { action: 'bid.renewed', bid_id: next },
      { action: 'bid.renewal_started', bid_id: bidId },
    ]);

    // Each member's representative is told, once; the refused attempts above sent nothing.
    const [mails] = await system.dataSource.query<{ count: string }[]>(
      `SELECT count(*) FROM outgoing_mails WHERE subject = $1`,
      [SUBJECT],
    );
    expect(mails?.count).toBe(String(members.length));

    // A member accepts again itself, then confirms its offers.
    const { memberId, editor } = await memberEditorsOf(next, declared.key);
    await editor.post(`/api/bids/${next}/members/${memberId}/accept`).expect(204);
    const [accepted] = await system.dataSource.query<{ status: string }[]>(
      'SELECT status FROM members WHERE id = $1',
      [memberId],
    );
    expect(accepted?.status).toBe('ACCEPTED');

    // A member of the bid only (not a coordinator) does not read the diff.
    await editor.get(`/api/bids/${next}/renewal`).expect(403);
  });

  /** The carried member whose representative follows the mailed link: nobody represented it. */
  const representedByLink = () =>
    required(
      ['org-005', 'org-004', 'org-010', 'org-013'].find((key) => key !== declared.key),
      'a member with an offer on the removed cell',
    );
  const representativeOf = (key: string) =>
    required(
      example.organizations.find((organisation) => organisation.key === key),
      key,
    ).representative.email.toLowerCase();
  const carriedOffersOf = (bid: string, memberId: string) =>
    `/api/bids/${bid}/members/${memberId}/carried-offers`;
  const byCell = <T extends { lot: number; territory: string }>(offers: T[]) =>
    [...offers].sort((a, b) => a.lot - b.lot || a.territory.localeCompare(b.territory));

  /** What the member under `key` is proposed, from the example file and the hours declared. */
  async function expectedProposal(key: string) {
    const own = example.offers.filter((offer) => offer.org === key);
    const kept = own.filter(
      (offer) => offer.lot !== 3 && !(offer.lot === 1 && offer.territory === REMOVED_CELL),
    );
    const gone = own.filter((offer) => !kept.includes(offer));
    const names = new Map(
      (
        await system.dataSource.query<{ code: string; name: string }[]>(
          'SELECT code, name FROM territories WHERE bid_id IS NULL AND code = ANY($1)',
          [gone.map((offer) => offer.territory)],
        )
      ).map((row) => [row.code, row.name]),
    );
    const limit = example.limits.find((entry) => entry.org === key);
    return {
      previous: { reference: example.tender.reference, title: example.tender.title },
      declared: false,
      offers: byCell(
        kept.map((offer) => {
          const realised =
            key === declared.key && offer.lot === 1 && offer.territory === declared.territory;
          return {
            lot: offer.lot,
            territory: offer.territory,
            hours: realised ? declared.hours : offer.hours,
            preference: offer.preference,
            source: realised ? 'REALISED' : 'OFFER',
            previousHours: offer.hours,
          };
        }),
      ),
      dropped: byCell(
        gone.map((offer) => ({
          lot: offer.lot,
          lotTitle: required(example.tender.lots[offer.lot - 1], `lot ${offer.lot}`).title,
          territory: offer.territory,
          territoryName: required(names.get(offer.territory), offer.territory),
          hours: offer.hours,
          reason: offer.lot === 3 ? 'LOT_REMOVED' : 'CELL_REMOVED',
        })),
      ),
      limits: limit
        ? { maxHours: limit.maxHours ?? null, maxRevenueCents: limit.maxRevenueCents ?? null }
        : null,
    };
  }

  it('mails each representative one link that signs it in once, onto its capacity page', async () => {
    // One mail per representative, the invitation's link in it: no second mail to any of them.
    const representatives = carry.members.carried.map((member) => representativeOf(member.key));
    const written = await system.dataSource.query<{ recipient: string; subject: string }[]>(
      'SELECT recipient, subject FROM outgoing_mails WHERE recipient = ANY($1)',
      [representatives],
    );
    expect(written.map((mail) => mail.recipient).sort()).toEqual([...representatives].sort());
    expect(new Set(written.map((mail) => mail.subject))).toEqual(new Set([SUBJECT]));

    const key = representedByLink();
    const email = representativeOf(key);
    const { id: memberId, organisationId } = await memberByKeyOf(next, key);
    const page = `/candidatures/${next}/membres/${memberId}/capacites`;
    const mail = await smtp.waitForMail(email, (candidate) => candidate.subject === SUBJECT);
    expect(mail.text).toContain('rien n’est accepté ni déclaré à votre place');
    expect(mail.text).toContain('une seule fois');
    const link = new URL(
      required(/https?:\/\/\S+\/api\/auth\/callback\?\S+/.exec(mail.text), 'link')[0],
    );
    expect(link.searchParams.get('next')).toBe(page);
    const token = required(link.searchParams.get('token'), 'the token');
    // Only the token's hash is kept, on the member's invitation link.
    const [stored] = await system.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM invitation_links WHERE member_id = $1 AND token_hash = $2',
      [memberId, hashSecret(token)],
    );
    expect(stored?.count).toBe('1');

    // The link page's form signs the representative in and lands on its capacity page.
    const server = system.api.getHttpServer();
    const browser = request.agent(server);
    const landed = await browser
      .post('/api/auth/session')
      .type('form')
      .send({ token, next: page })
      .expect(303);
    expect(new URL(String(landed.headers.location)).pathname).toBe(page);
    const me = await browser.get('/api/auth/me').expect(200);
    expect(me.body.roles.editorOf).toEqual([organisationId]);
    await browser.get(carriedOffersOf(next, memberId)).expect(200);
    // Once: the same link again is refused.
    await request(server).post('/api/auth/session').send({ token }).expect(401);

    // The member that already had its people: its representative waits for them to confirm.
    const waiting = await smtp.waitForMail(
      representativeOf(declared.key),
      (candidate) => candidate.subject === SUBJECT,
    );
    expect(waiting.text).toContain('a déjà des représentants sur Cordage');
    expect(waiting.text).toContain(encodeURIComponent('/representations'));
    await smtp.waitForMail(`editeur@${declared.key}.test`, (candidate) =>
      candidate.subject.startsWith('À confirmer'),
    );
  }, 60_000);

  it('proposes a carried member its own offers of the previous tender, to it and the coordinators only', async () => {
    const key = representedByLink();
    const own = await memberEditorsOf(next, key);
    const read = await own.editor.get(carriedOffersOf(next, own.memberId)).expect(200);
    expect({
      ...read.body,
      offers: byCell(read.body.offers),
      dropped: byCell(read.body.dropped),
    }).toEqual(await expectedProposal(key));
    expect(read.body.dropped).toContainEqual(
      expect.objectContaining({ territory: REMOVED_CELL, territoryName: 'Aubervilliers' }),
    );
    const coordinated = await coordinator.get(carriedOffersOf(next, own.memberId)).expect(200);
    expect(coordinated.body).toEqual(read.body);

    // The member with realised hours: those are proposed on that cell.
    const withRealised = await memberEditorsOf(next, declared.key);
    const realised = await withRealised.editor
      .get(carriedOffersOf(next, withRealised.memberId))
      .expect(200);
    expect({
      ...realised.body,
      offers: byCell(realised.body.offers),
      dropped: byCell(realised.body.dropped),
    }).toEqual(await expectedProposal(declared.key));

    // Another member of the bid does not read them, whatever the bid's transparency.
    await own.editor.get(carriedOffersOf(next, withRealised.memberId)).expect(403);
    await withRealised.editor.get(carriedOffersOf(next, own.memberId)).expect(403);
    // Another network does not learn the bid exists; a member of another bid is no member here.
    const stranger = await otherNetworkCoordinator(system);
    await stranger.get(carriedOffersOf(next, own.memberId)).expect(404);
    const previousMember = await memberByKeyOf(bidId, key);
    await coordinator.get(carriedOffersOf(next, previousMember.id)).expect(404);
    // The finished bid renews nothing: nothing is proposed there.
    expect(
      (await coordinator.get(carriedOffersOf(bidId, previousMember.id)).expect(200)).body,
    ).toEqual({
      previous: null,
      declared: false,
      offers: [],
      dropped: [],
      limits: null,
    });

    // Reading writes nothing.
    const [offers] = await system.dataSource.query<{ count: string }[]>(
      'SELECT count(*) FROM offers o JOIN members m ON m.id = o.member_id WHERE m.bid_id = $1',
      [next],
    );
    expect(offers?.count).toBe('0');
  });

  it('writes exactly the carried offers the capacity form sends, and then proposes them no longer', async () => {
    const { memberId, editor } = await memberEditorsOf(next, declared.key);
    await moveBid(system.dataSource, next, 'COLLECTING');
    const proposal = (await editor.get(carriedOffersOf(next, memberId)).expect(200)).body as {
      offers: { lot: number; territory: string; hours: number; preference: string }[];
      limits: { maxHours: number | null; maxRevenueCents: number | null } | null;
    };
    // As the form sends the prefilled values: the offers, and the caps that differ (none before).
    const sent = proposal.offers.map(({ lot, territory, hours, preference }) => ({
      lot,
      territory,
      hours,
      preference,
    }));
    const saved = await editor
      .put(`/api/bids/${next}/members/${memberId}/offers`)
      .send({ offers: sent, ...(proposal.limits && { limits: proposal.limits }) })
      .expect(200);
    expect(saved.body).toMatchObject({ offers: sent.length, status: 'DATA_COMPLETE' });

    const rows = await system.dataSource.query<
      { lot: number; territory: string; hours: number; preference: string; member_id: string }[]
    >(
      `SELECT l.number AS lot, t.code AS territory, o.hours::float8 AS hours, o.preference, o.member_id
         FROM offers o JOIN members m ON m.id = o.member_id JOIN lot_cells c ON c.id = o.lot_cell_id
         JOIN lots l ON l.id = c.lot_id JOIN territories t ON t.id = c.territory_id
        WHERE m.bid_id = $1 ORDER BY l.number, t.code`,
      [next],
    );
    expect(new Set(rows.map((row) => row.member_id))).toEqual(new Set([memberId]));
    expect(rows.map(({ member_id: _member, ...offer }) => offer)).toEqual(byCell(sent));
    const limits = await system.dataSource.query<
      { max_hours: number | null; max_revenue_cents: string | null }[]
    >(
      'SELECT max_hours::float8 AS max_hours, max_revenue_cents FROM member_limits WHERE member_id = $1',
      [memberId],
    );
    const expectedLimits = (await expectedProposal(declared.key)).limits;
    expect(
      limits.map((limit) => ({
        maxHours: limit.max_hours,
        maxRevenueCents: limit.max_revenue_cents === null ? null : Number(limit.max_revenue_cents),
      })),
    ).toEqual(expectedLimits ? [expectedLimits] : []);

    // The declaration now stands: the page no longer prefills the proposal.
    expect((await editor.get(carriedOffersOf(next, memberId)).expect(200)).body.declared).toBe(
      true,
    );
  });

  // Last: it imports the example's organisations into a second network, after which a
  // renewal's invitation of them waits for their people (or an administrator) to confirm.
  it('refuses to renew a bid not awarded yet, in French', async () => {
    const other = await exampleBidWithCoordinator(system, {
      network: 'Réseau en cours',
      coordinatorEmail: 'coord@encours.test',
    });
    const refused = await other.coordinator
      .post(`/api/bids/${other.bidId}/renewals`)
      .send({ tender: nextTender() })
      .expect(422);
    expect(refused.body.problems[0]).toMatchObject({ path: 'status', code: 'BID_NOT_FINISHED' });
    expect(refused.body.message).toContain('attribué');
  });

  const memberEditorsOf = (bid: string, key: string) => memberEditors(system, () => bid)(key);
  const memberByKeyOf = (bid: string, key: string) => memberByKey(system.dataSource, bid, key);
});
