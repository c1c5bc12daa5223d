import { Injectable } from '@nestjs/common';
import { BidEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/**
 * The bid's row lock, held until the unit of work commits: what must happen one at a time per bid
 * (its steps and ballots, version and document numbers, change requests) takes it first.
 */
@Injectable()
export class BidLockRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  async lock(bidId: string): Promise<void> {
    await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .select('bid.id')
      .where('bid.id = :bidId', { bidId })
      .setLock('pessimistic_write')
      .getOne();
  }
}
