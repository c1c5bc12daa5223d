import type { AllocationInput, AllocationMember } from './allocation-input';
import { type Apportionment, type MemberLotShare, compareKeys } from './apportionment';
import { formatEuros, formatHours, formatPercentAtLeast } from './french-format';
import { formatSharePercent } from './share-percent';
import { reportedHours, toHours } from './micro-hours';
import { at } from '../invariants';

/** A cap counts as reached within the solver's tolerance. */
const REACHED = 1 - 1e-6;

function lotSentence(input: AllocationInput, share: MemberLotShare): string {
  const lot = at(input.lots, share.lot);
  const offered = formatHours(share.offeredHours);
  if (share.microHours === 0n) {
    return `lot ${lot.number} : aucune heure sur les ${offered} offertes`;
  }
  const where =
    share.primaryMicroHours === share.microHours
      ? 'sur vos territoires principaux'
      : share.primaryMicroHours === 0n
        ? 'hors de vos territoires principaux'
        : `dont ${formatHours(reportedHours(share.primaryMicroHours))} sur vos territoires principaux`;
  const insertion =
    share.insertionHours > 0 ? ` et ${formatHours(share.insertionHours)} d’insertion` : '';
  return (
    `lot ${lot.number} : ${formatHours(reportedHours(share.microHours))} sur les ${offered} offertes, ` +
    `${where}, pour ${formatEuros(share.amountCents)} HT (${formatSharePercent(share.sharePermille)} ` +
    `du lot)${insertion}`
  );
}

function totalSentence(
  input: AllocationInput,
  member: AllocationMember,
  shares: readonly MemberLotShare[],
): string {
  const microHours = shares.reduce((sum, share) => sum + share.microHours, 0n);
  const hours = toHours(microHours);
  const capped = member.maxHours !== undefined && member.maxHours < member.offeredHours;
  const offer = capped
    ? `votre offre de ${formatHours(member.offeredHours)}, plafonnée à ${formatHours(member.capacity)}`
    : `votre offre de ${formatHours(member.offeredHours)}`;
  const parts = [
    `En tout, ${formatHours(reportedHours(microHours))} sur ${offer} ` +
      `(${formatPercentAtLeast(hours / member.capacity)})`,
  ];
  if (member.maxHours !== undefined && hours >= member.maxHours * REACHED) {
    parts.push(`votre maximum de ${formatHours(member.maxHours)} est atteint`);
  }
  if (member.maxRevenueCents !== undefined) {
    const revenue = shares.reduce(
      (sum, share) => sum + at(input.lots, share.lot).pricePerHour * toHours(share.microHours),
      0,
    );
    if (revenue >= member.maxRevenueCents * REACHED) {
      parts.push(
        `votre plafond de chiffre d’affaires de ${formatEuros(member.maxRevenueCents)} est atteint`,
      );
    }
  }
  return parts.join(' ; ');
}

/**
 * One text per organisation, in French, that a partner can read and check: what it receives on
 * each lot, where, for how much, and the guarantee every partner shares (U*). Keys in key order.
 */
export function explainAllocation(
  input: AllocationInput,
  apportionment: Apportionment,
  fairness: number,
): Record<string, string> {
  const sharesOf = new Map<number, MemberLotShare[]>();
  for (const share of apportionment.shares) {
    const shares = sharesOf.get(share.member) ?? [];
    shares.push(share);
    sharesOf.set(share.member, shares);
  }
  const guarantee = `chaque partenaire a reçu au moins ${formatPercentAtLeast(fairness)} de son offre`;
  const byKey = input.members
    .map((member, m) => ({ member, m }))
    .sort((a, b) => compareKeys(a.member.key, b.member.key));
  const explanations: Record<string, string> = {};
  for (const { member, m } of byKey) {
    const shares = sharesOf.get(m);
    explanations[member.key] = shares
      ? `${member.legalName}, ${shares.map((share) => lotSentence(input, share)).join(' ; ')}. ` +
        `${totalSentence(input, member, shares)} ; ${guarantee}.`
      : `${member.legalName} n’a fait aucune offre : aucune heure ne lui est attribuée.`;
  }
  return explanations;
}
