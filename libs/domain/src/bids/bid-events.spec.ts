import { bidEventFor, bidEventOf } from './bid-events';

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
