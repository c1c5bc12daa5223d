import { DateTime } from 'luxon';
import type { AllocationResult } from '../allocation/allocation-result';
import { largestRemainder } from '../allocation/largest-remainder';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';
import { MAX_CONTRACT_MONTHS } from './contract-periods';

/** What the buyer decided for one lot. Values are stored: never rename. */
export const LOT_OUTCOMES = ['WON', 'LOST'] as const;
export type LotOutcome = (typeof LOT_OUTCOMES)[number];

/** The award of one lot, as recorded: the amount is the buyer's, which may differ from the bid. */
export interface LotAward {
  readonly lot: number;
  readonly outcome: LotOutcome;
  /** Excl. VAT, in cents; null for a lost lot. */
  readonly awardedCents: number | null;
}

/** A lot of the bid as the award needs it. */
export interface AwardableLot {
  readonly number: number;
  readonly amountCents: number;
}

/** One cell of the contract's planned split: what a member is to do on a lot's territory. */
export interface PlannedCell {
  readonly org: string;
  readonly lot: number;
  readonly territory: string;
  /** Hundredths of an hour: the split's hours carry two decimals. */
  readonly hundredths: number;
  readonly amountCents: number;
  readonly insertionHours: number;
}

/** The part of a won lot that no member covers, kept so that the lot's total holds. */
export interface PlannedUncovered {
  readonly lot: number;
  readonly territory: string;
  readonly amountCents: number;
  readonly insertionHours: number;
}

export interface PlannedSplit {
  /** By member key, lot number, then the version's line order. */
  readonly cells: readonly PlannedCell[];
  readonly uncovered: readonly PlannedUncovered[];
  /** Per won lot: the awarded amount, equal to the sum of its cells and its uncovered part. */
  readonly lots: readonly { readonly lot: number; readonly amountCents: number }[];
}

const toHundredths = (hours: number) => Math.round(hours * 100);

/**
 * Checks an award against the bid's lots: every lot exactly once, an amount (whole cents, > 0)
 * for a won lot and none for a lost one, at least one lot won. Throws INVALID_INPUT naming each
 * wrong field, or returns the awards in lot order.
 */
/**
 * Checks the date of the award's notification: a calendar date, not after `today` (the bid's
 * calendar), and recent enough for a contract to still run (MAX_CONTRACT_MONTHS). Throws
 * INVALID_INPUT naming `awardedOn`.
 */
export function checkAwardDate(awardedOn: string, today: string): void {
  const earliest = DateTime.fromISO(today, { zone: 'utc' })
    .minus({ months: MAX_CONTRACT_MONTHS })
    .toISODate();
  if (earliest !== null && awardedOn >= earliest && awardedOn <= today) return;
  const message = `la date d’attribution doit être passée et d’au plus ${MAX_CONTRACT_MONTHS / 12} ans (entre le ${earliest ?? today} et le ${today})`;
  throw new DomainError(DomainErrorCode.INVALID_INPUT, `Attribution refusée : ${message}.`, [
    { path: 'awardedOn', code: 'AWARD_DATE_OUT_OF_RANGE', message },
  ]);
}

