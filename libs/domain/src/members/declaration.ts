import { DomainError, DomainErrorCode, type Problem } from '../errors';
import type { Preference } from '../scenario';

/** One offer as a member declares it: a lot, one of its cells (by territory), hours. */
export interface DeclaredOffer {
  lot: number;
  territory: string;
  hours: number;
  preference: Preference;
}

/** A member's own figures; undefined leaves a field unchanged, null removes it. */
export interface MemberData {
  insertionHoursMax?: number | null;
  limits?: { maxHours: number | null; maxRevenueCents: number | null } | null;
}

/** The key of a bid's cell: its lot's number and its territory's code. */
export const cellKey = (lot: number, territory: string): string => `${lot}|${territory}`;

/**
 * Matches a declaration (a whole form) to the bid's cells, keyed by `cellKey`: each offer names a
 * cell of its lot, once. Returns each offer with its cell, in order; throws with every problem by
 * path otherwise, so that nothing is written.
 */
export function matchDeclaredOffers(
  offers: readonly DeclaredOffer[],
  cellIds: ReadonlyMap<string, string>,
): (DeclaredOffer & { cellId: string })[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const matched: (DeclaredOffer & { cellId: string })[] = [];
  offers.forEach((offer, index) => {
    const key = cellKey(offer.lot, offer.territory);
    const cellId = cellIds.get(key);
    if (cellId === undefined) {
      problems.push({
        path: `offers[${index}].territory`,
        code: 'TERRITORY_OUTSIDE_LOT',
        message: `le lot ${offer.lot} n’a pas de cellule ${offer.territory}`,
      });
    } else if (seen.has(key)) {
      problems.push({
        path: `offers[${index}]`,
        code: 'DUPLICATE_KEY',
        message: `une seule offre par cellule (lot ${offer.lot}, ${offer.territory})`,
      });
    } else {
      matched.push({ ...offer, cellId });
    }
    seen.add(key);
  });
  if (problems.length > 0) {
    throw new DomainError(
      DomainErrorCode.INVALID_INPUT,
      'Les offres contiennent des erreurs ; rien n’a été enregistré.',
      problems,
    );
  }
  return matched;
}

/** The start of a member's key: its organisation's name, readable in a URL or a file. */
export function memberKeyBase(legalName: string): string {
  return (
    legalName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'membre'
  );
}

/** The first of `base`, `base-2`, `base-3`… that no member of the bid holds yet. */
export function freeMemberKey(base: string, taken: ReadonlySet<string>): string {
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}
