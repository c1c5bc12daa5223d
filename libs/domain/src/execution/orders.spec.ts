import fc from 'fast-check';
import { DomainError } from '../errors';
import { contractPeriods } from './contract-periods';
import {
  type OrderContext,
  type OrderInput,
  checkAssignment,
  checkOrder,
  proposeAssignment,
} from './orders';

const periods = contractPeriods({ startOn: '2027-01-01', durationMonths: 12, periodMonths: 1 });
const context: OrderContext = {
  lots: new Map([
    [1, { outcome: 'WON' as const, periods }],
    [2, { outcome: 'WON' as const, periods: null }],
    [3, { outcome: 'LOST' as const }],
  ]),
  cells: new Map([
    [1, new Set(['COM:93001', 'COM:93005'])],
    [2, new Set(['COM:93008'])],
    [3, new Set(['COM:93010'])],
  ]),
  members: new Map([
    ['m-a', { key: 'a', status: 'ACCEPTED' as const, role: 'COTRAITANT' as const }],
    ['m-b', { key: 'b', status: 'ACCEPTED' as const, role: 'COTRAITANT' as const }],
    ['m-c', { key: 'c', status: 'WITHDRAWN' as const, role: 'COTRAITANT' as const }],
    ['m-s', { key: 's', status: 'ACCEPTED' as const, role: 'SOUS_TRAITANT' as const }],
  ]),
};
const order: OrderInput = {
  number: 'BC-2027-014',
  orderedOn: '2027-03-15',
  lot: 1,
  territories: ['COM:93001'],
  amountCents: 1_000_001,
};

function problems(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error.problems.map((p) => `${p.path} ${p.code}`);
    throw error;
  }
  return [];
}

describe('an order (bon de commande)', () => {
  it('falls in the period of its date', () => {
    expect(checkOrder(context, order)).toEqual({ period: 3 });
    expect(checkOrder(context, { ...order, orderedOn: '2027-12-31' })).toEqual({ period: 12 });
  });

  it('is refused on a lost lot, outside the contract, on a cell outside the lot, with a negative amount', () => {
    expect(problems(() => checkOrder(context, { ...order, lot: 3, territories: [] }))).toEqual([
      'lot LOT_LOST',
      'territories REQUIRED',
    ]);
    expect(problems(() => checkOrder(context, { ...order, orderedOn: '2028-01-01' }))).toEqual([
      'orderedOn OUTSIDE_CONTRACT',
    ]);
    expect(problems(() => checkOrder(context, { ...order, orderedOn: '2026-12-31' }))).toEqual([
      'orderedOn OUTSIDE_CONTRACT',
    ]);
    expect(problems(() => checkOrder(context, { ...order, lot: 2 }))).toEqual([
      'orderedOn CONTRACT_NOT_SET',
      'territories[0] UNKNOWN_CELL',
    ]);
    expect(
      problems(() =>
        checkOrder(context, { ...order, territories: ['COM:93001', 'COM:93008', 'COM:93001'] }),
      ),
    ).toEqual(['territories[1] UNKNOWN_CELL', 'territories[2] DUPLICATE_CELL']);
    expect(problems(() => checkOrder(context, { ...order, amountCents: -5 }))).toEqual([
      'amountCents NEGATIVE',
    ]);
    expect(problems(() => checkOrder(context, { ...order, amountCents: 0, number: ' ' }))).toEqual([
      'number INVALID_ORDER_NUMBER',
      'amountCents INVALID_AMOUNT',
    ]);
    // An unknown lot has no cells to check.
    expect(problems(() => checkOrder(context, { ...order, lot: 9 }))).toEqual(['lot UNKNOWN_LOT']);
  });

  it('gives its error in French, naming the field', () => {
    expect(() => checkOrder(context, { ...order, lot: 3 })).toThrow(
      /Bon de commande refusé : lot : le lot 3 n’a pas été attribué au groupement/,
    );
  });
});

describe('the proposed assignment of an order', () => {
  it('splits the amount in proportion to the plan in force, to the cent', () => {
    const proposal = proposeAssignment(1_000, [
      { memberId: 'm-b', key: 'b', plannedCents: 2, left: false },
      { memberId: 'm-a', key: 'a', plannedCents: 1, left: false },
      { memberId: 'm-c', key: 'c', plannedCents: 5, left: true },
      { memberId: 'm-d', key: 'd', plannedCents: 0, left: false },
    ]);
    // 1 000 in thirds: 333.33 and 666.67; the cent left goes to the larger remainder (b).
    expect(proposal).toEqual([
      { memberId: 'm-a', amountCents: 333 },
      { memberId: 'm-b', amountCents: 667 },
    ]);
    expect(
      proposeAssignment(1_000, [{ memberId: 'm-a', key: 'a', plannedCents: 0, left: false }]),
    ).toBeNull();
  });

  it('always adds up to the order to the cent, and the domain accepts its own proposal', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 40 }),
        fc.array(fc.integer({ min: 0, max: 10 ** 9 }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => {
          const proposal = proposeAssignment(
            amount,
            weights.map((w, k) => ({
              memberId: `m${k}`,
              key: `k${String(k).padStart(2, '0')}`,
              plannedCents: w,
              left: false,
            })),
          );
          if (proposal === null) return weights.every((w) => w === 0);
          const members = new Map(
            proposal.map((p) => [
              p.memberId,
              { key: p.memberId, status: 'ACCEPTED' as const, role: 'COTRAITANT' as const },
            ]),
          );
          checkAssignment({ members }, amount, proposal);
          return proposal.reduce((sum, p) => sum + p.amountCents, 0) === amount;
        },
      ),
    );
  });

  it('refuses an adjusted assignment that does not add up, a member gone or twice, a negative part, a subcontractor', () => {
    expect(
      problems(() =>
        checkAssignment(context, 1_000, [
          { memberId: 'm-a', amountCents: 400 },
          { memberId: 'm-b', amountCents: 599 },
        ]),
      ),
    ).toEqual(['assignments TOTAL_MISMATCH']);
    expect(
      problems(() =>
        checkAssignment(context, 1_000, [
          { memberId: 'm-a', amountCents: 1_100 },
          { memberId: 'm-a', amountCents: -100 },
          { memberId: 'm-c', amountCents: 0 },
          { memberId: 'm-x', amountCents: 0 },
          { memberId: 'm-s', amountCents: 0 },
        ]),
      ),
    ).toEqual([
      'assignments[1].memberId DUPLICATE_MEMBER',
      'assignments[1].amountCents NEGATIVE',
      'assignments[2].memberId MEMBER_LEFT',
      'assignments[3].memberId UNKNOWN_MEMBER',
      'assignments[4].memberId SUBCONTRACTOR',
    ]);
    expect(problems(() => checkAssignment(context, 1_000, []))).toEqual(['assignments REQUIRED']);
  });
});