export function checkAward(
  lots: readonly AwardableLot[],
  awards: readonly { lot: number; outcome: LotOutcome; awardedCents?: number | null }[],
): LotAward[] {
  const problems: Problem[] = [];
  const known = new Set(lots.map((lot) => lot.number));
  const seen = new Set<number>();
  awards.forEach((award, index) => {
    const path = `lots[${index}]`;
    if (!known.has(award.lot)) {
      problems.push({
        path: `${path}.lot`,
        code: 'UNKNOWN_LOT',
        message: `le lot ${award.lot} n’existe pas dans cette candidature`,
      });
    } else if (seen.has(award.lot)) {
      problems.push({
        path: `${path}.lot`,
        code: 'DUPLICATE_LOT',
        message: `le lot ${award.lot} figure deux fois`,
      });
    }
    seen.add(award.lot);
    const cents = award.awardedCents ?? null;
    if (award.outcome === 'WON' && (cents === null || !Number.isSafeInteger(cents) || cents <= 0)) {
      problems.push({
        path: `${path}.awardedCents`,
        code: 'INVALID_AMOUNT',
        message: `le montant attribué du lot ${award.lot} doit être un nombre entier de centimes positif`,
      });
    }
    if (award.outcome === 'LOST' && cents !== null) {
      problems.push({
        path: `${path}.awardedCents`,
        code: 'AMOUNT_ON_LOST_LOT',
        message: `le lot ${award.lot} n’est pas attribué au groupement : aucun montant`,
      });
    }
  });
  for (const lot of lots) {
    if (!seen.has(lot.number)) {
      problems.push({
        path: 'lots',
        code: 'LOT_MISSING',
        message: `le lot ${lot.number} n’a pas de décision (WON ou LOST)`,
      });
    }
  }
  if (problems.length === 0 && !awards.some((award) => award.outcome === 'WON')) {
    problems.push({
      path: 'lots',
      code: 'NO_LOT_WON',
      message: 'aucun lot gagné : enregistrez le rejet de la candidature à la place',
    });
  }
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Attribution refusée : ${at(problems, 0).message}.`,
      problems,
    );
  }
  return awards
    .map((award) => ({
      lot: award.lot,
      outcome: award.outcome,
      awardedCents: award.outcome === 'WON' ? (award.awardedCents ?? null) : null,
    }))
    .sort((a, b) => a.lot - b.lot);
}

/** `total` over `weights` by the largest remainder; equal parts when every weight is zero. */
function spread(total: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const big = weights.map((weight) => BigInt(weight));
  return largestRemainder(total, big.some((weight) => weight > 0n) ? big : big.map(() => 1n));
}

/**
 * The contract's planned split: the signed version restricted to the won lots, cell by cell.
 * A member's amount and insertion hours on a lot are spread over its cells in proportion to its
 * hours there. Where the buyer awarded another amount than the bid's, the lot's lines (members
 * in the version's order, then the uncovered part last, as the allocation breaks ties) are scaled
 * to the awarded amount by the same largest-remainder method, so every lot adds up to the cent.
 * Insertion hours are the tender's requirement: an amount changed by the buyer leaves them as they
 * were signed.
 */
export function plannedSplit(
  result: AllocationResult,
  lots: readonly AwardableLot[],
  awards: readonly LotAward[],
): PlannedSplit {
  const cells: PlannedCell[] = [];
  const uncovered: PlannedUncovered[] = [];
  const totals: { lot: number; amountCents: number }[] = [];
  const won = awards.filter((award) => award.outcome === 'WON');
  for (const award of [...won].sort((a, b) => a.lot - b.lot)) {
    const lot = lots.find((candidate) => candidate.number === award.lot);
    if (!lot) throw new Error(`lot ${award.lot}: awarded, not in the bid`);
    const awarded = award.awardedCents ?? lot.amountCents;
    const members = result.members.filter((share) => share.lot === award.lot);
    const open = result.uncovered.filter((entry) => entry.lot === award.lot);
    const signed = [...members, ...open].map((entry) => entry.amountCents);
    const signedTotal = signed.reduce((sum, cents) => sum + cents, 0);
    // The same split when nothing changed; scaled by the largest remainder otherwise.
    const scaled = awarded === signedTotal ? signed : spread(awarded, signed);

    members.forEach((share, k) => {
      const lines = result.lines.filter((line) => line.org === share.org && line.lot === share.lot);
      const weights = lines.map((line) => toHundredths(line.hours));
      const amounts = spread(at(scaled, k), weights);
      const insertion = spread(share.insertionHours, weights);
      lines.forEach((line, j) => {
        cells.push({
          org: line.org,
          lot: line.lot,
          territory: line.territory,
          hundredths: at(weights, j),
          amountCents: at(amounts, j),
          insertionHours: at(insertion, j),
        });
      });
    });
    open.forEach((entry, k) => {
      uncovered.push({
        lot: entry.lot,
        territory: entry.territory,
        amountCents: at(scaled, members.length + k),
        insertionHours: entry.insertionHours,
      });
    });
    totals.push({ lot: award.lot, amountCents: awarded });
  }
  return { cells, uncovered, lots: totals };
}
