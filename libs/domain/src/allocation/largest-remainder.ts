import { at } from '../invariants';

/**
 * Splits a whole number `total` (cents, hours) in proportion to `weights` by the largest-remainder
 * method (allocation.md, "From hours to money"): every exact share total x weight / sum(weights) is
 * floored, then the missing units go one by one to the largest fractional parts. Items come in
 * tie-break order: between equal fractional parts, the earlier item gets the unit. The arithmetic
 * is exact (integers), so the parts always add up to `total`, and a zero weight gets nothing.
 */
export function largestRemainder(total: number, weights: readonly bigint[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new RangeError(`cannot split ${total}: a whole number of units is expected`);
  }
  if (weights.some((weight) => weight < 0n)) throw new RangeError('negative weight');
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n);
  if (weightSum === 0n) throw new RangeError(`cannot split ${total} in proportion to nothing`);

  const whole = BigInt(total);
  const parts = weights.map((weight) => (whole * weight) / weightSum);
  const remainders = weights.map((weight) => (whole * weight) % weightSum);
  let missing = Number(whole - parts.reduce((sum, part) => sum + part, 0n));
  const byRemainder = weights
    .map((_, index) => index)
    .sort((a, b) =>
      remainders[a] === remainders[b] ? a - b : at(remainders, a) > at(remainders, b) ? -1 : 1,
    );
  for (const index of byRemainder) {
    if (missing === 0) break;
    parts[index] = at(parts, index) + 1n;
    missing--;
  }
  return parts.map(Number);
}
