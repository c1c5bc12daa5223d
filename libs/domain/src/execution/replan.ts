import type { AllocationEngine, AllocationModels } from '../allocation/allocation-engine';
import type { AllocationOptima } from '../allocation/allocation-result';
import { largestRemainder } from '../allocation/largest-remainder';
import { DomainError, DomainErrorCode, type Problem } from '../errors';
import { at } from '../invariants';
import type { ProgressReporter, Scenario } from '../scenario';
import { type ContractPeriod, spreadOverPeriods } from './contract-periods';
import { plannedSplit } from './planned-split';

/** A won lot as the re-plan sees it: the buyer's amount and the contract's periods. */
export interface ReplanLot {
  readonly lot: number;
  readonly awardedCents: number;
  readonly periods: readonly ContractPeriod[];
}

/** One line of the plan over the periods: a member's cell (org) or the uncovered part (null). */
export interface ReplanLine {
  readonly org: string | null;
  readonly lot: number;
  readonly territory: string;
  readonly period: number;
  readonly hundredths: number;
  readonly amountCents: number;
  readonly insertionHours: number;
}

/** What was realised on a member's cell over the periods before the re-plan (figures in force). */
export interface RealisedBefore {
  readonly org: string;
  readonly lot: number;
  readonly territory: string;
  readonly hundredths: number;
  readonly revenueCents: number;
}

export interface ReplanInput {
  /** The bid as the allocation reads it: members, offers, limits, policy, every lot's cells. */
  readonly scenario: Scenario;
  readonly fromPeriod: number;
  /** The won lots, each with its contract's periods. */
  readonly lots: readonly ReplanLot[];
  /** The plan in force over the periods: the members' lines (planned_periods). */
  readonly planned: readonly ReplanLine[];
  /** The uncovered part per cell for the whole contract (planned_cells without member). */
  readonly uncovered: readonly {
    lot: number;
    territory: string;
    amountCents: number;
    insertionHours: number;
  }[];
  readonly realised: readonly RealisedBefore[];
  /** Members that left: they get no new work. */
  readonly leftOrgs?: readonly string[];
}

/** Per won lot: the awarded amount and how the new plan adds up to it, to the cent. */
export interface ReplanLotTotal {
  readonly lot: number;
  readonly awardedCents: number;
  /** The plan of the periods before `fromPeriod`, members and uncovered part, kept as it was. */
  readonly keptCents: number;
  /** The new plan of the remaining periods, members and uncovered part. */
  readonly replannedCents: number;
  readonly replannedUncoveredCents: number;
  readonly keptInsertionHours: number;
  readonly replannedInsertionHours: number;
  /** Hundredths of hours of demand for the remaining periods. */
  readonly remainingDemandHundredths: number;
}

export interface ReplanOutcome {
  readonly fromPeriod: number;
  /** The model solved: the bid reduced to the remaining demand and capacities. */
  readonly scenario: Scenario;
  readonly optima: AllocationOptima;
  /** The plan of the periods before `fromPeriod`, exactly as given. */
  readonly kept: readonly ReplanLine[];
  /** The new plan of the remaining periods (uncovered part with org null, last per lot). */
  readonly lines: readonly ReplanLine[];
  readonly totals: readonly ReplanLotTotal[];
  readonly models: AllocationModels;
}

const refused = (path: string, code: string, message: string) =>
  new DomainError(DomainErrorCode.INVALID_INPUT, `Replanification refusée : ${message}.`, [
    { path, code, message },
  ] satisfies Problem[]);

/** Hours to hundredths, as the split's two decimals count them. */
const hundredthsOf = (hours: number) => Math.round(hours * 100);
/** Hours kept to the microhour (the engine counts no finer). */
const microRound = (hours: number) => Math.round(hours * 1e6) / 1e6;
const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const value of values) total += value;
  return total;
};
const cellKey = (lot: number, territory: string) => `${lot}\u0000${territory}`;
const memberCellKey = (org: string, lot: number, territory: string) =>
  `${org}\u0000${lot}\u0000${territory}`;

/** Checks that a re-plan may start at `fromPeriod`: after the first period, inside every contract. */
export function checkReplanPeriod(fromPeriod: number, lots: readonly ReplanLot[]): void {
  if (lots.length === 0) {
    throw refused('lots', 'NO_AWARD', 'aucun lot gagné dont le marché est défini');
  }
  if (!Number.isInteger(fromPeriod) || fromPeriod < 1) {
    throw refused('fromPeriod', 'INVALID_PERIOD', 'la période doit être un nombre entier ≥ 2');
  }
  if (fromPeriod === 1) {
    throw refused(
      'fromPeriod',
      'FIRST_PERIOD',
      'la première période ne se replanifie pas : rien n’est encore réalisé',
    );
  }
  for (const lot of lots) {
    if (fromPeriod > lot.periods.length) {
      throw refused(
        'fromPeriod',
        'PERIOD_OUTSIDE_CONTRACT',
        `la période ${fromPeriod} est hors du marché du lot ${lot.lot} (${lot.periods.length} périodes)`,
      );
    }
  }
}

