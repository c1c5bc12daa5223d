import type { AllocationInput } from '../allocation/allocation-input';
import { buildAllocationInput } from '../allocation/allocation-input';
import type {
  AllocationLine,
  AllocationMemberLot,
  AllocationResult,
  AllocationUncovered,
  AllocationWarning,
} from '../allocation/allocation-result';
import { allocationWarnings } from '../allocation/allocation-warnings';
import {
  type Apportionment,
  type LotTotals,
  type MemberLotShare,
  type UncoveredCell,
  compareKeys,
  splitOverLot,
  uncoveredCells,
} from '../allocation/apportionment';
import { checkCompositionRules } from '../allocation/composition-rules';
import { explainAllocation } from '../allocation/explain-allocation';
import { formatEuros, formatHours } from '../allocation/french-format';
import { largestRemainder } from '../allocation/largest-remainder';
import { reportedHours, roundToHundredths, toMicroHours } from '../allocation/micro-hours';
import { type Problem, inputRefused } from '../errors';
import type { Scenario } from '../scenario';
import { apportionmentOfResult } from './result-apportionment';
import { at } from '../invariants';

export interface LineOverride {
  org: string;
  lot: number;
  territory: string;
  /** The hours the coordinator gives this member on this cell. */
  hours: number;
}

const refuse = (problems: Problem[]) => inputRefused('Modification refusée', problems);

const microHoursText = (micro: bigint) => formatHours(reportedHours(micro));

/** How the refusals name a territory: its official name, or a site's label, never a bare code. */
export type TerritoryNames = (code: string) => string | undefined;

/** « Saint-Denis », « Collège Jean Vilar » or, for a code nobody named, the code itself. */
export function territoryLabel(scenario: Scenario, names: TerritoryNames, code: string): string {
  const site = scenario.tender.lots
    .flatMap((lot) => lot.cells)
    .find((cell) => cell.territory === code && cell.label);
  return site?.label ?? names(code) ?? code;
}

/** "A (500 h), B (300 h)": who holds the hours of one cell in the version changed. */
function holders(
  base: AllocationResult,
  nameOf: (key: string) => string,
  lot: number,
  territory: string,
): string {
  const lines = base.lines.filter(
    (line) => line.lot === lot && line.territory === territory && line.hours > 0,
  );
  return lines.map((line) => `${nameOf(line.org)} (${formatHours(line.hours)})`).join(', ');
}

/**
 * A coordinator's change of one line of an allocation (allocation.md, "Around the solver"). The
 * changed cell's uncovered part absorbs the difference of hours; every other line keeps its hours.
 *
 * The stored version keeps hours to two decimals only, not the solver's exact values, so nothing
 * is apportioned again from those rounded hours (that moved cents on every lot, and put a member
 * capped at its revenue one cent over its cap). Instead:
 * - the other lots are kept as they are, to the byte: members, amounts, shares, insertion hours,
 *   uncovered parts, their warnings;
 * - on the changed lot, the members whose hours do not change keep their amounts and shares; the
 *   hours moved between the changed member and the uncovered part carry their money at the lot's
 *   price, rounded by the largest remainder like a run (member first in ties; the uncovered part
 *   then over its cells); the lot's insertion hours are split again over its members' hours. The
 *   lot still adds up to its amount, to the cent.
 * Then every constraint is checked again for every member (offer, demand, hours cap, revenue cap
 * in cents); a change that puts anyone over one is refused with the reason. A member already over
 * its revenue cap by the run's rounding (a warning of that version) is not held against a change
 * that does not raise its amount. The optima stay those of the version changed.
 */
