import type { ThrottlerStorage } from '@nestjs/throttler';

/** What the throttler's guard reads of a count (its own type is not exported). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

interface Client {
  /** When each counted request leaves the sliding window, oldest first; live from `head` on. */
  expirations: number[];
  head: number;
  blockedUntil: number;
}

/**
 * The rate limit's counts: an exact sliding window per client, as @nestjs/throttler's own storage
 * keeps, at a constant cost per request. That storage copies every live timestamp of the client
 * on every request (24 kB per request at the limit of 3,000 a minute, every request of the minute
 * when the limit is raised); here the expired ones are passed over and dropped in batches.
 */
export class SlidingWindowStorage implements ThrottlerStorage {
  private readonly clients = new Map<string, Client>();
  private lastSweep = 0;

  increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    return Promise.resolve(this.count(`${throttlerName}:${key}`, ttl, limit, blockDuration));
  }

  /** Counts one request at `now`; public so that tests can move the clock. */
  count(
    id: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    now = Date.now(),
  ): ThrottlerStorageRecord {
    if (now - this.lastSweep >= ttl) this.forgetIdle(now);
    const client = this.clientOf(id);
    if (client.blockedUntil > now) {
      const timeToBlockExpire = Math.ceil((client.blockedUntil - now) / 1000);
      return {
        totalHits: limit + 1,
        timeToExpire: timeToBlockExpire,
        isBlocked: true,
        timeToBlockExpire,
      };
    }
    if (client.blockedUntil > 0) {
      // Its block served, a client starts afresh (as @nestjs/throttler's storage does).
      Object.assign(client, { expirations: [], head: 0, blockedUntil: 0 });
    }
    const { expirations } = client;
    while (client.head < expirations.length && (expirations[client.head] ?? 0) <= now) {
      client.head += 1;
    }
    if (client.head >= 1024 && client.head * 2 >= expirations.length) {
      client.expirations = expirations.slice(client.head);
      client.head = 0;
    }
    client.expirations.push(now + ttl);
    const totalHits = client.expirations.length - client.head;
    const oldest = client.expirations[client.head] ?? now + ttl;
    const timeToExpire = Math.ceil((oldest - now) / 1000);
    if (totalHits <= limit)
      return { totalHits, timeToExpire, isBlocked: false, timeToBlockExpire: 0 };
    // Past the limit: refused for blockDuration (the ttl unless a route says otherwise).
    const block = Math.max(blockDuration, 1);
    client.blockedUntil = now + block;
    return { totalHits, timeToExpire, isBlocked: true, timeToBlockExpire: Math.ceil(block / 1000) };
  }

  /** How many clients are counted (for tests). */
  get size(): number {
    return this.clients.size;
  }

  private clientOf(id: string): Client {
    let client = this.clients.get(id);
    if (!client) {
      client = { expirations: [], head: 0, blockedUntil: 0 };
      this.clients.set(id, client);
    }
    return client;
  }

  /** Clients whose every request has left the window, and not held back, count nothing. */
  private forgetIdle(now: number): void {
    this.lastSweep = now;
    for (const [id, client] of this.clients) {
      const newest = client.expirations.at(-1) ?? 0;
      if (client.blockedUntil <= now && newest <= now) this.clients.delete(id);
    }
  }
}
