import type { Problem } from '../errors';
import type { OrganisationKind } from '../organisations';
import type { Preference, Scenario, ScenarioRules, ScenarioSubcontract } from '../scenario';
import { at } from '../invariants';

/**
 * The allocation's data (shared/docs/allocation.md, "Input"), taken from a validated scenario.
 * Everything keeps the file's order and its indices, which name the LP variables and rows
 * (`x12` is offers[12]) and make every run walk the data the same way.
 */
export interface AllocationCell {
  /** Index of the lot in `AllocationInput.lots` (and in tender.lots). */
  readonly lot: number;
  /** Index of the cell within its lot (tender.lots[lot].cells[index]). */
  readonly index: number;
  readonly territory: string;
  /** A site's parent territory (SITE cells only): where the site counts for territorial coverage. */
  readonly parent?: string;
  /** d_lt */
  readonly demandHours: number;
}

export interface AllocationLot {
  readonly number: number;
  readonly title: string;
  /** A_l */
  readonly amountCents: number;
  /** I_l */
  readonly insertionHours: number;
  /** D_l = sum of the cells' demand */
  readonly demandHours: number;
  /** p_l = A_l / D_l, in cents per hour */
  readonly pricePerHour: number;
  /** Indices in `AllocationInput.cells`. */
  readonly cells: readonly number[];
}

export interface AllocationMember {
  readonly key: string;
  readonly legalName: string;
  readonly kind: OrganisationKind;
  readonly employees: number | null;
  readonly insertionHoursMax?: number;
  /** Index of the member's entry in the scenario's limits, if it has one. */
  readonly limit?: number;
  /** H_m */
  readonly maxHours?: number;
  /** R_m */
  readonly maxRevenueCents?: number;
  /** sum of c_mlt */
  readonly offeredHours: number;
  /** K_m = min(offered hours, H_m) */
  readonly capacity: number;
  /** Indices in `AllocationInput.offers`, in file order. */
  readonly offers: readonly number[];
}

export interface AllocationOffer {
  /** Index in `AllocationInput.members` (and in organizations). */
  readonly member: number;
  /** Index in `AllocationInput.cells`. */
  readonly cell: number;
  /** c_mlt */
  readonly hours: number;
  readonly preference: Preference;
  /** w_mlt: 0 on a primary territory, the policy's secondary cost elsewhere. */
  readonly cost: number;
}

export interface AllocationInput {
  readonly tenderReference: string;
  readonly lots: readonly AllocationLot[];
  readonly cells: readonly AllocationCell[];
  readonly members: readonly AllocationMember[];
  /** Same order and indices as the scenario's offers. */
  readonly offers: readonly AllocationOffer[];
  readonly rules: ScenarioRules;
  readonly subcontracts: readonly ScenarioSubcontract[];
}

/** Hours are counted to the microhour (see micro-hours.ts): a figure below one cannot be split. */
const SMALLEST_HOURS = 1e-6;

/**
 * What the scenario format accepts but the allocation cannot compute: hours below a microhour.
 * Checked after `validateScenario`, before anything is solved.
 */
export function allocationInputProblems(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const check = (hours: number | undefined, path: string) => {
    if (hours !== undefined && hours < SMALLEST_HOURS) {
      problems.push({
        path,
        code: 'HOURS_TOO_SMALL',
        message: `${hours} h : les heures se comptent à la microheure, 0,000001 h au moins`,
      });
    }
  };
  scenario.tender.lots.forEach((lot, l) =>
    lot.cells.forEach((cell, c) =>
      check(cell.demandHours, `tender.lots[${l}].cells[${c}].demandHours`),
    ),
  );
  scenario.offers.forEach((offer, i) => check(offer.hours, `offers[${i}].hours`));
  scenario.limits.forEach((limit, i) => check(limit.maxHours, `limits[${i}].maxHours`));
  return problems;
}

/** Builds the allocation's data from a scenario that passed `validateScenario`. */
export function buildAllocationInput(scenario: Scenario): AllocationInput {
  const cells: AllocationCell[] = [];
  const cellIndex = new Map<string, number>();
  const lots = scenario.tender.lots.map((lot, l): AllocationLot => {
    const lotCells = lot.cells.map((cell, index) => {
      cellIndex.set(`${lot.number}\u0000${cell.territory}`, cells.length);
      cells.push({
        lot: l,
        index,
        territory: cell.territory,
        ...(cell.parent !== undefined && { parent: cell.parent }),
        demandHours: cell.demandHours,
      });
      return cells.length - 1;
    });
    const demandHours = lot.cells.reduce((sum, cell) => sum + cell.demandHours, 0);
    return {
      number: lot.number,
      title: lot.title,
      amountCents: lot.amountCents,
      insertionHours: lot.insertionHours,
      demandHours,
      pricePerHour: lot.amountCents / demandHours,
      cells: lotCells,
    };
  });

  const memberIndex = new Map(scenario.organizations.map((org, m) => [org.key, m]));
  const memberOffers = scenario.organizations.map((): number[] => []);
  const secondaryCost = scenario.policy.secondaryCost;
  const offers = scenario.offers.map((offer, i): AllocationOffer => {
    const member = memberIndex.get(offer.org);
    const cell = cellIndex.get(`${offer.lot}\u0000${offer.territory}`);
    if (member === undefined || cell === undefined) {
      throw new Error(`offers[${i}] refers to what the scenario lacks: validate it first`);
    }
    at(memberOffers, member).push(i);
    return {
      member,
      cell,
      hours: offer.hours,
      preference: offer.preference,
      cost: offer.preference === 'PRIMARY' ? 0 : secondaryCost,
    };
  });

  const limits = new Map(scenario.limits.map((limit, index) => [limit.org, { ...limit, index }]));
  const members = scenario.organizations.map((org, m): AllocationMember => {
    const limit = limits.get(org.key);
    const offeredHours = at(memberOffers, m).reduce((sum, i) => sum + at(offers, i).hours, 0);
    const maxHours = limit?.maxHours;
    return {
      key: org.key,
      legalName: org.legalName,
      kind: org.kind,
      employees: org.employees,
      insertionHoursMax: org.insertionHoursMax,
      limit: limit?.index,
      maxHours,
      maxRevenueCents: limit?.maxRevenueCents,
      offeredHours,
      capacity: maxHours === undefined ? offeredHours : Math.min(offeredHours, maxHours),
      offers: at(memberOffers, m),
    };
  });

  return {
    tenderReference: scenario.tender.reference,
    lots,
    cells,
    members,
    offers,
    rules: scenario.consortium.rules,
    subcontracts: scenario.subcontracts,
  };
}