export function overrideLine(
  scenario: Scenario,
  base: AllocationResult,
  change: LineOverride,
  names: TerritoryNames = () => undefined,
): AllocationResult {
  const input = buildAllocationInput(scenario);
  const { offers, cells, members, lots } = input;
  const nameOf = (key: string) => members.find((member) => member.key === key)?.legalName ?? key;
  const place = territoryLabel(scenario, names, change.territory);
  const offerIndex = offers.findIndex(
    (offer) =>
      at(members, offer.member).key === change.org &&
      at(lots, at(cells, offer.cell).lot).number === change.lot &&
      at(cells, offer.cell).territory === change.territory,
  );
  if (offerIndex < 0) {
    throw refuse([
      {
        path: 'territory',
        code: 'NO_OFFER',
        message: `${nameOf(change.org)} n’a pas fait d’offre sur ${place} au lot ${change.lot}`,
      },
    ]);
  }
  const offer = at(offers, offerIndex);
  const cell = at(cells, offer.cell);
  const member = at(members, offer.member);

  if (!Number.isFinite(change.hours) || change.hours < 0) {
    throw refuse([
      {
        path: 'hours',
        code: 'HOURS_INVALID',
        message: `${change.hours} h : un nombre d’heures positif ou nul est attendu`,
      },
    ]);
  }

  const before = apportionmentOfResult(input, base);
  const oldMicro = at(before.offerMicroHours, offerIndex);
  const newMicro = toMicroHours(change.hours);
  const openBefore = before.uncovered.find((entry) => entry.cell === offer.cell)?.microHours ?? 0n;

  const problems: Problem[] = [];
  const offered = toMicroHours(offer.hours);
  if (newMicro > offered && newMicro > oldMicro) {
    problems.push({
      path: 'hours',
      code: 'OFFER_EXCEEDED',
      message:
        `${member.legalName} n’a offert que ${microHoursText(offered)} sur ` +
        `${place} au lot ${change.lot}`,
    });
  }
  const demandOk = openBefore - (newMicro - oldMicro) >= 0n;
  if (!demandOk) {
    // Who holds the rest: the hours to give must first be taken from one of them.
    const others = holders(
      { ...base, lines: base.lines.filter((line) => line.org !== change.org) },
      nameOf,
      change.lot,
      change.territory,
    );
    problems.push({
      path: 'hours',
      code: 'DEMAND_EXCEEDED',
      message:
        `${place} ne demande que ${formatHours(cell.demandHours)} au lot ${change.lot} et il ` +
        `n’en reste que ${microHoursText(openBefore)} à attribuer` +
        (others
          ? ` : le reste est attribué à ${others} ; retirez d’abord des heures à l’un d’eux`
          : ''),
    });
  }
  // The caps are checked on the new split, which needs the hours to be there.
  if (demandOk) {
    const after = reapportionLot(input, before, offerIndex, newMicro);
    problems.push(...capProblems(input, before, after));
    // The same hours as reported (a 0.00 h line set to 0 included): nothing moves at all.
    if (problems.length === 0 && after === before) return { ...base };
    if (problems.length === 0) return overriddenResult(input, base, after, offerIndex);
  }
  throw refuse(problems);
}

/** Every member's hours cap and revenue cap, after the change; "before" is the base version. */
function capProblems(
  input: AllocationInput,
  before: Apportionment,
  after: Apportionment,
): Problem[] {
  const totals = (apportionment: Apportionment) => {
    const hours = input.members.map(() => 0n);
    const cents = input.members.map(() => 0);
    for (const share of apportionment.shares) {
      hours[share.member] = at(hours, share.member) + share.microHours;
      cents[share.member] = at(cents, share.member) + share.amountCents;
    }
    return { hours, cents };
  };
  const was = totals(before);
  const is = totals(after);
  const problems: Problem[] = [];
  input.members.forEach((member, m) => {
    const { maxHours, maxRevenueCents, legalName } = member;
    if (maxHours !== undefined) {
      const cap = toMicroHours(maxHours);
      if (at(is.hours, m) > cap && at(is.hours, m) > at(was.hours, m)) {
        problems.push({
          path: 'hours',
          code: 'HOURS_CAP_EXCEEDED',
          message:
            `${legalName} plafonne à ${formatHours(maxHours)} au total ` +
            `(${microHoursText(at(is.hours, m))} avec cette modification)`,
        });
      }
    }
    if (
      maxRevenueCents !== undefined &&
      at(is.cents, m) > maxRevenueCents &&
      at(is.cents, m) > at(was.cents, m)
    ) {
      problems.push({
        path: 'hours',
        code: 'REVENUE_CAP_EXCEEDED',
        message:
          `${legalName} dépasserait son plafond de chiffre d’affaires de ` +
          `${formatEuros(maxRevenueCents)} HT (${formatEuros(at(is.cents, m))} HT avec cette modification)`,
      });
    }
  });
  return problems;
}

/**
 * The apportionment with the line of `offerIndex` at `newMicro` hours: only the changed lot moves
 * (see overrideLine). The caller has checked that the changed cell's uncovered part covers it.
 */
