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
