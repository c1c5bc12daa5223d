import { DateTime } from 'luxon';
import { largestRemainder } from '../allocation/largest-remainder';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';

/** A won lot's contract: when it starts, how long it runs, how often realised figures are due. */
export interface ContractTerms {
  /** First day, ISO calendar date (YYYY-MM-DD). */
  readonly startOn: string;
  readonly durationMonths: number;
  /** Months per period: 1 (monthly) by default. */
  readonly periodMonths: number;
}

/** One period of a contract, numbered from 1; `endOn` is the first day after it. */
export interface ContractPeriod {
  readonly number: number;
  readonly startOn: string;
  readonly endOn: string;
  readonly months: number;
}

/** The longest contract the tool accepts: a framework contract runs four years at most (L2125-1). */
export const MAX_CONTRACT_MONTHS = 120;

/** Checks the terms; throws INVALID_INPUT naming each wrong field. */
export function checkContractTerms(terms: ContractTerms): ContractTerms {
  const problems: Problem[] = [];
  if (!DateTime.fromISO(terms.startOn, { zone: 'utc' }).isValid || terms.startOn.length !== 10) {
    problems.push({
      path: 'startOn',
      code: 'INVALID_DATE',
      message: `la date de début « ${terms.startOn} » n’est pas une date AAAA-MM-JJ`,
    });
  }
  if (
    !Number.isInteger(terms.durationMonths) ||
    terms.durationMonths < 1 ||
    terms.durationMonths > MAX_CONTRACT_MONTHS
  ) {
    problems.push({
      path: 'durationMonths',
      code: 'INVALID_DURATION',
      message: `la durée doit être un nombre entier de mois entre 1 et ${MAX_CONTRACT_MONTHS}`,
    });
  }
  if (
    !Number.isInteger(terms.periodMonths) ||
    terms.periodMonths < 1 ||
    terms.periodMonths > Math.max(1, terms.durationMonths)
  ) {
    problems.push({
      path: 'periodMonths',
      code: 'INVALID_PERIOD',
      message: 'la période doit être un nombre entier de mois, au plus la durée du marché',
    });
  }
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      `Durée d’exécution refusée : ${at(problems, 0).message}.`,
      problems,
    );
  }
  return terms;
}

/** How long after its notification a lot's contract may start: a framework starts within two years. */
export const MAX_START_DELAY_MONTHS = 24;

/**
 * Checks a contract's first day against the award: a contract takes effect on its notification at
 * the earliest, and within MAX_START_DELAY_MONTHS of it. Throws INVALID_INPUT naming `startOn`.
 */
export function checkContractStart(startOn: string, awardedOn: string): void {
  const latest = DateTime.fromISO(awardedOn, { zone: 'utc' })
    .plus({ months: MAX_START_DELAY_MONTHS })
    .toISODate();
  if (latest !== null && startOn >= awardedOn && startOn <= latest) return;
  const message = `le marché commence au plus tôt à la notification de l’attribution (le ${awardedOn}) et au plus tard ${MAX_START_DELAY_MONTHS} mois après (le ${latest ?? awardedOn})`;
  throw new DomainError(DomainErrorCode.INVALID_INPUT, `Durée d’exécution refusée : ${message}.`, [
    { path: 'startOn', code: 'START_OUT_OF_RANGE', message },
  ]);
}

/**
 * The contract's periods, in order: each `periodMonths` long from the start (a month after the
 * 31st ends on the month's last day, as Luxon adds months), the last one shorter when the
 * duration is not a multiple of the period.
 */
export function contractPeriods(terms: ContractTerms): ContractPeriod[] {
  const { startOn, durationMonths, periodMonths } = checkContractTerms(terms);
  const start = DateTime.fromISO(startOn, { zone: 'utc' });
  const periods: ContractPeriod[] = [];
  for (let offset = 0, number = 1; offset < durationMonths; offset += periodMonths, number++) {
    const months = Math.min(periodMonths, durationMonths - offset);
    periods.push({
      number,
      startOn: start.plus({ months: offset }).toISODate() ?? startOn,
      endOn: start.plus({ months: offset + months }).toISODate() ?? startOn,
      months,
    });
  }
  return periods;
}

/** A period's last day (its `endOn` is the first day after it), as a calendar date. */
export function periodLastDay(period: Pick<ContractPeriod, 'endOn'>): string {
  return (
    DateTime.fromISO(period.endOn, { zone: 'utc' }).minus({ days: 1 }).toISODate() ?? period.endOn
  );
}

/** The period a date (YYYY-MM-DD) falls in, or null outside the contract. */
export function periodOn(periods: readonly ContractPeriod[], day: string): ContractPeriod | null {
  return periods.find((period) => period.startOn <= day && day < period.endOn) ?? null;
}

/**
 * A planned cell's figures spread over the periods in proportion to their months, by the largest
 * remainder: the periods add up exactly to the cell (cents, hundredths of hours, insertion hours).
 */
export function spreadOverPeriods(
  figures: { hundredths: number; amountCents: number; insertionHours: number },
  periods: readonly ContractPeriod[],
): { period: number; hundredths: number; amountCents: number; insertionHours: number }[] {
  const weights = periods.map((period) => BigInt(period.months));
  const hundredths = largestRemainder(figures.hundredths, weights);
  const cents = largestRemainder(figures.amountCents, weights);
  const insertion = largestRemainder(figures.insertionHours, weights);
  return periods.map((period, k) => ({
    period: period.number,
    hundredths: at(hundredths, k),
    amountCents: at(cents, k),
    insertionHours: at(insertion, k),
  }));
}