function reapportionLot(
  input: AllocationInput,
  before: Apportionment,
  offerIndex: number,
  newMicro: bigint,
): Apportionment {
  const { offers, cells, lots } = input;
  const offer = at(offers, offerIndex);
  const l = at(cells, offer.cell).lot;
  const lot = at(lots, l);
  const delta = newMicro - at(before.offerMicroHours, offerIndex);
  if (delta === 0n) return before;

  const lotShares = before.shares.filter((share) => share.lot === l);
  const changed = lotShares.find((share) => share.member === offer.member);
  if (!changed) throw new Error('the base result has no share for the member of the offer');
  const changedMicro = changed.microHours + delta > 0n ? changed.microHours + delta : 0n;
  const primaryMicro = changed.primaryMicroHours + (offer.preference === 'PRIMARY' ? delta : 0n);

  // The uncovered hours of the lot's cells, in the lot's order; the changed one absorbs delta.
  const open = new Map(before.uncovered.map((entry) => [entry.cell, entry.microHours]));
  const cellMicro = lot.cells.map((j) => (open.get(j) ?? 0n) - (j === offer.cell ? delta : 0n));
  const uncoveredMicro = cellMicro.reduce((sum, micro) => sum + micro, 0n);

  // The unchanged members keep their cents; the rest of the lot goes to the changed member and
  // the uncovered part. The hours moved between them carry their money at the lot's price,
  // A_l x delta / D_l, onto what each had: the base amounts stand for the solver's exact hours,
  // which the reported ones only approach. Exact in units of 1 / D_l (microhours) of a cent.
  const pool =
    lot.amountCents -
    lotShares
      .filter((share) => share !== changed)
      .reduce((sum, share) => sum + share.amountCents, 0);
  const demandMicro = toMicroHours(lot.demandHours);
  const changedExact = BigInt(changed.amountCents) * demandMicro + BigInt(lot.amountCents) * delta;
  const uncoveredExact = BigInt(pool) * demandMicro - changedExact;
  // No hours, no cent (the run's rule), whatever the rounding of the hours reported before.
  const [changedCents, uncoveredCents] =
    changedMicro === 0n || changedExact <= 0n
      ? [0, pool]
      : uncoveredMicro === 0n || uncoveredExact <= 0n
        ? [pool, 0]
        : splitInTwo(pool, changedExact, uncoveredExact);
  const memberMicro = lotShares.map((share) =>
    share === changed ? changedMicro : share.microHours,
  );
  const insertion = splitOverLot(lot.insertionHours, memberMicro, uncoveredMicro);
  const lotTotals: LotTotals = {
    lot: l,
    uncoveredMicroHours: uncoveredMicro,
    uncoveredCents,
    uncoveredInsertionHours: insertion.uncovered,
  };

  const newShares = new Map(
    lotShares.map((share, k): [MemberLotShare, MemberLotShare] => [
      share,
      share === changed
        ? {
            ...share,
            microHours: changedMicro,
            primaryMicroHours:
              primaryMicro < 0n ? 0n : primaryMicro > changedMicro ? changedMicro : primaryMicro,
            amountCents: changedCents,
            sharePermille: roundToHundredths(changedMicro * 1000n, demandMicro),
            insertionHours: at(insertion.members, k),
          }
        : { ...share, insertionHours: at(insertion.members, k) },
    ]),
  );
  const newUncovered = uncoveredCells(
    lot.cells.map((j, k) => ({ cell: j, microHours: at(cellMicro, k) })),
    lotTotals,
  );
  const lotNumber = (entry: UncoveredCell) => at(lots, at(cells, entry.cell).lot).number;
  return {
    offerMicroHours: before.offerMicroHours.map((micro, i) =>
      i === offerIndex ? newMicro : micro,
    ),
    shares: before.shares.map((share) => newShares.get(share) ?? share),
    uncovered: [
      ...before.uncovered.filter((entry) => at(cells, entry.cell).lot !== l),
      ...newUncovered,
    ]
      // By lot number, then in the lot's order, as a run lists them (a stable sort).
      .sort(
        (a, b) => lotNumber(a) - lotNumber(b) || at(cells, a.cell).index - at(cells, b.cell).index,
      ),
    lots: before.lots.map((totals) => (totals.lot === l ? lotTotals : totals)),
  };
}

/**
 * The result of the change: the base's entries for the other lots, as they are; the changed lot's
 * from `after`; rules, warnings and explanations from `after`, except what only concerns an
 * unchanged lot or member, which keeps the base's words (they come from the solver's exact hours).
 */
