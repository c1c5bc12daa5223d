import type { AllocationInput } from './allocation-input';
import { largestRemainder } from './largest-remainder';
import { roundToHundredths, toMicroHours } from './micro-hours';
import { at } from '../invariants';

/** What one member receives on one lot. */
export interface MemberLotShare {
  readonly member: number;
  /** Index in `AllocationInput.lots`. */
  readonly lot: number;
  /** X_ml */
  readonly microHours: bigint;
  /** The part of X_ml on the member's primary territories. */
  readonly primaryMicroHours: bigint;
  /** What the member offered on this lot, sum of c_mlt. */
  readonly offeredHours: number;
  readonly amountCents: number;
  /** Share of the lot's hours (and amount), in permille with two decimals. */
  readonly sharePermille: number;
  readonly insertionHours: number;
}

export interface UncoveredCell {
  /** Index in `AllocationInput.cells`. */
  readonly cell: number;
  readonly microHours: bigint;
  readonly amountCents: number;
  /** The insertion hours that go with this uncovered work (allocation.md, "From hours to money"). */
  readonly insertionHours: number;
}

export interface LotTotals {
  readonly lot: number;
  readonly uncoveredMicroHours: bigint;
  readonly uncoveredCents: number;
  /** The uncovered part's share of I_l: no member carries insertion for work it does not do. */
  readonly uncoveredInsertionHours: number;
}

export interface Apportionment {
  /** x_mlt per offer, in the offers' order. */
  readonly offerMicroHours: readonly bigint[];
  /** Ordered by member key (code units), then by lot number. */
  readonly shares: readonly MemberLotShare[];
  /** Cells with uncovered hours, by lot number, then in the lot's order. */
  readonly uncovered: readonly UncoveredCell[];
  /** By lot number. */
  readonly lots: readonly LotTotals[];
}

/** Organisation keys in code-unit order: the same on every machine, whatever its locale. */
export function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A lot's whole units (cents, insertion hours) over its members' hours and its uncovered hours,
 * by the largest remainder: the uncovered part is one more line, last in ties.
 */
export function splitOverLot(
  total: number,
  memberMicro: readonly bigint[],
  uncoveredMicro: bigint,
): { members: number[]; uncovered: number } {
  const parts = largestRemainder(total, [...memberMicro, uncoveredMicro]);
  return { members: parts.slice(0, memberMicro.length), uncovered: at(parts, memberMicro.length) };
}

/**
 * The uncovered part of a lot cell by cell, in the lot's order: its cents and insertion hours
 * split over the cells' uncovered hours by the largest remainder; cells fully covered left out.
 */
export function uncoveredCells(
  cells: readonly { readonly cell: number; readonly microHours: bigint }[],
  totals: Omit<LotTotals, 'lot'>,
): UncoveredCell[] {
  if (totals.uncoveredMicroHours === 0n) return [];
  const weights = cells.map((entry) => entry.microHours);
  const cents = largestRemainder(totals.uncoveredCents, weights);
  const insertion = largestRemainder(totals.uncoveredInsertionHours, weights);
  return cells.flatMap((entry, k) =>
    entry.microHours > 0n
      ? [
          {
            cell: entry.cell,
            microHours: entry.microHours,
            amountCents: at(cents, k),
            insertionHours: at(insertion, k),
          },
        ]
      : [],
  );
}

/**
 * Turns the hours of the final stage into money and insertion hours, lot by lot, by the largest
 * remainder (allocation.md, "From hours to money"). The price p_l = A_l / D_l is applied with D_l
 * taken as the lot's hours as solved (members plus uncovered), equal to the demand up to the
 * solver's noise: the shares then add up to A_l exactly and a line with no hours gets no cent.
 * `values` holds the final stage's columns: offers first, then cells (see AllocationStages).
 */
export function apportion(input: AllocationInput, values: Float64Array): Apportionment {
  const { lots, cells, members, offers } = input;
  const offerMicroHours = offers.map((offer, i) => toMicroHours(at(values, i), offer.hours));
  const cellMicroHours = cells.map((cell, j) =>
    toMicroHours(at(values, offers.length + j), cell.demandHours),
  );

  const membersByKey = members
    .map((_, m) => m)
    .sort((a, b) => compareKeys(at(members, a).key, at(members, b).key));
  const lotsByNumber = lots
    .map((_, l) => l)
    .sort((a, b) => at(lots, a).number - at(lots, b).number);

  // Per lot, in key order: the members that made an offer there, with their hours.
  const lotMembers = lots.map(
    () => new Map<number, { micro: bigint; primary: bigint; offered: number }>(),
  );
  for (const m of membersByKey) {
    for (const i of at(members, m).offers) {
      const offer = at(offers, i);
      const perLot = at(lotMembers, at(cells, offer.cell).lot);
      const entry = perLot.get(m) ?? { micro: 0n, primary: 0n, offered: 0 };
      entry.micro += at(offerMicroHours, i);
      if (offer.preference === 'PRIMARY') entry.primary += at(offerMicroHours, i);
      entry.offered += offer.hours;
      perLot.set(m, entry);
    }
  }

  const sharesByLot: MemberLotShare[][] = [];
  const uncovered: UncoveredCell[] = [];
  const totals: LotTotals[] = [];
  for (const l of lotsByNumber) {
    const lot = at(lots, l);
    const lotMembersInOrder = [...at(lotMembers, l).entries()];
    const memberMicro = lotMembersInOrder.map(([, entry]) => entry.micro);
    const uncoveredMicro = lot.cells.reduce((sum, j) => sum + at(cellMicroHours, j), 0n);
    const lotMicro = memberMicro.reduce((sum, micro) => sum + micro, 0n) + uncoveredMicro;

    const amounts = splitOverLot(lot.amountCents, memberMicro, uncoveredMicro);
    const insertion = splitOverLot(lot.insertionHours, memberMicro, uncoveredMicro);

    sharesByLot[l] = lotMembersInOrder.map(([member, entry], k) => ({
      member,
      lot: l,
      microHours: entry.micro,
      primaryMicroHours: entry.primary,
      offeredHours: entry.offered,
      amountCents: at(amounts.members, k),
      sharePermille: roundToHundredths(entry.micro * 1000n, lotMicro),
      insertionHours: at(insertion.members, k),
    }));

    const lotTotals: LotTotals = {
      lot: l,
      uncoveredMicroHours: uncoveredMicro,
      uncoveredCents: amounts.uncovered,
      uncoveredInsertionHours: insertion.uncovered,
    };
    uncovered.push(
      ...uncoveredCells(
        lot.cells.map((j) => ({ cell: j, microHours: at(cellMicroHours, j) })),
        lotTotals,
      ),
    );
    totals.push(lotTotals);
  }

  const memberRank = new Array<number>(members.length);
  membersByKey.forEach((m, rank) => (memberRank[m] = rank));
  const shares = sharesByLot
    .flat()
    .sort(
      (a, b) =>
        at(memberRank, a.member) - at(memberRank, b.member) ||
        at(lots, a.lot).number - at(lots, b.lot).number,
    );
  return { offerMicroHours, shares, uncovered, lots: totals };
}
