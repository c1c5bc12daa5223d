import { Injectable } from '@nestjs/common';
import type { BidChangeEvent } from '@cordage/domain';
import { type Db, InjectDb } from '../unit-of-work';

/** The Postgres channel that carries every bid's events to the api processes that listen. */
export const BID_EVENTS_CHANNEL = 'cordage_bid_events';

/**
 * Announces a bid's change to the live pages. Raw SQL: `pg_notify` has no query-builder form.
 * Postgres queues a notification sent inside a transaction and delivers it only when that
 * transaction commits (in commit order, never on a rollback): the event exists if and only if
 * the change does, as an outbox message would, without a relay.
 */
@Injectable()
export class BidEventsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async notify(event: BidChangeEvent): Promise<void> {
    if (!this.db.isTransactionActive()) {
      throw new Error("A bid's event is announced inside a use case's transaction.");
    }
    // Only kinds and ids: far below the 8000 bytes a notification may carry.
    await this.db.tx.query('SELECT pg_notify($1, $2)', [BID_EVENTS_CHANNEL, JSON.stringify(event)]);
  }

  /** Announces several events in one statement, in order, at commit (as `notify`). */
  async notifyAll(events: readonly BidChangeEvent[]): Promise<void> {
    if (!this.db.isTransactionActive()) {
      throw new Error("A bid's event is announced inside a use case's transaction.");
    }
    if (events.length === 0) return;
    await this.db.tx.query(
      'SELECT pg_notify($1, payload) FROM unnest($2::text[]) WITH ORDINALITY AS e(payload, n) ORDER BY n',
      [BID_EVENTS_CHANNEL, events.map((event) => JSON.stringify(event))],
    );
  }
}
