import fc from 'fast-check';
import { largestRemainder } from './largest-remainder';
import { at } from '../invariants';

describe('largestRemainder', () => {
  it('floors every share and gives the missing units to the largest fractional parts', () => {
    // Exact shares 50, 35, 15: nothing to hand out.
    expect(largestRemainder(100, [10n, 7n, 3n])).toEqual([50, 35, 15]);
    // 10 x 5/9 = 5.56, 10 x 3/9 = 3.33, 10 x 1/9 = 1.11: floors 5 3 1, one unit to the 0.56.
    expect(largestRemainder(10, [5n, 3n, 1n])).toEqual([6, 3, 1]);
    // 7 x 2/7 = 2, 7 x 5/7 = 5: exact, nothing to hand out.
    expect(largestRemainder(7, [2n, 5n])).toEqual([2, 5]);
  });

  it('breaks ties in favour of the earlier item (the smaller organisation key)', () => {
    expect(largestRemainder(100, [1n, 1n, 1n])).toEqual([34, 33, 33]);
    expect(largestRemainder(101, [1n, 1n, 1n])).toEqual([34, 34, 33]);
    // 1.5, 1.5 and 3: the two halves tie for the one missing unit, the whole share is out of it.
    expect(largestRemainder(6, [1n, 1n, 2n])).toEqual([2, 1, 3]);
  });

  it('puts the uncovered line last when it ties, as the caller lists it last', () => {
    const [memberA, memberB, uncovered] = largestRemainder(2, [1n, 1n, 1n]);
    expect([memberA, memberB, uncovered]).toEqual([1, 1, 0]);
  });

  it('gives nothing to a zero weight, even when units are missing elsewhere', () => {
    expect(largestRemainder(10, [1n, 0n, 1n, 1n])).toEqual([4, 0, 3, 3]);
  });

  it('stays exact far beyond floating-point precision', () => {
    const total = Number.MAX_SAFE_INTEGER; // 2^53 - 1
    const parts = largestRemainder(total, [1n, 2n, 3n]);
    expect(parts.reduce((sum, part) => sum + BigInt(part), 0n)).toBe(BigInt(total));
    // Exact shares ...165.17, ...330.33, ...495.5: the one missing unit goes to the 0.5.
    expect(parts).toEqual([1501199875790165, 3002399751580330, 4503599627370496]);
  });

  it('refuses what cannot be split', () => {
    expect(() => largestRemainder(1.5, [1n])).toThrow(RangeError);
    expect(() => largestRemainder(-1, [1n])).toThrow(RangeError);
    expect(() => largestRemainder(10, [0n, 0n])).toThrow(RangeError);
    expect(() => largestRemainder(10, [1n, -1n])).toThrow(RangeError);
  });

  it('always adds up, and each part is its exact share rounded down or up', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000_000 }),
        fc.array(fc.bigInt({ min: 0n, max: 10n ** 15n }), { minLength: 1, maxLength: 30 }),
        (total, weights) => {
          fc.pre(weights.some((weight) => weight > 0n));
          const parts = largestRemainder(total, weights);
          const sum = weights.reduce((a, b) => a + b, 0n);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
          parts.forEach((part, i) => {
            const floor = (BigInt(total) * at(weights, i)) / sum;
            expect(BigInt(part) - floor).toBeGreaterThanOrEqual(0n);
            expect(BigInt(part) - floor).toBeLessThanOrEqual(1n);
            if (weights[i] === 0n) expect(part).toBe(0);
          });
        },
      ),
    );
  });
});
