import { largestRemainder } from '../allocation/largest-remainder';
import type { MemberStatus } from '../members/member-status';
import type { Preference } from '../scenario/scenario.schema';

/**
 * Renewal: the next tender started from a finished bid. What comes back (members, their offers on
 * the cells that still exist, their caps, the last signed split) is only proposed: the members
 * accept again and confirm their offers; nothing is accepted or signed on their behalf. The diff
 * says what changed between the two tenders, for the coordinator to review.
 */

/** How long a look back the realised figures give the proposed capacity (months). */
export const RENEWAL_REALISED_MONTHS = 12;

export interface RenewalLot {
  readonly number: number;
  readonly title: string;
  readonly amountCents: number;
  readonly cells: readonly { readonly territory: string; readonly demandHours: number }[];
}

export interface RenewalPreviousMember {
  readonly key: string;
  readonly legalName: string;
  readonly status: MemberStatus;
  readonly role: 'COTRAITANT' | 'SOUS_TRAITANT';
  /** The version of the network's charter the organisation accepted last; null: none. */
  readonly charterVersion: number | null;
}

export interface RenewalPreviousOffer {
  readonly org: string;
  readonly lot: number;
  readonly territory: string;
  readonly hours: number;
  readonly preference: Preference;
}

/** A realised figure in force: hours a member did on a cell in one period of the contract. */
export interface RenewalRealised {
  readonly org: string;
  readonly lot: number;
  readonly territory: string;
  readonly period: number;
  readonly hours: number;
}

export interface RenewalInput {
  readonly previousLots: readonly RenewalLot[];
  readonly nextLots: readonly RenewalLot[];
  readonly members: readonly RenewalPreviousMember[];
  readonly offers: readonly RenewalPreviousOffer[];
  readonly limits: readonly {
    readonly org: string;
    readonly maxHours: number | null;
    readonly maxRevenueCents: number | null;
  }[];
  /** The lines (hours per member, lot, territory) of the last signed split; empty: none. */
  readonly signedLines: readonly {
    readonly org: string;
    readonly lot: number;
    readonly territory: string;
    readonly hours: number;
  }[];
  readonly realised: readonly RenewalRealised[];
  /** Months per period of each won lot's contract, by previous lot number. */
  readonly periodMonths: ReadonlyMap<number, number>;
  /** The version of the network's charter today; null: the network has none. */
  readonly charterVersion: number | null;
}

export type LotMatch = 'SAME_TITLE' | 'SAME_NUMBER';

export type CharterStanding = 'ACCEPTED' | 'TO_ACCEPT_AGAIN' | 'TO_ACCEPT' | 'NO_CHARTER';

export type LeftOutReason = 'WITHDRAWN' | 'DECLINED' | 'SUBCONTRACTOR';

export interface RenewalCarryOver {
  readonly lots: {
    readonly carried: {
      readonly number: number;
      readonly title: string;
      readonly previousNumber: number;
      readonly previousTitle: string;
      readonly matchedBy: LotMatch;
      readonly amountCents: number;
      readonly previousAmountCents: number;
      /** New minus previous amount, in cents (0: unchanged). */
      readonly amountChangeCents: number;
    }[];
    readonly added: {
      readonly number: number;
      readonly title: string;
      readonly amountCents: number;
    }[];
    readonly removed: {
      readonly number: number;
      readonly title: string;
      readonly amountCents: number;
    }[];
  };
  readonly cells: {
    /** By the new lot's number. */
    readonly added: {
      readonly lot: number;
      readonly territory: string;
      readonly demandHours: number;
    }[];
    /** By the previous lot's number. */
    readonly removed: {
      readonly lot: number;
      readonly territory: string;
      readonly demandHours: number;
    }[];
    readonly demandChanged: {
      readonly lot: number;
      readonly territory: string;
      readonly previousDemandHours: number;
      readonly demandHours: number;
    }[];
  };
  readonly members: {
    readonly carried: {
      readonly key: string;
      readonly legalName: string;
      readonly previousStatus: MemberStatus;
      readonly charter: CharterStanding;
    }[];
    readonly leftOut: {
      readonly key: string;
      readonly legalName: string;
      readonly reason: LeftOutReason;
    }[];
  };
  readonly offers: {
    /** Proposed on the new tender, by its lot numbers; hours from the realised figures or the offer. */
    readonly carried: {
      readonly org: string;
      readonly lot: number;
      readonly territory: string;
      readonly hours: number;
      readonly preference: Preference;
      readonly source: 'REALISED' | 'OFFER';
      readonly previousHours: number;
    }[];
    /** By the previous lot's number. */
    readonly dropped: {
      readonly org: string;
      readonly lot: number;
      readonly territory: string;
      readonly hours: number;
      readonly reason: 'CELL_REMOVED' | 'LOT_REMOVED' | 'MEMBER_LEFT';
    }[];
  };
  readonly limits: {
    readonly org: string;
    readonly maxHours: number | null;
    readonly maxRevenueCents: number | null;
  }[];
  /**
   * The last signed split on the new tender: per carried lot, its members' hours on the cells
   * that remain, and the new amount split in proportion to those hours and to the hours nobody
   * had yet (new cells, grown demand, a member gone), to the cent.
   */
  readonly split: {
    readonly lot: number;
    readonly amountCents: number;
    readonly lines: {
      readonly org: string;
      readonly territory: string;
      readonly hours: number;
      readonly amountCents: number;
    }[];
    readonly unassignedHours: number;
    readonly unassignedCents: number;
  }[];
}

