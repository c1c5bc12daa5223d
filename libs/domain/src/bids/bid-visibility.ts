import type { BidView } from './bid-view';

/**
 * What a reader may see of a bid when offers are not shared: every member, the lots and the
 * split, but only its own members' offers and limits. `visibleMembers` comes from the access
 * policy (`visibleOfferMembers`).
 */
export function redactBidView(view: BidView, visibleMembers: 'ALL' | readonly string[]): BidView {
  if (visibleMembers === 'ALL') return view;
  const visible = new Set(visibleMembers);
  return {
    ...view,
    lots: view.lots.map((lot) => ({
      ...lot,
      offeredHours: 0,
      cells: lot.cells.map((cell) => ({ ...cell, offeredHours: 0, offerCount: 0 })),
    })),
    members: view.members.map((member) =>
      visible.has(member.id)
        ? member
        : { ...member, limits: null, offerCount: 0, offeredHours: 0, insertionHoursMax: null },
    ),
    totals: {
      ...view.totals,
      offers: view.members.filter((m) => visible.has(m.id)).reduce((n, m) => n + m.offerCount, 0),
      offeredHours: view.members
        .filter((m) => visible.has(m.id))
        .reduce((n, m) => n + m.offeredHours, 0),
    },
    offersShared: false,
  };
}
