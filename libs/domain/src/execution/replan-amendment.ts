import { formatEuros } from '../allocation/french-format';
import type { ReplanLine } from './replan';

/** One member's amount over the re-planned periods, in the plan in force and in the re-plan. */
export interface ReplanAmendmentShare {
  readonly org: string;
  readonly beforeCents: number;
  readonly afterCents: number;
}

/** What the amendment of a re-plan says: the split of the remaining periods changes. */
export interface ReplanAmendmentTerms {
  readonly amendmentNumber: number;
  readonly fromPeriod: number;
  readonly shares: readonly ReplanAmendmentShare[];
  readonly beforeCents: number;
  readonly afterCents: number;
  /** The article's text, in French, one paragraph each. */
  readonly paragraphs: readonly string[];
}

/**
 * The terms of a re-plan's amendment: per member (in key order), its amount from `fromPeriod` on
 * in the plan in force (`planned`, the members' lines) and in the re-plan (its members' lines; the
 * uncovered part is nobody's), each total the sum of its lines, to the cent.
 */
export function replanAmendmentTerms(
  amendmentNumber: number,
  fromPeriod: number,
  planned: readonly ReplanLine[],
  replanned: readonly ReplanLine[],
): ReplanAmendmentTerms {
  const before = new Map<string, number>();
  const after = new Map<string, number>();
  const add = (to: Map<string, number>, line: ReplanLine) => {
    if (line.org === null || line.period < fromPeriod) return;
    to.set(line.org, (to.get(line.org) ?? 0) + line.amountCents);
  };
  planned.forEach((line) => add(before, line));
  replanned.forEach((line) => add(after, line));
  const shares = [...new Set([...before.keys(), ...after.keys()])].sort().map((org) => ({
    org,
    beforeCents: before.get(org) ?? 0,
    afterCents: after.get(org) ?? 0,
  }));
  const sum = (pick: (share: ReplanAmendmentShare) => number) =>
    shares.reduce((total, share) => total + pick(share), 0);
  const beforeCents = sum((share) => share.beforeCents);
  const afterCents = sum((share) => share.afterCents);
  return {
    amendmentNumber,
    fromPeriod,
    shares,
    beforeCents,
    afterCents,
    paragraphs: [
      `Le présent avenant n° ${amendmentNumber} modifie la répartition entre les membres des ` +
        `périodes restantes du marché, à partir de la période ${fromPeriod} ; les périodes ` +
        'précédentes ne changent pas.',
      ...shares.map(
        (share) =>
          `${share.org} : ${formatEuros(share.beforeCents)} avant, ` +
          `${formatEuros(share.afterCents)} après.`,
      ),
      `Total des membres : ${formatEuros(beforeCents)} avant, ${formatEuros(afterCents)} après.`,
    ],
  };
}

/**
 * A line of the re-plan's amendment: a member's (or the uncovered part's) cell, summed over the
 * periods from the re-plan's first one.
 */
export interface ReplanAmendmentCell {
  /** Null for the part no member covers. */
  readonly org: string | null;
  readonly lot: number;
  readonly territory: string;
  readonly hundredths: number;
  readonly amountCents: number;
  readonly insertionHours: number;
}

/** A member's ballot as the amendment prints it. */
export interface ReplanAmendmentBallot {
  readonly org: string;
  readonly choice: string;
  readonly comment: string | null;
  readonly votedAt: string;
}

/**
 * Everything the amendment of an approved re-plan says (the PDF only lays it out): its terms,
 * the new plan per member, lot and territory from its first period, and the vote that approved it.
 */
export interface ReplanAmendment {
  readonly terms: ReplanAmendmentTerms;
  readonly replanNumber: number;
  readonly justification: string;
  /** When the request was opened: the file's date, so that one request always gives one file. */
  readonly requestedAt: string;
  readonly cells: readonly ReplanAmendmentCell[];
  readonly vote: {
    readonly explanation: string;
    readonly ballots: readonly ReplanAmendmentBallot[];
  };
}

/**
 * The re-plan's lines from `fromPeriod` summed per member, lot and territory: by lot, the members
 * in key order, the uncovered part last. Each sum is of whole hundredths and cents.
 */
export function replanAmendmentCells(
  fromPeriod: number,
  replanned: readonly ReplanLine[],
): ReplanAmendmentCell[] {
  const cells = new Map<string, ReplanAmendmentCell>();
  for (const line of replanned) {
    if (line.period < fromPeriod) continue;
    const key = `${line.lot}|${line.org ?? ''}|${line.territory}`;
    const cell = cells.get(key);
    cells.set(key, {
      org: line.org,
      lot: line.lot,
      territory: line.territory,
      hundredths: (cell?.hundredths ?? 0) + line.hundredths,
      amountCents: (cell?.amountCents ?? 0) + line.amountCents,
      insertionHours: (cell?.insertionHours ?? 0) + line.insertionHours,
    });
  }
  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  // The uncovered part (no member) after the members of its lot.
  const orgRank = (cell: ReplanAmendmentCell) => (cell.org === null ? 1 : 0);
  return [...cells.values()].sort(
    (a, b) =>
      a.lot - b.lot ||
      orgRank(a) - orgRank(b) ||
      compare(a.org ?? '', b.org ?? '') ||
      compare(a.territory, b.territory),
  );
}
