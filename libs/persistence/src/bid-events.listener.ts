import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Client } from 'pg';
import { type ConfigOf, InjectConfig, databaseConfig } from '@cordage/config';
import type { BidChangeEvent } from '@cordage/domain';
import { BID_EVENTS_CHANNEL } from './repositories/bid-events.repository';

/**
 * What a subscriber is told: an event of its bid, that events may have been missed, or that the
 * process stops (its streams end, and the browsers reopen them on another process).
 */
export type BidEventsMessage =
  { type: 'event'; event: BidChangeEvent } | { type: 'resync' } | { type: 'end' };
export type BidEventsSubscriber = (message: BidEventsMessage) => void;

/** How long to wait before connecting again after the listening connection was lost. */
const RECONNECT_MS = 1_000;

/**
 * The process's one listening connection (`LISTEN cordage_bid_events`), opened at the first
 * subscription, and its subscribers by bid. Every api process listens on its own connection and
 * Postgres delivers each committed change's notification to all of them. A lost connection is
 * opened again, and every subscriber is told to refetch (`resync`): notifications sent meanwhile
 * are not replayed. Its own client, outside the pool: a listening session must stay the same.
 */
@Injectable()
export class BidEventsListener implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(BidEventsListener.name);
  private readonly subscribers = new Map<string, Set<BidEventsSubscriber>>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(
    @InjectConfig(databaseConfig) private readonly config: ConfigOf<typeof databaseConfig>,
  ) {}

  /**
   * Subscribes to one bid's events; resolves once the process listens, so no change committed
   * after it resolves is missed. Returns the unsubscription, to call when the reader leaves.
   */
  async subscribe(bidId: string, subscriber: BidEventsSubscriber): Promise<() => void> {
    const set = this.subscribers.get(bidId) ?? new Set();
    set.add(subscriber);
    this.subscribers.set(bidId, set);
    const unsubscribe = () => {
      const current = this.subscribers.get(bidId);
      if (!current) return;
      current.delete(subscriber);
      if (current.size === 0) this.subscribers.delete(bidId);
    };
    try {
      await this.listen();
    } catch (error) {
      unsubscribe();
      throw error;
    }
    return unsubscribe;
  }

  /** How many subscribers are attached, of one bid or of all (for health and tests). */
  subscriberCount(bidId?: string): number {
    if (bidId !== undefined) return this.subscribers.get(bidId)?.size ?? 0;
    let count = 0;
    for (const set of this.subscribers.values()) count += set.size;
    return count;
  }

  /** Before the HTTP server closes: it would wait for ever on the open streams. */
  beforeApplicationShutdown(): void {
    this.closed = true;
    for (const set of [...this.subscribers.values()])
      for (const subscriber of [...set]) subscriber({ type: 'end' });
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    if (this.closed) return Promise.reject(new Error('The process is shutting down.'));
    if (this.client) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({
      connectionString: this.config.DATABASE_URL,
      application_name: 'cordage-bid-events',
      connectionTimeoutMillis: 10_000,
    });
    client.on('notification', (message) => {
      if (message.channel === BID_EVENTS_CHANNEL && message.payload) this.deliver(message.payload);
    });
    client.on('error', (error) => {
      this.logger.warn(`Bid events connection lost: ${error.message}`);
      this.lost(client);
    });
    client.on('end', () => this.lost(client));
    await client.connect();
    try {
      await client.query(`LISTEN ${BID_EVENTS_CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      throw new Error('The process is shutting down.');
    }
    this.client = client;
  }

  private deliver(payload: string): void {
    let event: BidChangeEvent;
    try {
      event = JSON.parse(payload) as BidChangeEvent;
    } catch {
      return;
    }
    for (const subscriber of [...(this.subscribers.get(event.bidId) ?? [])]) {
      subscriber({ type: 'event', event });
    }
  }

  /** The listening connection ended: listen again, and have every page refetch what it shows. */
  private lost(client: Client): void {
    if (this.client !== client) return;
    this.client = null;
    client.removeAllListeners('notification');
    if (this.closed) return;
    const reconnect = () => {
      this.retry = null;
      if (this.closed || this.subscribers.size === 0) return;
      this.listen().then(
        () => {
          for (const set of this.subscribers.values())
            for (const subscriber of [...set]) subscriber({ type: 'resync' });
        },
        () => {
          this.retry = setTimeout(reconnect, RECONNECT_MS);
        },
      );
    };
    this.retry = setTimeout(reconnect, RECONNECT_MS);
  }
}
