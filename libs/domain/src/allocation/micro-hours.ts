/**
 * Hours as whole microhours (1e-6 h, under 4 ms). The solver's values carry noise below that:
 * floating-point digits (299.99999999999994 for 300) and feasibility slack (3e-8 h on a member
 * whose cap is zero). On this grid equal hours compare equal, which the apportionment's ties rely
 * on, no one gets insertion hours for a few nanohours, and sums and shares are exact integers.
 */
const MICROHOURS_PER_HOUR = 1_000_000n;

/** The microhours nearest to `hours`, brought within [0, `max`]. */
export function toMicroHours(hours: number, max = Number.POSITIVE_INFINITY): bigint {
  return BigInt(Math.round(Math.min(Math.max(hours, 0), max) * Number(MICROHOURS_PER_HOUR)));
}

/** Back to hours, as a double: for ratios and sentences, never for sums. */
export function toHours(microHours: bigint): number {
  return Number(microHours) / Number(MICROHOURS_PER_HOUR);
}

/** numerator / denominator rounded half up to two decimals (both non-negative). */
export function roundToHundredths(numerator: bigint, denominator: bigint): number {
  if (denominator <= 0n) throw new RangeError('a ratio needs a positive denominator');
  return Number((numerator * 200n + denominator) / (2n * denominator)) / 100;
}

/** Hours as reported: two decimals (allocation.md, "From hours to money"). */
export function reportedHours(microHours: bigint): number {
  return roundToHundredths(microHours, MICROHOURS_PER_HOUR);
}
