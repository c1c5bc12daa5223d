import type { AllocationInput } from '../allocation/allocation-input';
import type { AllocationResult } from '../allocation/allocation-result';
import type {
  Apportionment,
  LotTotals,
  MemberLotShare,
  UncoveredCell,
} from '../allocation/apportionment';
import { toMicroHours } from '../allocation/micro-hours';
import { at } from '../invariants';

function get<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const found = map.get(key);
  // A current version always matches its scenario (assertVersionCurrent): this is a bug.
  if (found === undefined) throw new Error(`${what}: in the result, not in the scenario`);
  return found;
}

/**
 * A stored result read back as the apportionment it came from, for a version derived from it
 * (overrides). Only the reported figures survive: hours to two decimals, the solver's exact hours
 * are gone. So amounts, shares and insertion hours are taken as they were apportioned, never
 * computed again from the rounded hours, which would move cents (the bug this replaces).
 * The result must be one of `input`'s scenario (a current version).
 */
export function apportionmentOfResult(
  input: AllocationInput,
  result: AllocationResult,
): Apportionment {
  const { lots, cells, members, offers } = input;
  const memberIndex = new Map(members.map((member, m) => [member.key, m]));
  const lotIndex = new Map(lots.map((lot, l) => [lot.number, l]));
  const cellIndex = new Map(cells.map((cell, j) => [`${cell.lot}\u0000${cell.territory}`, j]));
  const offerIndex = new Map(offers.map((offer, i) => [`${offer.member}\u0000${offer.cell}`, i]));
  const memberOf = (key: string) => get(memberIndex, key, `member ${key}`);
  const lotOf = (number: number) => get(lotIndex, number, `lot ${number}`);
  const cellOf = (lot: number, territory: string) =>
    get(cellIndex, `${lotOf(lot)}\u0000${territory}`, `cell ${territory} of lot ${lot}`);

  const offerMicroHours = offers.map(() => 0n);
  // The run lists a line only when it has hours, however few: such a member works on the lot.
  const listed = new Map<string, number[]>();
  for (const line of result.lines) {
    const m = memberOf(line.org);
    const i = get(
      offerIndex,
      `${m}\u0000${cellOf(line.lot, line.territory)}`,
      `the offer of line ${line.org} ${line.lot} ${line.territory}`,
    );
    offerMicroHours[i] = toMicroHours(line.hours);
    const key = `${m}\u0000${lotOf(line.lot)}`;
    listed.set(key, [...(listed.get(key) ?? []), i]);
  }

  const shares = result.members.map((entry): MemberLotShare => {
    const member = memberOf(entry.org);
    const lot = lotOf(entry.lot);
    const lines = listed.get(`${member}\u0000${lot}`) ?? [];
    const microHours = toMicroHours(entry.hours) || (lines.length > 0 ? 1n : 0n);
    const primary = lines.filter((i) => at(offers, i).preference === 'PRIMARY');
    // Where all (or none) of its hours are primary, say so exactly, whatever the rounding.
    const primaryMicroHours =
      primary.length === lines.length
        ? microHours
        : primary.length === 0
          ? 0n
          : primary.reduce((sum, i) => sum + at(offerMicroHours, i), 0n);
    const offeredHours = at(members, member)
      .offers.filter((i) => at(cells, at(offers, i).cell).lot === lot)
      .reduce((sum, i) => sum + at(offers, i).hours, 0);
    return {
      member,
      lot,
      microHours,
      primaryMicroHours: primaryMicroHours < microHours ? primaryMicroHours : microHours,
      offeredHours,
      amountCents: entry.amountCents,
      sharePermille: entry.sharePermille,
      insertionHours: entry.insertionHours,
    };
  });

  const uncovered = result.uncovered.map((entry): UncoveredCell => ({
    cell: cellOf(entry.lot, entry.territory),
    microHours: toMicroHours(entry.hours),
    amountCents: entry.amountCents,
    insertionHours: entry.insertionHours,
  }));

  const totals = lots
    .map((_, l) => l)
    .sort((a, b) => at(lots, a).number - at(lots, b).number)
    .map((l): LotTotals => {
      const open = uncovered.filter((entry) => at(cells, entry.cell).lot === l);
      return {
        lot: l,
        uncoveredMicroHours: open.reduce((sum, entry) => sum + entry.microHours, 0n),
        uncoveredCents: open.reduce((sum, entry) => sum + entry.amountCents, 0),
        uncoveredInsertionHours: open.reduce((sum, entry) => sum + entry.insertionHours, 0),
      };
    });

  return { offerMicroHours, shares, uncovered, lots: totals };
}