/**
 * The bid reduced to what remains from `fromPeriod` on (docs/after-award.md, "Re-planning"):
 * - each won lot's cells keep the demand of the remaining periods (the cell's demand spread over
 *   the periods by their months, largest remainder, in hundredths), lost lots are left out;
 * - the lot's amount and insertion hours are what the plan kept for the periods before does not
 *   use: awarded − kept, so that kept + new adds up to the awarded amount to the cent;
 * - what each member realised before is fixed: its offer on a cell, its hours cap and its revenue
 *   cap are reduced by it (an offer used up, a member whose cap is used up or that left, drops
 *   out).
 */
export function replanScenario(input: ReplanInput): {
  scenario: Scenario;
  totals: Omit<ReplanLotTotal, 'replannedCents' | 'replannedUncoveredCents'>[];
} {
  const { scenario, fromPeriod } = input;
  checkReplanPeriod(fromPeriod, input.lots);
  const before = (line: { period: number }) => line.period < fromPeriod;
  const left = new Set(input.leftOrgs ?? []);

  const lots: Scenario['tender']['lots'][number][] = [];
  const totals: Omit<ReplanLotTotal, 'replannedCents' | 'replannedUncoveredCents'>[] = [];
  for (const won of [...input.lots].sort((a, b) => a.lot - b.lot)) {
    const lot = scenario.tender.lots.find((candidate) => candidate.number === won.lot);
    if (!lot) throw new Error(`lot ${won.lot} is not in the scenario`);
    const weights = won.periods.map((period) => BigInt(period.months));
    const cells = lot.cells.flatMap((cell) => {
      const parts = largestRemainder(hundredthsOf(cell.demandHours), weights);
      const remaining = sum(parts.filter((_, k) => at(won.periods, k).number >= fromPeriod));
      return remaining > 0 ? [{ ...cell, demandHours: remaining / 100 }] : [];
    });
    const keptMembers = input.planned.filter((line) => line.lot === won.lot && before(line));
    const keptUncovered = input.uncovered
      .filter((entry) => entry.lot === won.lot)
      .flatMap((entry) =>
        spreadOverPeriods({ hundredths: 0, ...entry }, won.periods).filter(before),
      );
    const kept = [...keptMembers, ...keptUncovered];
    const keptCents = sum(kept.map((line) => line.amountCents));
    const lotInsertion =
      sum(input.planned.filter((line) => line.lot === won.lot).map((line) => line.insertionHours)) +
      sum(input.uncovered.filter((entry) => entry.lot === won.lot).map((e) => e.insertionHours));
    const keptInsertionHours = sum(kept.map((line) => line.insertionHours));
    const remainingCents = won.awardedCents - keptCents;
    if (cells.length === 0 || remainingCents <= 0) {
      throw refused(
        'fromPeriod',
        'NOTHING_LEFT',
        `rien ne reste à répartir sur le lot ${won.lot} à partir de la période ${fromPeriod}`,
      );
    }
    lots.push({
      ...lot,
      amountCents: remainingCents,
      insertionHours: lotInsertion - keptInsertionHours,
      cells,
    });
    totals.push({
      lot: won.lot,
      awardedCents: won.awardedCents,
      keptCents,
      keptInsertionHours,
      replannedInsertionHours: lotInsertion - keptInsertionHours,
      remainingDemandHundredths: sum(cells.map((cell) => hundredthsOf(cell.demandHours))),
    });
  }

  const remainingCells = new Set(
    lots.flatMap((lot) => lot.cells.map((cell) => cellKey(lot.number, cell.territory))),
  );
  const realisedHours = new Map<string, number>();
  const realisedByOrg = new Map<string, { hundredths: number; cents: number }>();
  for (const entry of input.realised) {
    const key = memberCellKey(entry.org, entry.lot, entry.territory);
    realisedHours.set(key, (realisedHours.get(key) ?? 0) + entry.hundredths);
    const org = realisedByOrg.get(entry.org) ?? { hundredths: 0, cents: 0 };
    realisedByOrg.set(entry.org, {
      hundredths: org.hundredths + entry.hundredths,
      cents: org.cents + entry.revenueCents,
    });
  }
  // A member whose hours or revenue cap the realised figures use up can take no hour more.
  const exhausted = new Set(
    scenario.limits.flatMap((limit) => {
      const done = realisedByOrg.get(limit.org) ?? { hundredths: 0, cents: 0 };
      const noHours =
        limit.maxHours !== undefined && microRound(limit.maxHours - done.hundredths / 100) < 1e-6;
      const noRevenue =
        limit.maxRevenueCents !== undefined && limit.maxRevenueCents - done.cents <= 0;
      return noHours || noRevenue ? [limit.org] : [];
    }),
  );
  const offers = scenario.offers.flatMap((offer) => {
    if (left.has(offer.org) || exhausted.has(offer.org)) return [];
    if (!remainingCells.has(cellKey(offer.lot, offer.territory))) return [];
    const done = realisedHours.get(memberCellKey(offer.org, offer.lot, offer.territory)) ?? 0;
    const hours = microRound(offer.hours - done / 100);
    return hours >= 1e-6 ? [{ ...offer, hours }] : [];
  });
  const offering = new Set(offers.map((offer) => offer.org));
  const limits = scenario.limits.flatMap((limit) => {
    if (!offering.has(limit.org)) return [];
    const done = realisedByOrg.get(limit.org) ?? { hundredths: 0, cents: 0 };
    return [
      {
        org: limit.org,
        ...(limit.maxHours !== undefined && {
          maxHours: microRound(limit.maxHours - done.hundredths / 100),
        }),
        ...(limit.maxRevenueCents !== undefined && {
          maxRevenueCents: limit.maxRevenueCents - done.cents,
        }),
      },
    ];
  });

  return {
    scenario: {
      ...scenario,
      tender: { ...scenario.tender, lots },
      offers,
      limits,
      // Subcontracting is declared on the signed split; it does not move the re-plan's model.
      subcontracts: [],
    },
    totals,
  };
}