function overriddenResult(
  input: AllocationInput,
  base: AllocationResult,
  after: Apportionment,
  offerIndex: number,
): AllocationResult {
  const { offers, cells, members, lots } = input;
  const offer = at(offers, offerIndex);
  const l = at(cells, offer.cell).lot;
  const lotNumber = at(lots, l).number;
  const cellIndex = new Map(
    cells.map((cell) => [`${at(lots, cell.lot).number}\u0000${cell.territory}`, cell.index]),
  );
  const indexOf = (lot: number, territory: string) =>
    cellIndex.get(`${lot}\u0000${territory}`) ?? 0;

  // Lines: the lot's others as they were (0.00 h ones included), the changed one at its hours.
  const territory = at(cells, offer.cell).territory;
  const org = at(members, offer.member).key;
  const isChanged = (line: AllocationLine) =>
    line.org === org && line.lot === lotNumber && line.territory === territory;
  const changedLine: AllocationLine[] =
    at(after.offerMicroHours, offerIndex) > 0n
      ? [
          {
            org,
            lot: lotNumber,
            territory,
            hours: reportedHours(at(after.offerMicroHours, offerIndex)),
          },
        ]
      : [];
  const lines = [...base.lines.filter((line) => !isChanged(line)), ...changedLine].sort(
    (a, b) =>
      compareKeys(a.org, b.org) ||
      a.lot - b.lot ||
      indexOf(a.lot, a.territory) - indexOf(b.lot, b.territory),
  );

  const shareOf = new Map(
    after.shares
      .filter((share) => share.lot === l)
      .map((share) => [at(members, share.member).key, share]),
  );
  const memberLots = base.members.map((entry): AllocationMemberLot => {
    const share = entry.lot === lotNumber ? shareOf.get(entry.org) : undefined;
    if (!share) return entry;
    const next = {
      org: entry.org,
      lot: entry.lot,
      hours: reportedHours(share.microHours),
      amountCents: share.amountCents,
      sharePermille: share.sharePermille,
      insertionHours: share.insertionHours,
    };
    return sameMemberLot(entry, next) ? entry : next;
  });

  const uncovered: AllocationUncovered[] = [
    ...base.uncovered.filter((entry) => entry.lot !== lotNumber),
    ...after.uncovered
      .filter((entry) => at(cells, entry.cell).lot === l)
      .map((entry) => ({
        lot: lotNumber,
        territory: at(cells, entry.cell).territory,
        hours: reportedHours(entry.microHours),
        amountCents: entry.amountCents,
        insertionHours: entry.insertionHours,
      })),
  ].sort((a, b) => a.lot - b.lot || indexOf(a.lot, a.territory) - indexOf(b.lot, b.territory));

  // The members whose figures moved get a new explanation; the others keep theirs, word for word.
  const moved = new Set(
    memberLots.filter((entry, k) => entry !== base.members[k]).map((entry) => entry.org),
  );
  const fresh = explainAllocation(input, after, base.optima.fairness);
  const explanations: Record<string, string> = {};
  for (const [key, text] of Object.entries(fresh)) {
    explanations[key] = moved.has(key) ? text : (base.explanations[key] ?? text);
  }

  return {
    lines,
    members: memberLots,
    uncovered,
    optima: base.optima,
    rules: checkCompositionRules(input, after),
    warnings: overriddenWarnings(base.warnings, allocationWarnings(input, after), after, l),
    explanations,
  };
}

/** `total` split in proportion to two weights, by the largest remainder. */
function splitInTwo(total: number, first: bigint, second: bigint): [number, number] {
  const parts = largestRemainder(total, [first, second]);
  return [at(parts, 0), at(parts, 1)];
}

function sameMemberLot(a: AllocationMemberLot, b: AllocationMemberLot): boolean {
  return (
    a.hours === b.hours &&
    a.amountCents === b.amountCents &&
    a.sharePermille === b.sharePermille &&
    a.insertionHours === b.insertionHours
  );
}

/**
 * The warnings of the changed result, in a run's order (by lot, then by member, then by
 * subcontract): a lot's own come from the base unless it is the changed lot `l`; the others
 * (insertion capacity, revenue cap, subcontracts) are computed again, on whole hours and cents.
 */
function overriddenWarnings(
  base: readonly AllocationWarning[],
  fresh: readonly AllocationWarning[],
  after: Apportionment,
  l: number,
): AllocationWarning[] {
  const ofLot = (lot: number) => (warning: AllocationWarning) =>
    warning.path === `tender.lots[${lot}]` || warning.path.startsWith(`tender.lots[${lot}].`);
  const isLotWarning = (warning: AllocationWarning) => warning.path.startsWith('tender.lots[');
  return [
    ...after.lots.flatMap((totals) => (totals.lot === l ? fresh : base).filter(ofLot(totals.lot))),
    ...fresh.filter((warning) => !isLotWarning(warning)),
  ];
}
