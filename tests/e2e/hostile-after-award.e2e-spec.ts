import { required } from '@cordage/domain';
import type { SignedIn } from './support/actors';
import {
  type ComparisonLine,
  contractUnderWay,
  memberEditors,
  monthsAgo,
} from './support/after-award';
import { expectRefused, rowCounts } from './support/refused';
import { systemForTests } from './support/system';

/**
 * The money routes after the award (orders, realised figures), where a hostile value gets past
 * the request's shape and reaches the rules and the database: never a 5xx, a 4xx naming the
 * field, and nothing written.
 */
describe('Hostile values on the money routes of an awarded bid', () => {
  const system = systemForTests();
  let bidId: string;
  let coordinator: SignedIn;
  const editorOf = memberEditors(system, () => bidId);
  let lines: ComparisonLine[];
  let territories: string[];
  const orderedOn = monthsAgo(5).slice(0, 8) + '10';

  const footprint = rowCounts(
    () => system.dataSource,
    ['audit_events', 'orders', 'order_assignments', 'realised_entries'],
  );

  beforeAll(async () => {
    ({ bidId, coordinator, lot1: lines } = await contractUnderWay(system));
    territories = [
      ...new Set(lines.filter((l) => l.period === 2 && l.plannedCents > 0).map((l) => l.territory)),
    ].slice(0, 2);
  }, 300_000);

  const refused = (sent: PromiseLike<{ status: number; body: unknown }>, field: string) =>
    expectRefused(sent, field, footprint);

  describe('an order', () => {
    const order = (overrides: Record<string, unknown> = {}) => ({
      number: 'BC-HOSTILE-1',
      orderedOn,
      lot: 1,
      territories,
      amountCents: 1_234_567,
      ...overrides,
    });
    const post = (body: object) => coordinator.post(`/api/bids/${bidId}/orders`).send(body);

    it('refuses decimals, huge and negative amounts, impossible dates, long numbers', async () => {
      await refused(post(order({ amountCents: 12.5 })), 'amountCents');
      await refused(post(order({ amountCents: 1e20 })), 'amountCents');
      await refused(post(order({ amountCents: 1e308 })), 'amountCents');
      await refused(post(order({ amountCents: '1234' })), 'amountCents');
      await refused(post(order({ amountCents: -100 })), 'amountCents');
      await refused(post(order({ amountCents: 0 })), 'amountCents');
      await refused(post(order({ orderedOn: '2026-02-30' })), 'orderedOn');
      await refused(post(order({ number: 'x'.repeat(100_000) })), 'number');
      await refused(post(order({ number: '' })), 'number');
      await refused(post(order({ lot: 2_147_483_648 })), 'lot');
      await refused(post(order({ intrus: true })), '');
    });

    it('refuses a huge amount that no plan can hold, without a 5xx', async () => {
      const before = await footprint();
      const response = await post(order({ amountCents: Number.MAX_SAFE_INTEGER }));
      expect(response.status).toBeLessThan(500);
      if (response.status >= 400) expect(await footprint()).toBe(before);
    });

    it('refuses unknown, repeated and countless cells', async () => {
      await refused(post(order({ territories: ['COM:00000'] })), 'territories');
      await refused(
        post(order({ territories: Array.from({ length: 10_001 }, () => territories[0]) })),
        'territories',
      );
      const repeated = await post(
        order({ number: 'BC-HOSTILE-2', territories: [...territories, ...territories] }),
      );
      expect(repeated.status).toBeLessThan(500);
    });

    it('refuses an assignment naming a member twice, or not adding up to the cent', async () => {
      const proposal = await coordinator
        .post(`/api/bids/${bidId}/orders/proposal`)
        .send(order())
        .expect(200);
      const parts = proposal.body.assignments as { memberId: string; amountCents: number }[];
      const first = required(parts[0], 'a part');
      const assignments = parts.map(({ memberId, amountCents }) => ({ memberId, amountCents }));
      await refused(
        post(
          order({ assignments: [...assignments, { memberId: first.memberId, amountCents: 0 }] }),
        ),
        'assignments',
      );
      await refused(
        post(
          order({
            assignments: assignments.map((a, i) =>
              i === 0 ? { ...a, amountCents: a.amountCents + 1 } : a,
            ),
          }),
        ),
        'assignments',
      );
      await refused(
        post(
          order({
            assignments: [
              { memberId: first.memberId, amountCents: 1_234_567 + 1_000 },
              ...assignments.slice(1).map((a) => ({ ...a, amountCents: 0 })),
              ...(assignments.length > 1
                ? []
                : [{ memberId: first.memberId, amountCents: -1_000 }]),
            ],
          }),
        ),
        'assignments',
      );
    });
  });

  describe('realised figures', () => {
    let memberId: string;
    let editor: SignedIn;
    let cell: { lot: number; territory: string; period: number };
    const entry = (overrides: Record<string, unknown> = {}) => ({
      ...cell,
      hours: 10,
      revenueCents: 100_000,
      insertionHours: 2,
      insertionPeople: 1,
      ...overrides,
    });

    beforeAll(async () => {
      const line = required(
        lines.find((l) => l.period === 2 && l.plannedCents > 0),
        'a planned line',
      );
      ({ memberId, editor } = await editorOf(line.member));
      cell = { lot: 1, territory: line.territory, period: 2 };
    });

    const declare = (body: object) =>
      editor.post(`/api/bids/${bidId}/members/${memberId}/realised`).send(body);

    it('refuses figures beyond what can be stored, decimals of cents, negatives', async () => {
      await refused(declare({ entries: [entry({ revenueCents: 1e308 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ revenueCents: 1e20 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ hours: 1e308 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ hours: 1e15 })] }), 'entries[0].hours');
      await refused(declare({ entries: [entry({ insertionHours: 1e308 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ insertionPeople: 1e308 })] }), 'entries[0]');
      await refused(
        declare({ entries: [entry({ insertionPeople: 2_147_483_648 })] }),
        'entries[0].insertionPeople',
      );
      await refused(
        declare({ entries: [entry({ insertionHours: 1e12 })] }),
        'entries[0].insertionHours',
      );
      await refused(declare({ entries: [entry({ revenueCents: 10.5 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ hours: 1.234 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ insertionPeople: 1.5 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ hours: -1 })] }), 'entries[0]');
      await refused(declare({ entries: [entry({ period: 0 })] }), 'entries[0].period');
      await refused(declare({ entries: [entry({ period: 2_147_483_648 })] }), 'entries[0].period');
      await refused(declare({ entries: [entry({ orderId: 'not-a-uuid' })] }), 'entries[0].orderId');
      await refused(
        declare({ entries: [entry({ orderId: '00000000-0000-4000-8000-000000000000' })] }),
        'entries[0]',
      );
    });

    it('refuses the same cell twice in one declaration, and no 5xx for the most entries allowed', async () => {
      const before = await footprint();
      const twice = await declare({ entries: [entry(), entry({ hours: 11 })] });
      expect(twice.status).toBeLessThan(500);
      if (twice.status >= 400) expect(await footprint()).toBe(before);
      const many = await declare({ entries: Array.from({ length: 50_000 }, () => entry()) });
      expect(many.status).toBeLessThan(500);
      const tooMany = await declare({ entries: Array.from({ length: 50_001 }, () => entry()) });
      // Refused by its size (413) or its count (400), before anything is read.
      expect([400, 413]).toContain(tooMany.status);
    });
  });
});
