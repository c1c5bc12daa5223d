// Allocation instances whose STRUCTURE varies, family by family (issue 18): the engine must be fast
// on bids the benchmark's own generator does not make. Only the identities (organisations with
// valid SIRETs, communes as cells, lot numbers) come from bench/scenario-generator; which cells a
// member offers on, how much, the demand, the prices, the caps and the preferences are drawn here,
// from the family's knobs below.
import type { Scenario, ScenarioLimit, ScenarioOffer } from '@cordage/domain';
import { at } from '@cordage/domain';
import { type ScenarioSize, generateScenario, mulberry32 } from '../scenario-generator';

export interface FamilyKnobs {
  /** Share of a member's offers outside its home lot (SECONDARY). */
  secondaryShare: number;
  /** 'even': every member offers about as much; 'skewed': half offer once, a few offer hundreds. */
  offerCounts: 'even' | 'skewed';
  /** Demand of a cell as a multiple of the hours offered on it, drawn in [low, high]. */
  demandOverOffered: readonly [number, number];
  /** Lot prices in euros an hour, drawn log-uniformly in [low, high]. */
  pricePerHour: readonly [number, number];
  /** Share of members with a revenue cap, and the cap as a multiple of their offered revenue. */
  revenueCaps: { share: number; ofOffered: readonly [number, number] };
  /** Share of members with an hours cap, and the cap as a multiple of their offered hours. */
  hoursCaps: { share: number; ofOffered: readonly [number, number] };
  /** Members that each offer many hours on one cell of tiny demand: fairness near zero. */
  crowdedMembers: number;
}

const BASE: FamilyKnobs = {
  secondaryShare: 0.3,
  offerCounts: 'even',
  demandOverOffered: [0.3, 0.7],
  pricePerHour: [30, 60],
  revenueCaps: { share: 0.15, ofOffered: [0.5, 1] },
  hoursCaps: { share: 0.2, ofOffered: [0.4, 1] },
  crowdedMembers: 0,
};

/** The families of the bench, each named for what it stresses. */
export const FAMILIES: Record<string, FamilyKnobs> = {
  'tight-caps': {
    ...BASE,
    revenueCaps: { share: 0.6, ofOffered: [0.05, 0.3] },
    hoursCaps: { share: 0.5, ofOffered: [0.1, 0.4] },
  },
  'loose-caps': {
    ...BASE,
    revenueCaps: { share: 0.6, ofOffered: [1.2, 3] },
    hoursCaps: { share: 0.5, ofOffered: [1.2, 3] },
  },
  'few-secondary': { ...BASE, secondaryShare: 0.02 },
  'many-secondary': { ...BASE, secondaryShare: 0.85 },
  'one-vs-hundreds': { ...BASE, offerCounts: 'skewed' },
  'price-spread': {
    ...BASE,
    pricePerHour: [2, 900],
    revenueCaps: { share: 0.5, ofOffered: [0.2, 1] },
  },
  uncovered: { ...BASE, demandOverOffered: [1.5, 4] },
  'full-coverage': { ...BASE, demandOverOffered: [0.05, 0.3] },
  'near-zero-fairness': { ...BASE, crowdedMembers: 5 },
};

