import type { AllocationResult } from '../allocation';

export interface MemberLotChange {
  org: string;
  lot: number;
  hoursBefore: number;
  hoursAfter: number;
  hoursDelta: number;
  amountCentsBefore: number;
  amountCentsAfter: number;
  amountCentsDelta: number;
}

export interface MemberChange {
  org: string;
  hoursDelta: number;
  amountCentsDelta: number;
}

export interface AllocationComparison {
  /** Every member and lot present in either version, by lot then member. */
  lines: MemberLotChange[];
  /** Totals per member, who gains first. */
  members: MemberChange[];
  uncoveredCentsDelta: number;
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/** Who gains and who loses, by how many hours and cents, from `before` to `after`. */
export function compareAllocations(
  before: AllocationResult,
  after: AllocationResult,
): AllocationComparison {
  const key = (org: string, lot: number) => `${lot}\u0000${org}`;
  const rows = new Map<string, MemberLotChange>();
  const row = (org: string, lot: number) => {
    let existing = rows.get(key(org, lot));
    if (!existing) {
      existing = {
        org,
        lot,
        hoursBefore: 0,
        hoursAfter: 0,
        hoursDelta: 0,
        amountCentsBefore: 0,
        amountCentsAfter: 0,
        amountCentsDelta: 0,
      };
      rows.set(key(org, lot), existing);
    }
    return existing;
  };
  for (const share of before.members) {
    const line = row(share.org, share.lot);
    line.hoursBefore = share.hours;
    line.amountCentsBefore = share.amountCents;
  }
  for (const share of after.members) {
    const line = row(share.org, share.lot);
    line.hoursAfter = share.hours;
    line.amountCentsAfter = share.amountCents;
  }
  const lines = [...rows.values()]
    .map((line) => ({
      ...line,
      hoursDelta: round2(line.hoursAfter - line.hoursBefore),
      amountCentsDelta: line.amountCentsAfter - line.amountCentsBefore,
    }))
    .sort((a, b) => a.lot - b.lot || (a.org < b.org ? -1 : a.org > b.org ? 1 : 0));

  const totals = new Map<string, MemberChange>();
  for (const line of lines) {
    const total = totals.get(line.org) ?? { org: line.org, hoursDelta: 0, amountCentsDelta: 0 };
    total.hoursDelta = round2(total.hoursDelta + line.hoursDelta);
    total.amountCentsDelta += line.amountCentsDelta;
    totals.set(line.org, total);
  }
  const members = [...totals.values()].sort(
    (a, b) =>
      b.amountCentsDelta - a.amountCentsDelta || (a.org < b.org ? -1 : a.org > b.org ? 1 : 0),
  );
  const uncovered = (result: AllocationResult) =>
    result.uncovered.reduce((sum, cell) => sum + cell.amountCents, 0);
  return { lines, members, uncoveredCentsDelta: uncovered(after) - uncovered(before) };
}
