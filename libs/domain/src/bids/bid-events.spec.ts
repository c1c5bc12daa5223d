import {
  type BidHistoryEntry,
  HIDDEN_ACTOR,
  historyEntryFor,
  bidEventFor,
  bidEventOf,
} from './bid-events';

describe('bid events', () => {
  const declared = bidEventOf('42', {
    action: 'member.offers_declared',
    entityType: 'member',
    entityId: 'member-2',
    bidId: 'bid-1',
    after: { hours: 120 },
  });

  it('carries the kind and the ids of a change of a bid, never its content', () => {
    expect(declared).toEqual({
      seq: '42',
      bidId: 'bid-1',
      kind: 'member.offers_declared',
      entityType: 'member',
      entityId: 'member-2',
    });
    expect(bidEventOf('43', { action: 'session.opened', entityType: 'session' })).toBeNull();
  });

  it('hides which member changed from a reader who does not see the others’ offers', () => {
    if (!declared) throw new Error('expected an event');
    expect(bidEventFor(declared, 'ALL')).toEqual(declared);
    expect(bidEventFor(declared, ['member-2'])).toEqual(declared);
    expect(bidEventFor(declared, ['member-1'])).toEqual({ ...declared, entityId: null });
    const vote = { ...declared, kind: 'allocation.voted', entityType: 'allocation_version' };
    expect(bidEventFor(vote, ['member-1'])).toEqual(vote);
  });
});

describe('a history entry as one reader may see it', () => {
  const entry = (action: string, entityType: string, entityId: string | null): BidHistoryEntry => ({
    seq: '7',
    occurredAt: '2026-12-07T10:00:00.000Z',
    actor: 'editrice@membre-2.fr',
    action,
    entityType,
    entityId,
    before: { limits: 'avant' },
    after: { parts: [{ member: 'member-2', amountCents: 1200 }] },
  });

  it('leaves every entry whole for a reader of every member', () => {
    const order = entry('contract.order_recorded', 'order', 'order-1');
    expect(historyEntryFor(order, 'ALL')).toBe(order);
  });

  it('leaves whole the bid-wide changes and the reader’s own members’ entries', () => {
    const transition = entry('bid.transition', 'bid', 'bid-1');
    const own = entry('member.data_updated', 'member', 'member-1');
    expect(historyEntryFor(transition, ['member-1'])).toBe(transition);
    expect(historyEntryFor(own, ['member-1'])).toBe(own);
  });

  it('tells what was done and when, not by whom, on which member nor with what figures', () => {
    expect(
      historyEntryFor(entry('member.offers_declared', 'member', 'member-2'), ['member-1']),
    ).toEqual({
      ...entry('member.offers_declared', 'member', null),
      actor: HIDDEN_ACTOR,
      before: null,
      after: null,
    });
    expect(historyEntryFor(entry('contract.order_recorded', 'order', 'order-1'), [])).toEqual({
      ...entry('contract.order_recorded', 'order', 'order-1'),
      actor: HIDDEN_ACTOR,
      before: null,
      after: null,
    });
  });
});
