import { type Scenario, required } from '@cordage/domain';
import { readExampleScenario } from '@cordage/testing';
import { type SignedIn, coordinatorOfNewNetwork } from './support/actors';
import {
  type ComparisonLine,
  awardedExampleBid,
  contractUnderWay,
  memberEditors,
  monthsAgo,
  AFTER_AWARD_TABLES,
} from './support/after-award';
import { expectAcceptedOrRefused, expectRefused, rowCounts } from './support/refused';
import { systemForTests } from './support/system';

jest.setTimeout(60_000);

const example = readExampleScenario() as unknown as Scenario;

/**
 * An outside tester's probes of the after-award and network routes: what a reader of the bid
 * learns beyond what its transparency shares, what a member that left still reads, and hostile
 * values on the routes the other specs do not try. Each probe asserts the safe behaviour: a
 * failing probe is a flaw.
 */
describe('Outsider probes after the award', () => {
  const system = systemForTests();
  let bidId: string;
  let networkId: string;
  let coordinator: SignedIn;
  let coordinatorB: SignedIn;
  let lines: ComparisonLine[];
  const editorOf = memberEditors(system, () => bidId);
  /** The keys of the members given a part of the order recorded in beforeAll. */
  let orderMembers: string[];
  const orderedOn = monthsAgo(5).slice(0, 8) + '10';

  const footprint = rowCounts(
    () => system.dataSource,
    [
      ...AFTER_AWARD_TABLES,
      'job_requests',
      'outbox_messages',
      'subcontracts',
      'network_organisations',
      'organisations',
      'members',
    ],
  );

  /** Sent with a hostile value: refused (a 4xx naming `field`, nothing written), or with
   * `mustRefuse: false` possibly accepted, but never a 5xx. */
  const neverServerError = (
    sent: PromiseLike<{ status: number; body: unknown }>,
    field: string,
    { mustRefuse = true }: { mustRefuse?: boolean } = {},
  ) =>
    mustRefuse
      ? expectRefused(sent, field, footprint)
      : expectAcceptedOrRefused(sent, field, footprint);

  beforeAll(async () => {
    ({
      bidId,
      networkId,
      coordinator,
      lot1: lines,
    } = await contractUnderWay(system, {
      network: 'Réseau A sondé',
      coordinatorEmail: 'coord@a-sonde.test',
    }));
    ({ coordinator: coordinatorB } = await coordinatorOfNewNetwork(
      system.api,
      system.dataSource,
      'Réseau B sondé',
      'coord@b-sonde.test',
    ));
    const territories = [
      ...new Set(lines.filter((l) => l.period === 2 && l.plannedCents > 0).map((l) => l.territory)),
    ].slice(0, 3);
    const recorded = await coordinator
      .post(`/api/bids/${bidId}/orders`)
      .send({ number: 'BC-SONDE-1', orderedOn, lot: 1, territories, amountCents: 2_000_000 })
      .expect(201);
    const parts = recorded.body.assignments as { memberId: string; amountCents: number }[];
    const keys = await system.dataSource.query<{ id: string; key: string }[]>(
      'SELECT id, key FROM members WHERE bid_id = $1',
      [bidId],
    );
    orderMembers = parts
      .filter((p) => p.amountCents > 0)
      .map(
        (p) =>
          required(
            keys.find((k) => k.id === p.memberId),
            'a member',
          ).key,
      );
    expect(orderMembers.length).toBeGreaterThan(1);
  }, 600_000);

  describe('what a member reads beyond the bid’s transparency', () => {
    beforeAll(async () => {
      await coordinator
        .patch(`/api/bids/${bidId}`)
        .send({ transparency: 'ALLOCATION_ONLY' })
        .expect(204);
    });
    afterAll(async () => {
      await coordinator.patch(`/api/bids/${bidId}`).send({ transparency: 'OPEN' }).expect(204);
    });

    it('history: under ALLOCATION_ONLY a member reads no other member’s part of an order', async () => {
      const own = required(orderMembers[0], 'a member with a part');
      const { editor } = await editorOf(own);
      // What the orders route shows it: its own part only (the documented rule).
      const orders = (await editor.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders as {
        assignments: { member: string }[];
      }[];
      expect(orders.flatMap((o) => o.assignments).length).toBeGreaterThan(0);
      const history = (await editor.get(`/api/bids/${bidId}/history?limit=500`).expect(200)).body
        .items as { action: string; after: { assignments?: { member: string }[] } | null }[];
      const othersParts = history
        .filter((entry) => entry.action === 'contract.order_recorded')
        .flatMap((entry) => entry.after?.assignments ?? [])
        .map((part) => part.member)
        .filter((member) => member !== own);
      expect(othersParts).toEqual([]);
    });

    it('history: under ALLOCATION_ONLY a member reads no other member’s planned or realised figures', async () => {
      const own = required(orderMembers[0], 'a member with a part');
      const { editor } = await editorOf(own);
      const history = (await editor.get(`/api/bids/${bidId}/history?limit=500`).expect(200)).body
        .items as {
        action: string;
        after: { member?: string; planned?: unknown; realised?: unknown } | null;
      }[];
      const others = history.filter(
        (entry) =>
          entry.after?.member !== undefined &&
          entry.after.member !== own &&
          (entry.after.planned !== undefined || entry.after.realised !== undefined),
      );
      expect(others.map((entry) => entry.action)).toEqual([]);
    });
  });

  describe('a member that has left the consortium', () => {
    let leaver: string;
    let previous: string;

    beforeAll(async () => {
      leaver = required(orderMembers[1], 'a second member with a part');
      const { memberId } = await editorOf(leaver);
      [{ status: previous }] = await system.dataSource.query<[{ status: string }]>(
        'SELECT status FROM members WHERE id = $1',
        [memberId],
      );
      await system.dataSource.query(`UPDATE members SET status = 'WITHDRAWN' WHERE id = $1`, [
        memberId,
      ]);
    });
    afterAll(async () => {
      const { memberId } = await editorOf(leaver);
      await system.dataSource.query('UPDATE members SET status = $2 WHERE id = $1', [
        memberId,
        previous,
      ]);
    });

    it('reads no other member’s realised lines or order parts any more', async () => {
      const { editor } = await editorOf(leaver);
      const realised = await editor.get(`/api/bids/${bidId}/realised?lot=1`);
      const seenMembers =
        realised.status === 200
          ? [...new Set((realised.body.lines as ComparisonLine[]).map((l) => l.member))]
          : [];
      expect(seenMembers.filter((member) => member !== leaver)).toEqual([]);
      const orders = await editor.get(`/api/bids/${bidId}/orders`);
      const parts =
        orders.status === 200
          ? (orders.body.orders as { assignments: { member: string }[] }[]).flatMap(
              (o) => o.assignments,
            )
          : [];
      expect(parts.map((p) => p.member).filter((member) => member !== leaver)).toEqual([]);
    });

    it('records no order, even by guessing the proposal route', async () => {
      const { editor } = await editorOf(leaver);
      const before = await footprint();
      const answer = await editor
        .post(`/api/bids/${bidId}/orders`)
        .send({ number: 'BC-PARTI-2', orderedOn, lot: 1, territories: [], amountCents: 100 });
      expect([403, 404]).toContain(answer.status);
      expect(await footprint()).toBe(before);
    });
  });

  describe('another network, by id', () => {
    it('answers 404 to network B’s coordinator on A’s directory entry and commitments', async () => {
      const [{ organisation_id: organisationId }] = await system.dataSource.query<
        [{ organisation_id: string }]
      >('SELECT organisation_id FROM network_organisations WHERE network_id = $1 LIMIT 1', [
        networkId,
      ]);
      const before = await footprint();
      const answers = [
        await coordinatorB.get(`/api/networks/${networkId}/organisations/${organisationId}`),
        await coordinatorB
          .patch(`/api/networks/${networkId}/organisations/${organisationId}`)
          .send({ contactName: 'Intrus' }),
        await coordinatorB.get(`/api/networks/${networkId}/commitments`),
        await coordinatorB.get(`/api/networks/${networkId}/registry`),
        await coordinatorB.get(`/api/bids?networkId=${networkId}`),
      ];
      expect(answers.slice(0, 4).map((a) => a.status)).toEqual([404, 404, 404, 404]);
      // The list of bids is one's own: nothing of network A's.
      const listed = answers[4];
      if (listed?.status === 200) expect(JSON.stringify(listed.body)).not.toContain(bidId);
      expect(await footprint()).toBe(before);
    });

    it('lists no job or report of network A to network B’s coordinator', async () => {
      const [job] = await system.dataSource.query<{ id: string }[]>(
        'SELECT id FROM job_requests WHERE bid_id = $1 LIMIT 1',
        [bidId],
      );
      expect((await coordinatorB.get(`/api/jobs/${required(job, 'a job').id}`)).status).toBe(404);
      expect((await coordinatorB.get(`/api/bids/${bidId}/reports`)).status).toBe(404);
    });
  });

  describe('hostile values on the after-award routes', () => {
    it('a report request beyond any lot, period or year', async () => {
      const post = (body: object) => coordinator.post(`/api/bids/${bidId}/reports`).send(body);
      await neverServerError(post({ report: 'INSERTION', lot: 99, period: 1 }), 'lot');
      await neverServerError(post({ report: 'INSERTION', lot: 3, period: 1 }), 'lot');
      await neverServerError(post({ report: 'INSERTION', lot: 1, period: 999 }), 'period');
      await neverServerError(post({ report: 'INSERTION', period: 1 }), 'lot');
      await neverServerError(post({ report: 'INSERTION', lot: 1 }), 'period');
      await neverServerError(post({ report: 'EVALUATION' }), 'year');
      await neverServerError(post({ report: 'EVALUATION', year: 2199 }), 'year');
      await neverServerError(post({ report: 'EVALUATION', year: 2026.5 }), 'year');
      await neverServerError(post({ report: 'NOPE' }), 'report');
    });

    it('a lot’s contract with impossible dates, durations and periods', async () => {
      const set = (body: Record<string, unknown>) =>
        coordinator
          .post(`/api/bids/${bidId}/award/contracts`)
          .send({ lot: 4, startOn: monthsAgo(6), durationMonths: 12, ...body });
      await neverServerError(set({ lot: 3 }), 'lot');
      await neverServerError(set({ lot: 99 }), 'lot');
      await neverServerError(set({ startOn: '2026-02-30' }), 'startOn');
      await neverServerError(set({ durationMonths: 0 }), 'durationMonths');
      await neverServerError(set({ durationMonths: -12 }), 'durationMonths');
      await neverServerError(set({ durationMonths: 100_000 }), 'durationMonths');
      await neverServerError(set({ periodMonths: 13 }), 'periodMonths');
      await neverServerError(set({ periodMonths: -1 }), 'periodMonths');
      // A contract that starts long before the award, or centuries after it: set once per lot,
      // it could never be corrected.
      await neverServerError(set({ startOn: '0001-01-01' }), 'startOn');
      await neverServerError(set({ startOn: '9999-12-01' }), 'startOn');
      // Last: periods that do not divide the duration may be accepted (then the contract is set).
      await neverServerError(set({ periodMonths: 5 }), 'periodMonths', { mustRefuse: false });
    });

    it('a re-plan from a period outside the contract', async () => {
      // A re-plan needs every won lot's contract: those the test before left unset.
      for (const lot of [2, 4]) {
        const set = await coordinator
          .post(`/api/bids/${bidId}/award/contracts`)
          .send({ lot, startOn: monthsAgo(6), durationMonths: 12 });
        expect([200, 422]).toContain(set.status);
      }
      const post = (body: object) =>
        coordinator.post(`/api/bids/${bidId}/award/replans`).send(body);
      await neverServerError(post({ fromPeriod: 0 }), 'fromPeriod');
      await neverServerError(post({ fromPeriod: 1 }), 'fromPeriod');
      await neverServerError(post({ fromPeriod: 13 }), 'fromPeriod');
      await neverServerError(post({ fromPeriod: 999_999 }), 'fromPeriod');
      await neverServerError(post({ fromPeriod: '3' }), 'fromPeriod');
    });

    it('route numbers beyond any stored number answer 4xx, not 5xx', async () => {
      const bid = `/api/bids/${bidId}`;
      for (const url of [
        `${bid}/award/replans/2147483648`,
        `${bid}/award/replans/99999999999999999999`,
        `${bid}/corrigenda/2147483648`,
        `${bid}/allocations/2147483648`,
        `${bid}/allocations/2147483648/summary`,
        `${bid}/allocations/2147483648/ocds`,
        `${bid}/realised?lot=2147483648`,
        `${bid}/realised/totals?lot=-1`,
        `${bid}/realised?member=not-a-uuid`,
        `${bid}/history?beforeSeq=999999999999999999`,
        `${bid}/documents/00000000-0000-4000-8000-000000000000?inline=peut-etre`,
      ]) {
        const answer = await coordinator.get(url);
        expect(`${url} ${answer.status < 500 ? '4xx or 2xx' : answer.status}`).toBe(
          `${url} 4xx or 2xx`,
        );
      }
    });

    it('a corrigendum on an awarded bid is refused by the workflow, not a 5xx', async () => {
      const before = await footprint();
      const answer = await coordinator.post(`/api/bids/${bidId}/corrigenda/preview`).send({
        reason: 'Rectification tardive',
        publishedOn: monthsAgo(1),
        changes: [{ kind: 'LOT_CHANGED', lot: 1, amountCents: 1_000 }],
      });
      expect(answer.status).toBe(409);
      expect(await footprint()).toBe(before);
    });

    it('a renewal tender with hostile lots and dates', async () => {
      const tender = (changes: Record<string, unknown>) => ({
        tender: {
          ...structuredClone(example.tender),
          reference: '2031-SONDE',
          deadline: '2035-11-15T12:00:00+01:00',
          ...changes,
        },
      });
      const post = (body: object) => coordinator.post(`/api/bids/${bidId}/renewals`).send(body);
      const lots = example.tender.lots as unknown as Record<string, unknown>[];
      const lot0 = required(lots[0], 'a lot');
      await neverServerError(post(tender({ lots: [] })), 'tender.lots');
      await neverServerError(
        post(tender({ deadline: '2035-02-30T12:00:00+01:00' })),
        'tender.deadline',
      );
      await neverServerError(post(tender({ reference: 'x'.repeat(100_000) })), 'tender.reference');
      await neverServerError(
        post(tender({ lots: [{ ...lot0, number: 2_147_483_648 }, ...lots.slice(1)] })),
        'tender.lots[0]',
      );
      await neverServerError(
        post(tender({ lots: [{ ...lot0, amountCents: 1e20 }, ...lots.slice(1)] })),
        'tender.lots[0]',
      );
      await neverServerError(
        post(tender({ lots: [lot0, { ...lot0 }, ...lots.slice(1)] })),
        'tender.lots',
      );
      await neverServerError(post({ tender: 'pas un objet' }), 'tender');
    });

    // After the award the subcontracts no longer change (BID_STATUS): whatever the values, a 4xx.
    it('a subcontract’s terms beyond any amount or duration, after the award', async () => {
      const [row] = await system.dataSource.query<
        { id: string; principal_id: string; lot: number }[]
      >(
        `SELECT s.id, s.principal_id, l.number AS lot FROM subcontracts s
         JOIN lots l ON l.id = s.lot_id WHERE s.bid_id = $1 LIMIT 1`,
        [bidId],
      );
      const subcontract = required(row, 'a subcontract of the example');
      const put = (changes: Record<string, unknown>) =>
        coordinator
          .put(
            `/api/bids/${bidId}/members/${subcontract.principal_id}/subcontracts/${subcontract.id}`,
          )
          .send({
            lot: subcontract.lot,
            kind: 'SOUS_TRAITANCE',
            nature: 'Entretien des espaces',
            durationMonths: 12,
            amountExclVatCents: 100_000,
            amountInclVatCents: 120_000,
            reverseCharge: false,
            ...changes,
          });
      await neverServerError(put({ amountExclVatCents: Number.MAX_SAFE_INTEGER }), '');
      await neverServerError(put({ amountInclVatCents: 1e20 }), '');
      await neverServerError(put({ amountInclVatCents: 50_000 }), '');
      await neverServerError(put({ durationMonths: 2_147_483_648 }), '');
      await neverServerError(put({ durationMonths: 0 }), '');
      await neverServerError(put({ nature: 'x'.repeat(100_000) }), '');
      await neverServerError(put({ lot: 99 }), '');
      await neverServerError(put({ lot: 3 }), '');
    });

    it('a directory file that is no workbook, and hostile details of an entry', async () => {
      await neverServerError(
        coordinator
          .post(`/api/networks/${networkId}/organisations/import`)
          .set('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .send(Buffer.from('PK\u0003\u0004 ceci n’est pas un classeur')),
        '',
      );
      const [{ organisation_id: organisationId }] = await system.dataSource.query<
        [{ organisation_id: string }]
      >('SELECT organisation_id FROM network_organisations WHERE network_id = $1 LIMIT 1', [
        networkId,
      ]);
      const patch = (body: object) =>
        coordinator.patch(`/api/networks/${networkId}/organisations/${organisationId}`).send(body);
      await neverServerError(patch({ staff: 2_147_483_648 }), 'staff');
      await neverServerError(patch({ staff: -1 }), 'staff');
      await neverServerError(patch({ limits: { maxRevenueCents: 1e20 } }), 'limits');
      await neverServerError(patch({ limits: { maxHours: 1e308 } }), 'limits');
      await neverServerError(patch({ contactEmail: 'pas-une-adresse' }), 'contactEmail');
      await neverServerError(patch({ territories: ['COM:00000'] }), 'territories');
      await neverServerError(patch({ approvalDate: '2026-02-30' }), 'approvalDate');
    });
  });

  describe('the award itself, on another awarded bid', () => {
    let awarded: { bidId: string; coordinator: SignedIn };

    beforeAll(async () => {
      awarded = await awardedExampleBid(system, {
        network: 'Réseau C sondé',
        coordinatorEmail: 'coord@c-sonde.test',
      });
    }, 300_000);

    it('refuses an award that names a lot twice, a lot unknown, or amounts out of reach', async () => {
      const lots = [
        { lot: 1, outcome: 'WON', awardedCents: 23_718_599 },
        { lot: 2, outcome: 'WON', awardedCents: 25_000_001 },
        { lot: 3, outcome: 'LOST' },
        { lot: 4, outcome: 'WON', awardedCents: 44_000_000 },
      ];
      const post = (body: object) =>
        awarded.coordinator.post(`/api/bids/${awarded.bidId}/award`).send(body);
      const awardedOn = monthsAgo(7);
      await neverServerError(post({ awardedOn, lots: [...lots, lots[0]] }), 'lots');
      await neverServerError(
        post({ awardedOn, lots: [...lots, { lot: 99, outcome: 'LOST' }] }),
        'lots[4]',
      );
      await neverServerError(
        post({ awardedOn, lots: [...lots.slice(1), { lot: 2_147_483_648, outcome: 'LOST' }] }),
        'lots[3]',
      );
      await neverServerError(
        post({ awardedOn, lots: [{ ...lots[0], awardedCents: -1 }, ...lots.slice(1)] }),
        'lots[0].awardedCents',
      );
      await neverServerError(
        post({ awardedOn, lots: [lots[0], { lot: 2, outcome: 'LOST', awardedCents: 5 }] }),
        'lots',
      );
      await neverServerError(post({ awardedOn: '2026-02-30', lots }), 'awardedOn');
      // Recorded once and never corrected: an award a century ago or in the future.
      await neverServerError(post({ awardedOn: '1900-01-01', lots }), 'awardedOn');
      await neverServerError(post({ awardedOn: '2099-01-01', lots }), 'awardedOn');
      // Last, for it may be recorded: an amount no column of cents should overflow on.
      await neverServerError(
        post({
          awardedOn,
          lots: [{ ...lots[0], awardedCents: Number.MAX_SAFE_INTEGER }, ...lots.slice(1)],
        }),
        'lots[0].awardedCents',
        { mustRefuse: false },
      );
    });
  });
});