/**
 * Re-plans the won lots from `fromPeriod` on: the reduced bid (`replanScenario`) solved by the
 * allocation engine's three stages, apportioned to the cent by its largest remainder, each
 * member's cell spread over the remaining periods by their months. The periods before are kept
 * as they were, line for line.
 */
export async function replan(
  engine: AllocationEngine,
  input: ReplanInput,
  onProgress?: ProgressReporter,
): Promise<ReplanOutcome> {
  const reduced = replanScenario(input);
  const { scenario, result, models } = await engine.run(reduced.scenario, { onProgress });
  const lots = scenario.tender.lots.map((lot) => ({
    number: lot.number,
    amountCents: lot.amountCents,
  }));
  const split = plannedSplit(
    result,
    lots,
    lots.map((lot) => ({ lot: lot.number, outcome: 'WON', awardedCents: lot.amountCents })),
  );
  const lines: ReplanLine[] = [];
  const totals: ReplanLotTotal[] = [];
  for (const won of [...input.lots].sort((a, b) => a.lot - b.lot)) {
    const remaining = won.periods.filter((period) => period.number >= input.fromPeriod);
    const lotLines: ReplanLine[] = [];
    for (const cell of split.cells.filter((entry) => entry.lot === won.lot)) {
      for (const part of spreadOverPeriods(cell, remaining)) {
        lotLines.push({ org: cell.org, lot: cell.lot, territory: cell.territory, ...part });
      }
    }
    const uncovered: ReplanLine[] = split.uncovered
      .filter((entry) => entry.lot === won.lot)
      .flatMap((entry) =>
        spreadOverPeriods({ hundredths: 0, ...entry }, remaining).map((part) => ({
          org: null,
          lot: entry.lot,
          territory: entry.territory,
          ...part,
        })),
      );
    lines.push(...lotLines, ...uncovered);
    const total = reduced.totals.find((entry) => entry.lot === won.lot);
    if (!total) throw new Error(`lot ${won.lot}: no total`);
    const replannedCents = sum([...lotLines, ...uncovered].map((line) => line.amountCents));
    const replannedInsertion = sum([...lotLines, ...uncovered].map((l) => l.insertionHours));
    if (total.keptCents + replannedCents !== won.awardedCents) {
      throw new Error(`lot ${won.lot}: the re-plan does not add up to the awarded amount`);
    }
    if (replannedInsertion !== total.replannedInsertionHours) {
      throw new Error(`lot ${won.lot}: the re-plan's insertion hours do not add up`);
    }
    totals.push({
      ...total,
      replannedCents,
      replannedUncoveredCents: sum(uncovered.map((line) => line.amountCents)),
    });
  }
  return {
    fromPeriod: input.fromPeriod,
    scenario,
    optima: result.optima,
    kept: input.planned.filter((line) => line.period < input.fromPeriod),
    lines,
    totals,
    models,
  };
}
