import type { AllocationResult } from '../allocation/allocation-result';

/** Where a version stands: put to the members' vote, approved by them, or neither. */
export type SplitVersionStatus = 'APPROVED' | 'PROPOSED' | 'NOT_PROPOSED';

export function splitVersionStatus(
  versionId: string,
  bid: { proposedVersionId: string | null; agreedVersionId: string | null },
): SplitVersionStatus {
  if (bid.agreedVersionId === versionId) return 'APPROVED';
  if (bid.proposedVersionId === versionId) return 'PROPOSED';
  return 'NOT_PROPOSED';
}

/** One member's part of one lot: its amount and its share of the lot. */
export interface SplitCell {
  amountCents: number;
  /** Per mille with two decimals, as the allocation gives it. */
  sharePermille: number;
}

export interface SplitSummaryMember {
  key: string;
  name: string;
  /** By lot number; a lot where the member has nothing is absent. */
  lots: ReadonlyMap<number, SplitCell>;
  /** Its amounts over every lot, and that total's share of the whole. */
  total: SplitCell;
}

export interface SplitSummaryLot {
  number: number;
  title: string;
  /** The part of the lot that no member covers. */
  uncoveredCents: number;
  /** The members' amounts and the uncovered part: the lot's amount in the version. */
  totalCents: number;
}

/** The split of a version on one page: each member's amount and share per lot, and the totals. */
export interface SplitSummary {
  versionNumber: number;
  status: SplitVersionStatus;
  lots: SplitSummaryLot[];
  members: SplitSummaryMember[];
  uncoveredCents: number;
  /** Every lot's total: the members' totals and the uncovered part, to the cent. */
  totalCents: number;
}

/** A part of a whole in per mille with two decimals (0 of nothing). */
export function permilleOf(partCents: number, wholeCents: number): number {
  return wholeCents === 0 ? 0 : Math.round((partCents * 100_000) / wholeCents) / 100;
}

/**
 * The one-page summary of a version's split. Every total is the sum of its lines in integer
 * cents: a lot's total is its members' amounts plus its uncovered part, a member's total is its
 * amounts over the lots, and the whole is both the sum of the lots and of the members (with the
 * uncovered part). Members without any amount are left out; names come from `names` (the
 * member's key when it has none).
 */
export function splitSummary(input: {
  versionNumber: number;
  status: SplitVersionStatus;
  result: Pick<AllocationResult, 'members' | 'uncovered'>;
  lots: readonly { number: number; title: string }[];
  names: ReadonlyMap<string, string>;
}): SplitSummary {
  const { result } = input;
  const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);
  const lots = [...input.lots]
    .sort((a, b) => a.number - b.number)
    .map((lot) => {
      const uncoveredCents = sum(
        result.uncovered.filter((line) => line.lot === lot.number).map((line) => line.amountCents),
      );
      const membersCents = sum(
        result.members.filter((share) => share.lot === lot.number).map((s) => s.amountCents),
      );
      return {
        number: lot.number,
        title: lot.title,
        uncoveredCents,
        totalCents: membersCents + uncoveredCents,
      };
    });
  const lotNumbers = new Set(lots.map((lot) => lot.number));
  const uncoveredCents = sum(lots.map((lot) => lot.uncoveredCents));
  const totalCents = sum(lots.map((lot) => lot.totalCents));

  const byMember = new Map<string, Map<number, SplitCell>>();
  for (const share of result.members) {
    if (!lotNumbers.has(share.lot) || share.amountCents === 0) continue;
    const cells = byMember.get(share.org) ?? new Map<number, SplitCell>();
    cells.set(share.lot, { amountCents: share.amountCents, sharePermille: share.sharePermille });
    byMember.set(share.org, cells);
  }
  const members = [...byMember]
    .map(([key, cells]) => {
      const amountCents = sum([...cells.values()].map((cell) => cell.amountCents));
      return {
        key,
        name: input.names.get(key) ?? key,
        lots: cells,
        total: { amountCents, sharePermille: permilleOf(amountCents, totalCents) },
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name, 'fr') || a.key.localeCompare(b.key));
  return {
    versionNumber: input.versionNumber,
    status: input.status,
    lots,
    members,
    uncoveredCents,
    totalCents,
  };
}
