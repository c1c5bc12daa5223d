import { Injectable } from '@nestjs/common';
import { LRUCache } from 'lru-cache';
import type { BidView } from '@cordage/domain';
import { type Db, InjectDb } from '../unit-of-work';
import { type BidViewAtRevision, BidReadRepository } from './bid-read.repository';

/**
 * What the kept reads may weigh in all, per api process, counted as their JSON's length (the
 * objects take a few times more of the heap): some 800 bids of the example's size (20 kB).
 */
export const BID_VIEW_CACHE_BYTES = 16 * 1024 * 1024;

/** Freezes a read that requests share: a caller that changed it would throw, not spread it. */
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

/**
 * Each bid's last read (`BidReadRepository.findBid`, whole, before any reader's redaction) with
 * the revision it was read at, in the same statement. A request reads the bid's current revision
 * (the api's access guard with the bid's scope, else one index lookup here) and is served the
 * kept read only when they are equal. Postgres gives a bid a
 * new revision at every commit that changed anything its read reads (migration BidRevisions), a
 * value never given twice: two snapshots that see one revision see one bid, so a kept read is
 * never stale, whichever api process kept it and whatever committed since. Inside a transaction
 * it reads through: the transaction's own writes are not under a revision until it commits.
 */
@Injectable()
export class BidViewCache {
  private readonly reads = new LRUCache<string, BidViewAtRevision & { revision: string }>({
    maxSize: BID_VIEW_CACHE_BYTES,
    sizeCalculation: (read) => JSON.stringify(read.view).length,
  });

  constructor(
    @InjectDb() private readonly db: Db,
    private readonly bids: BidReadRepository,
  ) {}

  /**
   * The bid as people read it (null if none): the kept read if still current, else read now.
   * `revision`: the bid's revision if the caller read it already during this request (the access
   * guard reads it with the bid's scope); read here when undefined.
   */
  async read(bidId: string, revision?: string | null): Promise<BidView | null> {
    if (this.db.isTransactionActive()) return this.bids.findBid(bidId);
    const current = revision === undefined ? await this.bids.revision(bidId) : revision;
    const kept = current === null ? undefined : this.reads.get(bidId);
    if (kept && kept.revision === current) return kept.view;
    const read = await this.bids.findBidAtRevision(bidId);
    if (!read) return null;
    if (read.revision !== null) {
      this.reads.set(bidId, { view: deepFreeze(read.view), revision: read.revision });
    }
    return read.view;
  }
}
