import type { AllocationResult } from '../allocation/allocation-result';
import { formatEuros, formatHours } from '../allocation/french-format';
import { DomainError, DomainErrorCode } from '../errors';

/** What a version leaves to no member on one lot: the uncovered line of annex A. */
export interface UncoveredLot {
  lot: number;
  hours: number;
  amountCents: number;
  insertionHours: number;
}

/** The uncovered part of a result, lot by lot, in lot order; lots fully covered left out. */
export function uncoveredByLot(result: Pick<AllocationResult, 'uncovered'>): UncoveredLot[] {
  const byLot = new Map<number, UncoveredLot>();
  for (const cell of result.uncovered) {
    const lot = byLot.get(cell.lot) ?? {
      lot: cell.lot,
      hours: 0,
      amountCents: 0,
      insertionHours: 0,
    };
    lot.hours += cell.hours;
    lot.amountCents += cell.amountCents;
    lot.insertionHours += cell.insertionHours;
    byLot.set(cell.lot, lot);
  }
  return [...byLot.values()]
    .map((lot) => ({ ...lot, hours: Math.round(lot.hours * 100) / 100 }))
    .sort((a, b) => a.lot - b.lot);
}

/** « lot 1 : 1 050 h, 38 314,66 € HT, dont 105 h d’insertion » */
export function describeUncoveredLot(lot: UncoveredLot): string {
  const insertion =
    lot.insertionHours > 0 ? `, ${formatHours(lot.insertionHours)} d’insertion` : '';
  return (
    `lot ${lot.lot} : ${formatHours(lot.hours)}, ${formatEuros(lot.amountCents)} HT` + insertion
  );
}

/**
 * A version that leaves work to no member goes to the vote only once the coordinator has said so
 * first: the members then vote knowing what none of them carries.
 */
export function assertUncoveredAcknowledged(
  version: { number: number; result: Pick<AllocationResult, 'uncovered'> },
  acknowledged: boolean,
): void {
  const lots = uncoveredByLot(version.result);
  if (lots.length === 0 || acknowledged) return;
  const message =
    `La version ${version.number} laisse une part sans membre (` +
    `${lots.map(describeUncoveredLot).join(' ; ')}) : confirmez en avoir pris connaissance ` +
    'pour la soumettre au vote.';
  throw new DomainError(DomainErrorCode.INVALID_INPUT, message, [
    { path: 'acknowledgeUncovered', code: 'UNCOVERED_NOT_ACKNOWLEDGED', message },
  ]);
}
