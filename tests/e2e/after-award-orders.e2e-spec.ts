import { required } from '@cordage/domain';
import type { SignedIn } from './support/actors';
import {
  type ComparisonLine,
  contractUnderWay,
  memberEditors,
  monthsAgo,
  sum,
} from './support/after-award';
import { otherNetworkCoordinator, systemForTests } from './support/system';

interface Part {
  memberId: string;
  member: string;
  legalName: string;
  amountCents: number;
  realisedCents?: number;
}
interface Order {
  id: string;
  number: string;
  orderedOn: string;
  lot: number;
  period: number;
  territories: string[];
  amountCents: number;
  realisedCents: number;
  assignments: Part[];
}

describe('After the award: orders (bons de commande) of a framework contract, assigned to the members', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  const editorOf = memberEditors(system, () => bidId);
  let lines: ComparisonLine[];
  let mandataire: { key: string; memberId: string; editor: SignedIn };
  /** Lot 1's two cells where most members have a plan, in the contract's period 2. */
  let territories: string[];
  const orderedOn = monthsAgo(5).slice(0, 8) + '10'; // the 10th of period 2

  beforeAll(async () => {
    ({ bidId, coordinator, lot1: lines } = await contractUnderWay(system));
    const [row] = await system.dataSource.query<{ key: string }[]>(
      `SELECT m.key FROM members m JOIN bids b ON b.id = m.bid_id
       WHERE b.id = $1 AND m.organisation_id = b.mandataire_id`,
      [bidId],
    );
    const key = required(row, 'the mandataire’s member').key;
    mandataire = { key, ...(await editorOf(key)) };
    // The cells of period 2 with the most members planned there, two of them.
    const membersOn = new Map<string, number>();
    for (const line of lines.filter((l) => l.period === 2 && l.plannedCents > 0)) {
      membersOn.set(line.territory, (membersOn.get(line.territory) ?? 0) + 1);
    }
    territories = [...membersOn.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 2)
      .map(([territory]) => territory);
  }, 300_000);

  const order = (overrides: Record<string, unknown> = {}) => ({
    number: 'BC-2027-001',
    orderedOn,
    lot: 1,
    territories,
    amountCents: 1_234_567,
    ...overrides,
  });

  it('proposes the split of an order from the plan in force, to the cent by the largest remainder', async () => {
    const proposal = await mandataire.editor
      .post(`/api/bids/${bidId}/orders/proposal`)
      .send(order())
      .expect(200);
    expect(proposal.body.period).toBe(2);
    const parts = proposal.body.assignments as Part[];
    expect(sum(parts.map((p) => p.amountCents))).toBe(1_234_567);
    // In proportion to each member's planned cents on these cells in period 2.
    const planned = new Map<string, number>();
    for (const line of lines.filter(
      (l) => l.period === 2 && territories.includes(l.territory) && l.plannedCents > 0,
    )) {
      planned.set(line.member, (planned.get(line.member) ?? 0) + line.plannedCents);
    }
    expect(new Set(parts.map((p) => p.member))).toEqual(new Set(planned.keys()));
    const total = sum([...planned.values()]);
    for (const part of parts) {
      const exact = (1_234_567 * required(planned.get(part.member), 'its plan')) / total;
      expect(Math.abs(part.amountCents - exact)).toBeLessThan(1);
    }
    expect(parts.every((p) => p.legalName.length > 0)).toBe(true);
    // Nothing was recorded.
    expect((await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders).toEqual(
      [],
    );
  });

  it('records an order as proposed, or as the mandataire adjusted it, audited', async () => {
    const recorded = await mandataire.editor
      .post(`/api/bids/${bidId}/orders`)
      .send(order())
      .expect(201);
    const first = recorded.body as Order;
    expect(first).toMatchObject({
      number: 'BC-2027-001',
      orderedOn,
      lot: 1,
      period: 2,
      amountCents: 1_234_567,
      realisedCents: 0,
    });
    expect([...first.territories].sort()).toEqual([...territories].sort());
    expect(sum(first.assignments.map((a) => a.amountCents))).toBe(1_234_567);

    // The coordinator records another, split by hand between two members.
    const [a, b] = first.assignments;
    const adjusted = [
      { memberId: required(a, 'a').memberId, amountCents: 300_001 },
      { memberId: required(b, 'b').memberId, amountCents: 199_999 },
    ];
    const second = await coordinator
      .post(`/api/bids/${bidId}/orders`)
      .send(order({ number: 'BC-2027-002', amountCents: 500_000, assignments: adjusted }))
      .expect(201);
    const byMember = (parts: readonly { memberId: string; amountCents: number }[]) =>
      parts.map((p) => `${p.memberId}=${p.amountCents}`).sort();
    expect(byMember((second.body as Order).assignments)).toEqual(byMember(adjusted));

    const history = (await coordinator.get(`/api/bids/${bidId}/history?limit=50`).expect(200)).body
      .items as { action: string; actor: string; after: Record<string, unknown> }[];
    const audited = history.filter((e) => e.action === 'contract.order_recorded');
    expect(audited.map((e) => [e.after.number, e.after.adjusted]).sort()).toEqual([
      ['BC-2027-001', false],
      ['BC-2027-002', true],
    ]);
  });

  it('refuses an order on a lost lot, outside the contract, on a cell outside the lot, negative, a bad split, a number twice', async () => {
    const [someone] = (
      (await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders as Order[]
    ).flatMap((o) => o.assignments);
    const memberId = required(someone, 'a member with a part').memberId;
    const refusals: [Record<string, unknown>, string, string][] = [
      [order({ lot: 3, territories: ['COM:93008'] }), 'lot', 'LOT_LOST'],
      [order({ orderedOn: monthsAgo(7) }), 'orderedOn', 'OUTSIDE_CONTRACT'],
      [order({ orderedOn: '2099-01-15' }), 'orderedOn', 'OUTSIDE_CONTRACT'],
      [order({ lot: 2 }), 'orderedOn', 'CONTRACT_NOT_SET'],
      [order({ territories: ['COM:00000'] }), 'territories[0]', 'UNKNOWN_CELL'],
      [order({ amountCents: -100 }), 'amountCents', 'NEGATIVE'],
      [order({ number: 'BC-2027-001' }), 'number', 'DUPLICATE_ORDER_NUMBER'],
      [
        order({ number: 'BC-X', assignments: [{ memberId, amountCents: 1 }] }),
        'assignments',
        'TOTAL_MISMATCH',
      ],
      [
        order({ number: 'BC-Y', amountCents: 100, assignments: [{ memberId, amountCents: -1 }] }),
        'assignments[0].amountCents',
        'NEGATIVE',
      ],
    ];
    for (const [body, path, code] of refusals) {
      const refused = await mandataire.editor
        .post(`/api/bids/${bidId}/orders`)
        .send(body)
        .expect(422);
      expect(refused.body.problems[0]).toMatchObject({ path, code });
      expect(refused.body.message).toMatch(/^Bon de commande refusé/);
      expect(refused.body.message).toContain(path);
    }
    // Malformed: refused by the schema, the field named.
    for (const body of [
      order({ orderedOn: '2027-02-30' }),
      order({ amountCents: 12.5 }),
      order({ lot: 2 ** 40 }),
      order({ number: 'x'.repeat(101) }),
    ]) {
      const refused = await coordinator.post(`/api/bids/${bidId}/orders`).send(body).expect(400);
      expect(refused.body.problems.length).toBeGreaterThan(0);
    }
    const orders = (await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders;
    expect(orders).toHaveLength(2);
  });

  it('lets only the coordinators and the mandataire record; another network learns nothing', async () => {
    const other = required(
      lines.map((l) => l.member).find((key) => key !== mandataire.key),
      'a member other than the mandataire',
    );
    const { editor } = await editorOf(other);
    const forbidden = await editor
      .post(`/api/bids/${bidId}/orders`)
      .send(order({ number: 'BC-403' }))
      .expect(403);
    expect(forbidden.body.code).toBe('FORBIDDEN');
    await editor
      .post(`/api/bids/${bidId}/orders/proposal`)
      .send(order({ number: 'BC-403' }))
      .expect(403);
    const stranger = await otherNetworkCoordinator(system);
    await stranger
      .post(`/api/bids/${bidId}/orders`)
      .send(order({ number: 'BC-404' }))
      .expect(404);
    await stranger.get(`/api/bids/${bidId}/orders`).expect(404);
    // Under ALLOCATION_ONLY, a member reads its own parts only.
    await coordinator
      .patch(`/api/bids/${bidId}`)
      .send({ transparency: 'ALLOCATION_ONLY' })
      .expect(204);
    const seen = (await editor.get(`/api/bids/${bidId}/orders`).expect(200)).body.orders as Order[];
    expect(new Set(seen.flatMap((o) => o.assignments.map((a) => a.member))).size).toBeLessThan(2);
    for (const o of seen) expect(o.assignments.every((a) => a.member === other)).toBe(true);
  });

  it('takes realised figures that name their order: realised against ordered, per member', async () => {
    const orders = (await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body
      .orders as Order[];
    const first = required(
      orders.find((o) => o.number === 'BC-2027-001'),
      'the first order',
    );
    const part = required(first.assignments[0], 'a part');
    const { editor, memberId } = await editorOf(part.member);
    const territory = required(
      territories.find((t) =>
        lines.some(
          (l) => l.member === part.member && l.territory === t && l.period === 2 && l.plannedCents,
        ),
      ),
      'a cell of the order where the member has a plan',
    );
    const entry = (overrides: Record<string, unknown> = {}) => ({
      lot: 1,
      territory,
      period: 2,
      hours: 10,
      revenueCents: 250_000,
      insertionHours: 0,
      insertionPeople: 0,
      orderId: first.id,
      ...overrides,
    });
    // An order that does not exist, or not on this cell, or not this member's: refused.
    const outside = required(
      lines.find((l) => l.member === part.member && !territories.includes(l.territory)),
      'a cell of the member outside the order',
    ).territory;
    const refusals: [Record<string, unknown>, string][] = [
      [entry({ orderId: '00000000-0000-4000-8000-000000000000' }), 'UNKNOWN_ORDER'],
      [entry({ territory: outside }), 'ORDER_OUTSIDE_CELL'],
    ];
    for (const [body, code] of refusals) {
      const refused = await editor
        .post(`/api/bids/${bidId}/members/${memberId}/realised`)
        .send({ entries: [body] })
        .expect(422);
      expect(refused.body.problems[0]).toMatchObject({ path: 'entries[0].orderId', code });
    }
    const members = await system.dataSource.query<{ key: string }[]>(
      `SELECT key FROM members WHERE bid_id = $1 AND status NOT IN ('WITHDRAWN', 'DECLINED')
       ORDER BY key`,
      [bidId],
    );
    const notAssigned = required(
      members.map((m) => m.key).find((key) => !first.assignments.some((a) => a.member === key)),
      'a member without a part of the order',
    );
    const stranger = await editorOf(notAssigned);
    const refused = await stranger.editor
      .post(`/api/bids/${bidId}/members/${stranger.memberId}/realised`)
      .send({ entries: [entry()] })
      .expect(422);
    expect(refused.body.problems[0]).toMatchObject({
      path: 'entries[0].orderId',
      code: 'ORDER_NOT_ASSIGNED',
    });

    await editor
      .post(`/api/bids/${bidId}/members/${memberId}/realised`)
      .send({ entries: [entry()] })
      .expect(200);
    // A correction replaces the figure in force: the order's realised follows it.
    await editor
      .post(`/api/bids/${bidId}/members/${memberId}/realised`)
      .send({ entries: [entry({ revenueCents: 260_000 })], reason: 'Avoir sur la facture' })
      .expect(200);
    const after = (await coordinator.get(`/api/bids/${bidId}/orders`).expect(200)).body
      .orders as Order[];
    const read = required(
      after.find((o) => o.id === first.id),
      'the order',
    );
    expect(read.realisedCents).toBe(260_000);
    expect(read.assignments.find((a) => a.memberId === memberId)?.realisedCents).toBe(260_000);
    expect(
      read.assignments.filter((a) => a.memberId !== memberId).map((a) => a.realisedCents),
    ).toEqual(read.assignments.filter((a) => a.memberId !== memberId).map(() => 0));
    // The order's parts still add up to its amount, to the cent.
    expect(sum(read.assignments.map((a) => a.amountCents))).toBe(read.amountCents);
  });
});
