import type { BidDto } from '../api/schema';

/** A member's legal name from its key in the bid, or the key when the bid does not show it. */
export const legalNameOf = (bid: BidDto, key: string): string =>
  bid.members.find((member) => member.key === key)?.organisation.legalName ?? key;

/**
 * Some api texts (a vote's tally, a run's warnings) name members by key ("org-003"), so that a
 * version stays byte-identical; people read their legal names.
 */
export function withMemberNames(bid: BidDto, text: string): string {
  const keys = bid.members.map((member) => member.key).sort((a, b) => b.length - a.length);
  if (keys.length === 0) return text;
  const escaped = keys.map((key) => key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return text.replace(new RegExp(`(?<![\\w-])(${escaped.join('|')})(?![\\w-])`, 'g'), (key) =>
    legalNameOf(bid, key),
  );
}
