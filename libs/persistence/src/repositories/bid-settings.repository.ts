import { Injectable } from '@nestjs/common';
import {
  type ConventionSettings,
  type Transparency,
  conventionSettingsSchema,
} from '@cordage/domain';
import { BidEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** The settings a bid's coordinators change. */
@Injectable()
export class BidSettingsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The bid's settings, its row held until commit; null when there is no such bid. */
  async lock(
    bidId: string,
  ): Promise<Pick<BidEntity, 'transparency' | 'conventionSettings'> | null> {
    return this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .select(['bid.id', 'bid.transparency', 'bid.conventionSettings'])
      .where({ id: bidId })
      .setLock('pessimistic_write')
      .getOne();
  }

  async setTransparency(bidId: string, transparency: Transparency): Promise<void> {
    await this.db.tx.update(BidEntity, { id: bidId }, { transparency });
  }

  async setConventionSettings(bidId: string, settings: BidEntity['conventionSettings']) {
    await this.db.tx.update(BidEntity, { id: bidId }, { conventionSettings: settings });
  }

  /** The convention's parameters in force: the coordinators' choices over the template's defaults. */
  async conventionSettings(bidId: string): Promise<ConventionSettings | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      select: { id: true, conventionSettings: true },
    });
    return bid ? conventionSettingsSchema.parse(bid.conventionSettings) : null;
  }
}
