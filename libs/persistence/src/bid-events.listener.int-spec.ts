import { randomUUID } from 'node:crypto';
import type { BidChangeEvent } from '@cordage/domain';
import { testPersistence } from '@cordage/testing';
import { type BidEventsMessage, BidEventsListener } from './bid-events.listener';
import { BidEventsRepository } from './repositories/bid-events.repository';
import { type Db, TransactionHost } from './unit-of-work';

jest.setTimeout(120_000);

/** The messages one subscriber receives, and a way to wait for the next that matches. */
function inbox() {
  const messages: BidEventsMessage[] = [];
  const waiters: (() => void)[] = [];
  return {
    messages,
    receive: (message: BidEventsMessage) => {
      messages.push(message);
      for (const waiter of waiters.splice(0)) waiter();
    },
    async next(match: (message: BidEventsMessage) => boolean): Promise<BidEventsMessage> {
      for (;;) {
        const found = messages.find(match);
        if (found) return found;
        await new Promise<void>((resolve) => waiters.push(resolve));
      }
    },
  };
}

const event = (bidId: string, kind: string): BidChangeEvent => ({
  seq: '1',
  bidId,
  kind,
  entityType: 'bid',
  entityId: bidId,
});

describe('A bid’s events through Postgres LISTEN/NOTIFY', () => {
  const context = testPersistence();
  let listener: BidEventsListener;
  let events: BidEventsRepository;
  let db: Db;

  beforeAll(() => {
    listener = context.get(BidEventsListener);
    events = context.get(BidEventsRepository);
    db = context.get<Db>(TransactionHost);
  });

  it('announces only inside a transaction', async () => {
    await expect(events.notify(event(randomUUID(), 'x'))).rejects.toThrow('transaction');
  });

  it('delivers a change when its transaction commits, never after a rollback, to its bid only', async () => {
    const bidA = randomUUID();
    const bidB = randomUUID();
    const onA = inbox();
    const onB = inbox();
    const stopA = await listener.subscribe(bidA, onA.receive);
    const stopB = await listener.subscribe(bidB, onB.receive);
    await expect(
      db.withTransaction(async () => {
        await events.notify(event(bidA, 'rolled.back'));
        throw new Error('the use case failed');
      }),
    ).rejects.toThrow('the use case failed');
    await db.withTransaction(() => events.notify(event(bidB, 'of.b')));
    await db.withTransaction(() => events.notify(event(bidA, 'committed')));
    // In commit order: once A's committed change is in, nothing before it is still on its way.
    await onA.next((message) => message.type === 'event' && message.event.kind === 'committed');
    await onB.next((message) => message.type === 'event');
    expect(onA.messages).toEqual([{ type: 'event', event: event(bidA, 'committed') }]);
    expect(onB.messages).toEqual([{ type: 'event', event: event(bidB, 'of.b') }]);
    stopA();
    stopB();
    expect(listener.subscriberCount()).toBe(0);
  });

  it('listens again after losing its connection, and has every page refetch', async () => {
    const bid = randomUUID();
    const received = inbox();
    const stop = await listener.subscribe(bid, received.receive);
    await context.dataSource.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'cordage-bid-events' AND datname = current_database()`,
    );
    await received.next((message) => message.type === 'resync');
    await db.withTransaction(() => events.notify(event(bid, 'after.reconnect')));
    await received.next(
      (message) => message.type === 'event' && message.event.kind === 'after.reconnect',
    );
    stop();
  });
});
