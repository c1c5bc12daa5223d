import type { BidView, MemberView } from './bid-view';
import { redactBidView } from './bid-visibility';
import { at } from '../invariants';

const member = (id: string, offerCount: number, offeredHours: number): MemberView =>
  ({
    id,
    offerCount,
    offeredHours,
    limits: { maxHours: 10, maxRevenueCents: 100 },
    insertionHoursMax: 5,
  }) as MemberView;

const view = {
  offersShared: true,
  lots: [{ offeredHours: 30, cells: [{ offeredHours: 30, offerCount: 2 }] }],
  members: [member('m1', 1, 10), member('m2', 1, 20)],
  totals: { offers: 2, offeredHours: 30 },
} as unknown as BidView;

describe('redactBidView', () => {
  it('keeps everything when offers are shared', () => {
    expect(redactBidView(view, 'ALL')).toBe(view);
  });

  it('shows a member only its own offers, limits and totals', () => {
    const redacted = redactBidView(view, ['m2']);
    expect(redacted.offersShared).toBe(false);
    expect(redacted.members[0]).toMatchObject({
      offerCount: 0,
      offeredHours: 0,
      limits: null,
      insertionHoursMax: null,
    });
    expect(redacted.members[1]).toEqual(view.members[1]);
    expect(redacted.totals).toMatchObject({ offers: 1, offeredHours: 20 });
    expect(at(at(redacted.lots, 0).cells, 0)).toMatchObject({ offeredHours: 0, offerCount: 0 });
  });
});
