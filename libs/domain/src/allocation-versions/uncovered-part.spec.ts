import { DomainError } from '../errors';
import {
  assertUncoveredAcknowledged,
  describeUncoveredLot,
  uncoveredByLot,
} from './uncovered-part';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

const uncovered = [
  { lot: 4, territory: 'COM:93066', hours: 1000.25, amountCents: 4_616_004, insertionHours: 100 },
  { lot: 1, territory: 'COM:93001', hours: 1050, amountCents: 3_831_466, insertionHours: 105 },
  { lot: 4, territory: 'COM:93048', hours: 1099.75, amountCents: 5_077_602, insertionHours: 110 },
];

describe('the uncovered part of a version', () => {
  it('adds up each lot’s uncovered cells, in lot order', () => {
    expect(uncoveredByLot({ uncovered })).toEqual([
      { lot: 1, hours: 1050, amountCents: 3_831_466, insertionHours: 105 },
      { lot: 4, hours: 2100, amountCents: 9_693_606, insertionHours: 210 },
    ]);
    expect(uncoveredByLot({ uncovered: [] })).toEqual([]);
  });

  it('reads as annex A states it', () => {
    expect(
      describeUncoveredLot({ lot: 1, hours: 1050, amountCents: 3_831_466, insertionHours: 105 }),
    ).toBe(`lot 1 : 1${NNBSP}050${NBSP}h, 38${NNBSP}314,66${NBSP}€ HT, 105${NBSP}h d’insertion`);
    expect(
      describeUncoveredLot({ lot: 2, hours: 50, amountCents: 255_951, insertionHours: 0 }),
    ).toBe(`lot 2 : 50${NBSP}h, 2${NNBSP}559,51${NBSP}€ HT`);
  });

  it('goes to the vote only once the coordinator has said it was seen', () => {
    const version = { number: 3, result: { uncovered } };
    let refusal: unknown;
    try {
      assertUncoveredAcknowledged(version, false);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).problems).toEqual([
      expect.objectContaining({ path: 'acknowledgeUncovered', code: 'UNCOVERED_NOT_ACKNOWLEDGED' }),
    ]);
    expect((refusal as DomainError).message).toMatch(
      /^La version 3 laisse une part sans membre \(lot 1 : .* ; lot 4 : .*\) : confirmez/,
    );
    expect(() => assertUncoveredAcknowledged(version, true)).not.toThrow();
    // A version that covers everything needs no acknowledgement.
    expect(() =>
      assertUncoveredAcknowledged({ number: 1, result: { uncovered: [] } }, false),
    ).not.toThrow();
  });
});