const normalise = (title: string) =>
  title.normalize('NFD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
const hundredths = (hours: number) => Math.round(hours * 100);
const fromHundredths = (value: number) => value / 100;
const cellKey = (lot: number, territory: string) => `${lot}\u0000${territory}`;

/**
 * Pairs each new lot with a previous one: the same title first (whatever its number), then the
 * same number among those left. A lot of the new tender paired with none is added.
 */
export function matchRenewalLots(
  previous: readonly RenewalLot[],
  next: readonly RenewalLot[],
): Map<number, { lot: RenewalLot; by: LotMatch }> {
  const matches = new Map<number, { lot: RenewalLot; by: LotMatch }>();
  const taken = new Set<number>();
  for (const lot of next) {
    const same = previous.find(
      (old) => !taken.has(old.number) && normalise(old.title) === normalise(lot.title),
    );
    if (same) {
      matches.set(lot.number, { lot: same, by: 'SAME_TITLE' });
      taken.add(same.number);
    }
  }
  for (const lot of next) {
    if (matches.has(lot.number)) continue;
    const same = previous.find((old) => !taken.has(old.number) && old.number === lot.number);
    if (same) {
      matches.set(lot.number, { lot: same, by: 'SAME_NUMBER' });
      taken.add(same.number);
    }
  }
  return matches;
}

/**
 * Realised hours per member and cell over the last `months` months of each lot's contract (the
 * periods up to the latest one declared on the lot), in hundredths of an hour.
 */
export function recentRealisedHundredths(
  realised: readonly RenewalRealised[],
  periodMonths: ReadonlyMap<number, number>,
  months = RENEWAL_REALISED_MONTHS,
): Map<string, number> {
  const latest = new Map<number, number>();
  for (const figure of realised) {
    latest.set(figure.lot, Math.max(latest.get(figure.lot) ?? 0, figure.period));
  }
  const sums = new Map<string, number>();
  for (const figure of realised) {
    const span = Math.max(1, Math.ceil(months / (periodMonths.get(figure.lot) ?? 1)));
    const last = latest.get(figure.lot) ?? figure.period;
    if (figure.period <= last - span) continue;
    const key = `${figure.org}\u0000${cellKey(figure.lot, figure.territory)}`;
    sums.set(key, (sums.get(key) ?? 0) + hundredths(figure.hours));
  }
  return sums;
}

/** What comes back from a finished bid into the next tender, and what changed between them. */
export function renewalCarryOver(input: RenewalInput): RenewalCarryOver {
  const matches = matchRenewalLots(input.previousLots, input.nextLots);
  const nextOfPrevious = new Map(
    [...matches].map(([nextNumber, match]) => [match.lot.number, nextNumber]),
  );
  const nextLots = new Map(input.nextLots.map((lot) => [lot.number, lot]));

  const lots: RenewalCarryOver['lots'] = {
    carried: input.nextLots.flatMap((lot) => {
      const match = matches.get(lot.number);
      return match
        ? [
            {
              number: lot.number,
              title: lot.title,
              previousNumber: match.lot.number,
              previousTitle: match.lot.title,
              matchedBy: match.by,
              amountCents: lot.amountCents,
              previousAmountCents: match.lot.amountCents,
              amountChangeCents: lot.amountCents - match.lot.amountCents,
            },
          ]
        : [];
    }),
    added: input.nextLots
      .filter((lot) => !matches.has(lot.number))
      .map(({ number, title, amountCents }) => ({ number, title, amountCents })),
    removed: input.previousLots
      .filter((lot) => !nextOfPrevious.has(lot.number))
      .map(({ number, title, amountCents }) => ({ number, title, amountCents })),
  };

  const cells: {
    added: RenewalCarryOver['cells']['added'][number][];
    removed: RenewalCarryOver['cells']['removed'][number][];
    demandChanged: RenewalCarryOver['cells']['demandChanged'][number][];
  } = { added: [], removed: [], demandChanged: [] };
  /** The new tender's cells, by previous lot number and territory, for the carried lots. */
  const nextCells = new Set<string>();
  for (const lot of input.nextLots) {
    const match = matches.get(lot.number);
    const before = new Map(match?.lot.cells.map((cell) => [cell.territory, cell]) ?? []);
    for (const cell of lot.cells) {
      const old = before.get(cell.territory);
      if (!match || !old) {
        cells.added.push({
          lot: lot.number,
          territory: cell.territory,
          demandHours: cell.demandHours,
        });
        continue;
      }
      nextCells.add(cellKey(match.lot.number, cell.territory));
      if (hundredths(old.demandHours) !== hundredths(cell.demandHours)) {
        cells.demandChanged.push({
          lot: lot.number,
          territory: cell.territory,
          previousDemandHours: old.demandHours,
          demandHours: cell.demandHours,
        });
      }
    }
  }
  for (const lot of input.previousLots) {
    if (!nextOfPrevious.has(lot.number)) continue;
    for (const cell of lot.cells) {
      if (!nextCells.has(cellKey(lot.number, cell.territory))) {
        cells.removed.push({
          lot: lot.number,
          territory: cell.territory,
          demandHours: cell.demandHours,
        });
      }
    }
  }

  const carriedMembers: RenewalCarryOver['members']['carried'][number][] = [];
  const leftOut: RenewalCarryOver['members']['leftOut'][number][] = [];
  for (const member of input.members) {
    const reason: LeftOutReason | null =
      member.status === 'WITHDRAWN'
        ? 'WITHDRAWN'
        : member.status === 'DECLINED'
          ? 'DECLINED'
          : member.role === 'SOUS_TRAITANT'
            ? 'SUBCONTRACTOR'
            : null;
    if (reason) {
      leftOut.push({ key: member.key, legalName: member.legalName, reason });
      continue;
    }
    carriedMembers.push({
      key: member.key,
      legalName: member.legalName,
      previousStatus: member.status,
      charter:
        input.charterVersion === null
          ? 'NO_CHARTER'
          : member.charterVersion === input.charterVersion
            ? 'ACCEPTED'
            : member.charterVersion === null
              ? 'TO_ACCEPT'
              : 'TO_ACCEPT_AGAIN',
    });
  }
  const carriedKeys = new Set(carriedMembers.map((member) => member.key));

  const realised = recentRealisedHundredths(input.realised, input.periodMonths);
  const carriedOffers: RenewalCarryOver['offers']['carried'][number][] = [];
  const droppedOffers: RenewalCarryOver['offers']['dropped'][number][] = [];
  for (const offer of input.offers) {
    const nextLot = nextOfPrevious.get(offer.lot);
    const reason = !carriedKeys.has(offer.org)
      ? ('MEMBER_LEFT' as const)
      : nextLot === undefined
        ? ('LOT_REMOVED' as const)
        : !nextCells.has(cellKey(offer.lot, offer.territory))
          ? ('CELL_REMOVED' as const)
          : null;
    if (reason || nextLot === undefined) {
      droppedOffers.push({
        ...offerPlace(offer),
        hours: offer.hours,
        reason: reason ?? 'LOT_REMOVED',
      });
      continue;
    }
    const done = realised.get(`${offer.org}\u0000${cellKey(offer.lot, offer.territory)}`);
    carriedOffers.push({
      org: offer.org,
      lot: nextLot,
      territory: offer.territory,
      hours: done !== undefined && done > 0 ? fromHundredths(done) : offer.hours,
      preference: offer.preference,
      source: done !== undefined && done > 0 ? 'REALISED' : 'OFFER',
      previousHours: offer.hours,
    });
  }

  const split = lots.carried.map((lot) => {
    const next = nextLots.get(lot.number);
    const lines = input.signedLines.filter(
      (line) =>
        line.lot === lot.previousNumber &&
        line.hours > 0 &&
        carriedKeys.has(line.org) &&
        nextCells.has(cellKey(line.lot, line.territory)),
    );
    const demand = (next?.cells ?? []).reduce((sum, cell) => sum + hundredths(cell.demandHours), 0);
    const kept = lines.map((line) => hundredths(line.hours));
    const keptSum = kept.reduce((sum, value) => sum + value, 0);
    const unassigned = Math.max(0, demand - keptSum);
    const weights = [...kept, unassigned].map(BigInt);
    const cents =
      keptSum + unassigned === 0
        ? weights.map(() => 0)
        : largestRemainder(lot.amountCents, weights);
    const unassignedCents = cents[cents.length - 1] ?? 0;
    const assigned = cents.slice(0, -1);
    return {
      lot: lot.number,
      amountCents: lot.amountCents,
      lines: lines.map((line, index) => ({
        org: line.org,
        territory: line.territory,
        hours: line.hours,
        amountCents: assigned[index] ?? 0,
      })),
      unassignedHours: fromHundredths(unassigned),
      // With no hours at all to weigh, the whole amount is nobody's yet.
      unassignedCents: keptSum + unassigned === 0 ? lot.amountCents : unassignedCents,
    };
  });

  return {
    lots,
    cells,
    members: { carried: carriedMembers, leftOut },
    offers: { carried: carriedOffers, dropped: droppedOffers },
    limits: input.limits.filter((limit) => carriedKeys.has(limit.org)),
    split,
  };
}

const offerPlace = (offer: RenewalPreviousOffer) => ({
  org: offer.org,
  lot: offer.lot,
  territory: offer.territory,
});

/** Why an offer of the previous tender is not proposed to its member. */
export type CarriedOfferDropReason = 'LOT_REMOVED' | 'CELL_REMOVED';

/**
 * What one carried member is proposed to declare in the new bid, as drafts it confirms or edits:
 * nothing here is written for it. The offers lie on the bid's cells as they are now; those of the
 * previous tender that cannot come back are listed, by the previous tender's lot, with the reason.
 */
export interface MemberCarriedOffers {
  readonly offers: RenewalCarryOver['offers']['carried'][number][];
  /** By the previous tender's lot number and title; hours as the previous offer had them. */
  readonly dropped: {
    readonly lot: number;
    readonly lotTitle: string;
    readonly territory: string;
    readonly hours: number;
    readonly reason: CarriedOfferDropReason;
  }[];
  /** Its caps in the previous bid; null: none. */
  readonly limits: {
    readonly maxHours: number | null;
    readonly maxRevenueCents: number | null;
  } | null;
}

/**
 * The carried offers of the member under `key`, against the bid's cells now (`currentCells`): a
 * corrigendum may have removed a cell or a whole lot since the renewal, and an offer there is no
 * longer proposed but listed as dropped. A member the renewal did not carry is proposed nothing.
 */
export function memberCarriedOffers(
  carryOver: RenewalCarryOver,
  key: string,
  currentCells: readonly { readonly lot: number; readonly territory: string }[],
): MemberCarriedOffers {
  if (!carryOver.members.carried.some((member) => member.key === key)) {
    return { offers: [], dropped: [], limits: null };
  }
  const previousOf = new Map(carryOver.lots.carried.map((lot) => [lot.number, lot]));
  const previousTitles = new Map([
    ...carryOver.lots.removed.map((lot) => [lot.number, lot.title] as const),
    ...carryOver.lots.carried.map((lot) => [lot.previousNumber, lot.previousTitle] as const),
  ]);
  const cells = new Set(currentCells.map((cell) => cellKey(cell.lot, cell.territory)));
  const currentLots = new Set(currentCells.map((cell) => cell.lot));

  const offers: MemberCarriedOffers['offers'][number][] = [];
  const dropped: MemberCarriedOffers['dropped'][number][] = [];
  for (const offer of carryOver.offers.dropped) {
    if (offer.org !== key || offer.reason === 'MEMBER_LEFT') continue;
    dropped.push({
      lot: offer.lot,
      lotTitle: previousTitles.get(offer.lot) ?? `Lot ${offer.lot}`,
      territory: offer.territory,
      hours: offer.hours,
      reason: offer.reason,
    });
  }
  for (const offer of carryOver.offers.carried) {
    if (offer.org !== key) continue;
    if (cells.has(cellKey(offer.lot, offer.territory))) {
      offers.push(offer);
      continue;
    }
    const previous = previousOf.get(offer.lot);
    dropped.push({
      lot: previous?.previousNumber ?? offer.lot,
      lotTitle: previous?.previousTitle ?? `Lot ${offer.lot}`,
      territory: offer.territory,
      hours: offer.previousHours,
      reason: currentLots.has(offer.lot) ? 'CELL_REMOVED' : 'LOT_REMOVED',
    });
  }
  dropped.sort((a, b) => a.lot - b.lot || a.territory.localeCompare(b.territory));
  const limit = carryOver.limits.find((entry) => entry.org === key);
  return {
    offers,
    dropped,
    limits:
      limit && (limit.maxHours !== null || limit.maxRevenueCents !== null)
        ? { maxHours: limit.maxHours, maxRevenueCents: limit.maxRevenueCents }
        : null,
  };
}
