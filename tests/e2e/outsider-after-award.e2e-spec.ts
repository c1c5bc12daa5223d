import { type Scenario, required } from '@cordage/domain';
import { readExampleScenario, siretFor } from '@cordage/testing';
import type { SignedIn } from './support/actors';
import {
  type ComparisonLine,
  awardedExampleBid,
  contractUnderWay,
  exampleAward,
  memberEditors,
  monthsAgo,
  AFTER_AWARD_TABLES,
} from './support/after-award';
import { moveBid } from './support/bid-state';
import { expectRefused, rowCounts } from './support/refused';
import { exampleBidWithCoordinator, memberByKey, systemForTests } from './support/system';

const example = readExampleScenario() as unknown as Scenario;
/** org-001's subcontractor in the example (org-015): a member that is no co-contractor. */
const subcontractorOf001 = required(
  example.subcontracts.find((s) => s.principal === 'org-001'),
  'a subcontract of org-001',
).subcontractor;

/**
 * The after-award routes tried as an outsider and as a careless user: ids of another network's
 * bid in the body, a subcontractor treated as a party of the contract, numbers beyond any column,
 * the same write sent twice at once. Every refusal is a 4xx naming the field, in French, and
 * leaves nothing written.
 */
describe('After the award, as an outsider and a careless user', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  let lines: ComparisonLine[];
  const editorOf = memberEditors(system, () => bidId);
  /** Of network B's bid (the same example, another network): a member and an order. */
  let foreign: { memberId: string; orderId: string };
  let territories: string[];
  const orderedOn = monthsAgo(5).slice(0, 8) + '10';

  const count = async (sql: string, parameters: unknown[]) =>
    Number(required((await system.dataSource.query<{ n: string }[]>(sql, parameters))[0], sql).n);

  const footprint = rowCounts(() => system.dataSource, AFTER_AWARD_TABLES);

  const refused = (sent: PromiseLike<{ status: number; body: unknown }>, field: string) =>
    expectRefused(sent, field, footprint);

  const order = (overrides: Record<string, unknown> = {}) => ({
    number: 'BC-OUTSIDER-1',
    orderedOn,
    lot: 1,
    territories,
    amountCents: 1_000_000,
    ...overrides,
  });

  const lineOf = (member: string) =>
    required(
      lines.find((l) => l.member === member && l.period === 2 && l.plannedCents > 0),
      `a planned line of ${member}`,
    );

  beforeAll(async () => {
    ({
      bidId,
      coordinator,
      lot1: lines,
    } = await contractUnderWay(system, {
      network: 'Réseau A',
      coordinatorEmail: 'coord@a.test',
    }));
    territories = [
      ...new Set(lines.filter((l) => l.period === 2 && l.plannedCents > 0).map((l) => l.territory)),
    ].slice(0, 2);
    const b = await contractUnderWay(system, {
      network: 'Réseau B',
      coordinatorEmail: 'coord@b.test',
    });
    const recorded = await b.coordinator
      .post(`/api/bids/${b.bidId}/orders`)
      .send(order({ number: 'BC-B-1' }))
      .expect(201);
    foreign = {
      memberId: (await memberByKey(system.dataSource, b.bidId, 'org-001')).id,
      orderId: recorded.body.id as string,
    };
  }, 600_000);

  describe('ids of another network’s bid, in the body', () => {
    it('refuses its member in an order’s assignment', async () => {
      const problems = await refused(
        coordinator
          .post(`/api/bids/${bidId}/orders`)
          .send(order({ assignments: [{ memberId: foreign.memberId, amountCents: 1_000_000 }] })),
        'assignments[0].memberId',
      );
      expect(problems[0]).toMatchObject({ code: 'UNKNOWN_MEMBER' });
    });

    it('refuses its order in a declaration and in a month’s import', async () => {
      const line = lineOf('org-001');
      const { memberId, editor } = await editorOf('org-001');
      const figures = {
        lot: 1,
        territory: line.territory,
        hours: 1,
        revenueCents: 100,
        insertionHours: 0,
        insertionPeople: 0,
        orderId: foreign.orderId,
      };
      await refused(
        editor
          .post(`/api/bids/${bidId}/members/${memberId}/realised`)
          .send({ entries: [{ ...figures, period: 2 }] }),
        'entries[0].orderId',
      );
      await refused(
        coordinator
          .post(`/api/bids/${bidId}/realised/import`)
          .send({ period: 2, lines: [{ ...figures, member: 'org-001' }] }),
        'lines[0].orderId',
      );
    });
  });

  describe('a subcontractor, who is no party to the contract', () => {
    let subcontractorId: string;

    beforeAll(async () => {
      subcontractorId = (await memberByKey(system.dataSource, bidId, subcontractorOf001)).id;
    });

    it('is given no part of an order', async () => {
      const proposal = await coordinator
        .post(`/api/bids/${bidId}/orders/proposal`)
        .send(order())
        .expect(200);
      const parts = (proposal.body.assignments as { memberId: string; amountCents: number }[]).map(
        ({ memberId, amountCents }) => ({ memberId, amountCents }),
      );
      const first = required(parts[0], 'a part');
      const problems = await refused(
        coordinator.post(`/api/bids/${bidId}/orders`).send(
          order({
            assignments: [
              { ...first, amountCents: first.amountCents - 100 },
              ...parts.slice(1),
              { memberId: subcontractorId, amountCents: 100 },
            ],
          }),
        ),
        `assignments[${parts.length}].memberId`,
      );
      expect(problems[0]).toMatchObject({ code: 'SUBCONTRACTOR' });
      expect(problems[0]?.message).toContain('sous-traitant');
    });

    it('declares no realised figures of its own, nor has any imported', async () => {
      const figures = {
        lot: 1,
        territory: lineOf('org-001').territory,
        hours: 5,
        revenueCents: 50_000,
        insertionHours: 0,
        insertionPeople: 0,
      };
      const declared = await refused(
        coordinator
          .post(`/api/bids/${bidId}/members/${subcontractorId}/realised`)
          .send({ entries: [{ ...figures, period: 2 }] }),
        'memberId',
      );
      expect(declared[0]).toMatchObject({ code: 'SUBCONTRACTOR' });
      const imported = await refused(
        coordinator.post(`/api/bids/${bidId}/realised/import`).send({
          period: 2,
          lines: [
            { ...figures, member: 'org-001' },
            { ...figures, member: subcontractorOf001 },
          ],
        }),
        'lines[1].member',
      );
      expect(imported[0]).toMatchObject({ code: 'SUBCONTRACTOR' });
      expect(imported[0]?.message).toContain('donneur d’ordre');
    });
  });

  it('refuses a lot or a period beyond any stored number in a month’s import, naming it', async () => {
    const line = {
      member: 'org-001',
      lot: 1,
      territory: lineOf('org-001').territory,
      hours: 1,
      revenueCents: 100,
      insertionHours: 0,
      insertionPeople: 0,
    };
    const importMonth = (body: object) =>
      coordinator.post(`/api/bids/${bidId}/realised/import`).send(body);
    for (const lot of [2_147_483_648, Number.MAX_SAFE_INTEGER, 0, -1]) {
      await refused(importMonth({ period: 2, lines: [{ ...line, lot }] }), 'lines[0].lot');
    }
    for (const period of [2_147_483_648, Number.MAX_SAFE_INTEGER, 0, -1]) {
      await refused(importMonth({ period, lines: [line] }), 'period');
    }
  });

  it('refuses a lot’s contract with numbers beyond any period, naming the field', async () => {
    const set = (body: Record<string, unknown>) =>
      coordinator
        .post(`/api/bids/${bidId}/award/contracts`)
        .send({ lot: 4, startOn: monthsAgo(6), durationMonths: 12, ...body });
    await refused(set({ lot: 2_147_483_648 }), 'lot');
    await refused(set({ durationMonths: 2_147_483_648 }), 'durationMonths');
    await refused(set({ periodMonths: 2_147_483_648 }), 'periodMonths');
    await refused(set({ periodMonths: 0 }), 'periodMonths');
  });

  it('lets no editor of a mandataire that left record an order for the consortium', async () => {
    // org-001 is the example's mandataire; it leaves (a change request, not this file's subject).
    const { editor, memberId } = await editorOf('org-001');
    const [{ status }] = await system.dataSource.query<[{ status: string }]>(
      'SELECT status FROM members WHERE id = $1',
      [memberId],
    );
    await system.dataSource.query(`UPDATE members SET status = 'WITHDRAWN' WHERE id = $1`, [
      memberId,
    ]);
    try {
      const before = await footprint();
      const response = await editor
        .post(`/api/bids/${bidId}/orders`)
        .send(order({ number: 'BC-PARTI' }));
      expect(response.status).toBe(403);
      expect(response.body.message).toMatch(/mandataire/);
      await editor.post(`/api/bids/${bidId}/orders/proposal`).send(order()).expect(403);
      expect(await footprint()).toBe(before);
    } finally {
      await system.dataSource.query(`UPDATE members SET status = $2 WHERE id = $1`, [
        memberId,
        status,
      ]);
    }
  });

  describe('the award of another bid', () => {
    let awarded: { bidId: string; coordinator: SignedIn };

    beforeAll(async () => {
      awarded = await awardedExampleBid(system, {
        network: 'Réseau C',
        coordinatorEmail: 'coord@c.test',
      });
    }, 300_000);

    it('records the award once, however many are sent together', async () => {
      const answers = await Promise.all(
        [1, 2].map(() =>
          awarded.coordinator
            .post(`/api/bids/${awarded.bidId}/award`)
            .send(exampleAward(monthsAgo(7))),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([204, 422]);
      expect(
        await count('SELECT count(*) AS n FROM lot_awards WHERE bid_id = $1', [awarded.bidId]),
      ).toBe(4);
    });
  });

  describe('the same write twice at once', () => {
    it('records one order of a number, however many are sent together', async () => {
      const orders = () => count('SELECT count(*) AS n FROM orders WHERE bid_id = $1', [bidId]);
      const before = await orders();
      const answers = await Promise.all(
        [1, 2, 3].map(() =>
          coordinator.post(`/api/bids/${bidId}/orders`).send(order({ number: 'BC-TWICE' })),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
      expect(await orders()).toBe(before + 1);
    });

    it('imports a month once; the second, without a reason, is refused as a correction', async () => {
      const month = lines
        .filter((l) => l.period === 3 && l.plannedCents > 0)
        .map((l) => ({
          member: l.member,
          lot: 1,
          territory: l.territory,
          hours: 1,
          revenueCents: 1_000,
          insertionHours: 0,
          insertionPeople: 0,
        }));
      const answers = await Promise.all(
        [1, 2].map(() =>
          coordinator.post(`/api/bids/${bidId}/realised/import`).send({ period: 3, lines: month }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
      const second = required(
        answers.find((a) => a.status === 422),
        'the refused import',
      );
      expect(second.body.problems[0]).toMatchObject({ path: 'reason', code: 'REASON_REQUIRED' });
      expect(
        await count(
          'SELECT count(*) AS n FROM realised_entries WHERE bid_id = $1 AND period_number = 3',
          [bidId],
        ),
      ).toBe(month.length);
    });

    it('sets a lot’s contract once', async () => {
      const answers = await Promise.all(
        [1, 2].map(() =>
          coordinator
            .post(`/api/bids/${bidId}/award/contracts`)
            .send({ lot: 2, startOn: monthsAgo(6), durationMonths: 12 }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([200, 422]);
    });

    it('asks a re-plan from a period once', async () => {
      await coordinator
        .post(`/api/bids/${bidId}/award/contracts`)
        .send({ lot: 4, startOn: monthsAgo(6), durationMonths: 12 })
        .expect(200);
      const answers = await Promise.all(
        [1, 2].map(() =>
          coordinator.post(`/api/bids/${bidId}/award/replans`).send({ fromPeriod: 8 }),
        ),
      );
      expect(answers.map((a) => a.status)).toEqual([202, 202]);
      expect(new Set(answers.map((a) => a.body.jobId as string)).size).toBe(1);
    });

    it('renews a finished bid once for one next tender', async () => {
      const tender = {
        ...structuredClone(example.tender),
        reference: '2031-OUTSIDER',
        deadline: '2035-11-15T12:00:00+01:00',
      };
      const answers = await Promise.all(
        [1, 2].map(() => coordinator.post(`/api/bids/${bidId}/renewals`).send({ tender })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 409]);
      const renewal = (await coordinator.get(`/api/bids/${bidId}/renewal`).expect(200)).body;
      expect(renewal.renewedBy).toHaveLength(1);
    });
  });

  it('invites a subcontractor and confides it a lot once, whoever clicks at the same time', async () => {
    const other = await exampleBidWithCoordinator(system, {
      network: 'Réseau D',
      coordinatorEmail: 'coord@d.test',
    });
    await moveBid(system.dataSource, other.bidId, 'COLLECTING');
    const principal = await memberByKey(system.dataSource, other.bidId, 'org-001');
    const subcontractor = await memberByKey(system.dataSource, other.bidId, subcontractorOf001);
    // As if org-001 had invited it in the app, and it had accepted.
    await system.dataSource.query(
      `UPDATE members SET status = 'ACCEPTED', principal_id = $2 WHERE id = $1`,
      [subcontractor.id, principal.id],
    );
    const base = `/api/bids/${other.bidId}/members/${principal.id}`;
    const invitation = {
      email: 'direction@atelier-double.test',
      idScheme: 'SIRET',
      id: siretFor(53, 1),
      organisation: {
        legalName: 'Atelier double clic',
        kind: 'AI',
        employees: 8,
        home: 'COM:93048',
        representative: { name: 'Inès Roche', title: 'Présidente' },
      },
    };
    const invited = await Promise.all(
      [1, 2].map(() => other.coordinator.post(`${base}/subcontractors`).send(invitation)),
    );
    expect(invited.map((a) => a.status).sort()).toEqual([201, 409]);
    expect(
      await count(
        `SELECT count(*) AS n FROM members m JOIN organisations o ON o.id = m.organisation_id
         WHERE m.bid_id = $1 AND o.id_value = $2`,
        [other.bidId, invitation.id],
      ),
    ).toBe(1);

    const terms = {
      subcontractorId: subcontractor.id,
      lot: 2,
      kind: 'SOUS_TRAITANCE',
      nature: 'Nettoyage de fin de chantier',
      durationMonths: 12,
      amountExclVatCents: 100_000,
      amountInclVatCents: 120_000,
      reverseCharge: false,
    };
    const answers = await Promise.all(
      [1, 2].map(() => other.coordinator.post(`${base}/subcontracts`).send(terms)),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422]);
    expect(
      await count(
        `SELECT count(*) AS n FROM subcontracts s JOIN lots l ON l.id = s.lot_id
         WHERE s.bid_id = $1 AND s.subcontractor_id = $2 AND l.number = 2`,
        [other.bidId, subcontractor.id],
      ),
    ).toBe(1);
  }, 120_000);

  it('brings a new organisation in once when two networks invite it at the same instant, handing its roles to one address at most', async () => {
    const [e, f] = await Promise.all(
      ['E', 'F'].map((network) =>
        exampleBidWithCoordinator(system, {
          network: `Réseau ${network}`,
          coordinatorEmail: `coord@${network.toLowerCase()}.test`,
        }),
      ),
    );
    await moveBid(system.dataSource, required(e, 'E').bidId, 'COLLECTING');
    await moveBid(system.dataSource, required(f, 'F').bidId, 'COLLECTING');
    const siret = siretFor(54, 1);
    const invite = (side: typeof e, email: string) =>
      required(side, 'a bid')
        .coordinator.post(`/api/bids/${required(side, 'a bid').bidId}/invitations`)
        .send({
          email,
          idScheme: 'SIRET',
          id: siret,
          organisation: {
            legalName: 'Atelier des deux clics',
            kind: 'EI',
            employees: 12,
            home: 'COM:93048',
            representative: { name: 'Léa Marchand', title: 'Gérante' },
          },
        });
    const answers = await Promise.all([
      invite(e, 'lea@deux-clics.test'),
      invite(f, 'autre@deux-clics.test'),
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
    expect(
      await count('SELECT count(*) AS n FROM organisations WHERE id_value = $1', [siret]),
    ).toBe(1);
    // The second network finds the first's: its address waits for a representative's answer.
    expect(
      await count(
        `SELECT count(DISTINCT a.user_id) AS n FROM role_assignments a
         JOIN organisations o ON o.id = a.organisation_id WHERE o.id_value = $1`,
        [siret],
      ),
    ).toBe(1);
    expect(answers.filter((answer) => answer.body.representationRequestId)).toHaveLength(1);
  }, 120_000);
});