/** A scenario of the family, deterministic for a size and seed; about `size.offers` offers. */
export function familyScenario(knobs: FamilyKnobs, size: ScenarioSize, seed = 7): Scenario {
  // Identities only: no offers are drawn there.
  const base = generateScenario({ ...size, offers: 0 }, seed);
  const random = mulberry32(seed * 7919 + 17);
  const uniform = (low: number, high: number) => low + (high - low) * random();
  const int = (low: number, high: number) => Math.floor(uniform(low, high + 1));
  const { lots: lotCount, cellsPerLot } = size;
  const orgs = base.organizations;
  const cellCount = lotCount * cellsPerLot;
  const territory = (cell: number) =>
    at(at(base.tender.lots, Math.floor(cell / cellsPerLot)).cells, cell % cellsPerLot).territory;

  // How many offers each member makes.
  const weights = orgs.map((_, m) => {
    if (knobs.offerCounts === 'even') return uniform(0.7, 1.3);
    if (m % 2 === 0) return 0; // one offer
    return random() < 0.1 ? uniform(30, 60) : uniform(0.2, 2);
  });
  const singles = weights.filter((w) => w === 0).length;
  const weightSum = weights.reduce((sum, w) => sum + w, 0);
  const counts = weights.map((w) =>
    w === 0
      ? 1
      : Math.max(1, Math.min(cellCount, Math.round(((size.offers - singles) * w) / weightSum))),
  );

  // Offers: cells drawn at random in the home lot (PRIMARY) or elsewhere (SECONDARY).
  const offers: ScenarioOffer[] = [];
  const offerCell: number[] = [];
  const offerMember: number[] = [];
  const offeredOnCell = new Array<number>(cellCount).fill(0);
  const offeredBy = orgs.map(() => ({ hours: 0, cells: [] as number[] }));
  orgs.forEach((org, m) => {
    const homeLot = int(0, lotCount - 1);
    const taken = new Set<number>();
    const count = at(counts, m);
    for (let tries = 0; taken.size < count && tries < count * 20; tries++) {
      const away = lotCount > 1 && random() < knobs.secondaryShare;
      const lot = away ? (homeLot + int(1, lotCount - 1)) % lotCount : homeLot;
      const cell = lot * cellsPerLot + int(0, cellsPerLot - 1);
      if (taken.has(cell)) continue;
      taken.add(cell);
      const hours = int(1, 80);
      offeredOnCell[cell] = at(offeredOnCell, cell) + hours;
      at(offeredBy, m).hours += hours;
      at(offeredBy, m).cells.push(cell);
      offerCell.push(cell);
      offerMember.push(m);
      offers.push({
        org: org.key,
        lot: lot + 1,
        territory: territory(cell),
        hours,
        preference: away ? 'SECONDARY' : 'PRIMARY',
      });
    }
  });

  const demand = offeredOnCell.map((offered) =>
    Math.max(1, Math.round(offered * uniform(...knobs.demandOverOffered))),
  );
  // Crowded members: a large PRIMARY offer on a cell whose demand is tiny and shared.
  for (let k = 0; k < knobs.crowdedMembers && k < orgs.length; k++) {
    const i = offerMember.indexOf(orgs.length - 1 - k);
    if (i < 0) continue;
    at(offers, i).hours = 5_000;
    demand[at(offerCell, i)] = 2;
  }

  const [lowPrice, highPrice] = knobs.pricePerHour;
  const lots = base.tender.lots.map((lot, l) => {
    const cells = lot.cells.map((cell, c) => ({
      ...cell,
      demandHours: at(demand, l * cellsPerLot + c),
    }));
    const hours = cells.reduce((sum, cell) => sum + cell.demandHours, 0);
    const euros = Math.exp(uniform(Math.log(lowPrice), Math.log(highPrice)));
    return {
      ...lot,
      cells,
      amountCents: Math.round(hours * euros * 100),
      insertionHours: Math.floor(hours * 0.05),
    };
  });
  const price = lots.map(
    (lot) => lot.amountCents / lot.cells.reduce((s, c) => s + c.demandHours, 0),
  );

  const offeredRevenue = orgs.map(() => 0);
  offers.forEach((offer, i) => {
    const m = at(offerMember, i);
    offeredRevenue[m] = at(offeredRevenue, m) + offer.hours * at(price, offer.lot - 1);
  });
  const limits: ScenarioLimit[] = [];
  orgs.forEach((org, m) => {
    const offered = at(offeredBy, m);
    if (offered.cells.length === 0) return;
    const limit: ScenarioLimit = { org: org.key };
    if (random() < knobs.hoursCaps.share) {
      limit.maxHours = Math.max(
        1,
        Math.round(offered.hours * uniform(...knobs.hoursCaps.ofOffered)),
      );
    }
    if (random() < knobs.revenueCaps.share) {
      const revenue = at(offeredRevenue, m) * uniform(...knobs.revenueCaps.ofOffered);
      limit.maxRevenueCents = Math.max(100, Math.round(revenue));
    }
    if (limit.maxHours !== undefined || limit.maxRevenueCents !== undefined) limits.push(limit);
  });

  return {
    ...base,
    tender: { ...base.tender, reference: `FAMILY-${seed}-${offers.length}`, lots },
    offers,
    limits,
    subcontracts: [],
  };
}
