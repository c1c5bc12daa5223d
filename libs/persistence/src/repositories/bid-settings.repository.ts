import { Injectable } from '@nestjs/common';
import {
  type ConventionDates,
  type ConventionSettings,
  type Transparency,
  conventionSettingsSchema,
  procurementTimeZone,
} from '@cordage/domain';
import { BidEntity } from '../entities';
import { type Db, InjectDb } from '../unit-of-work';

/** The bid's settings as its coordinators change them, with the dates the convention must fit. */
export type LockedBidSettings = Pick<
  BidEntity,
  'status' | 'transparency' | 'conventionSettings'
> & {
  dates: ConventionDates;
};

/** The settings a bid's coordinators change. */
@Injectable()
export class BidSettingsRepository {
  constructor(@InjectDb() private readonly db: Db) {}

  /** The bid's settings, its row held until commit; null when there is no such bid. */
  async lock(bidId: string): Promise<LockedBidSettings | null> {
    const bid = await this.db.tx
      .createQueryBuilder(BidEntity, 'bid')
      .innerJoin('bid.tender', 'tender')
      .select(['bid.id', 'bid.status', 'bid.transparency', 'bid.conventionSettings'])
      .addSelect(['tender.id', 'tender.deadline', 'tender.buyerIdScheme'])
      .where({ id: bidId })
      .setLock('pessimistic_write', undefined, ['bid'])
      .getOne();
    if (!bid) return null;
    return {
      status: bid.status,
      transparency: bid.transparency,
      conventionSettings: bid.conventionSettings,
      dates: datesOf(bid),
    };
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

  /** The parameters in force and the bid's dates they must fit; null when there is no such bid. */
  async conventionTerms(
    bidId: string,
  ): Promise<{ settings: ConventionSettings; dates: ConventionDates } | null> {
    const bid = await this.db.tx.findOne(BidEntity, {
      where: { id: bidId },
      relations: { tender: true },
      select: {
        id: true,
        conventionSettings: true,
        tender: { id: true, deadline: true, buyerIdScheme: true },
      },
    });
    if (!bid) return null;
    return {
      settings: conventionSettingsSchema.parse(bid.conventionSettings),
      dates: datesOf(bid),
    };
  }
}

/** The submission deadline, on the buyer's clock. */
const datesOf = (bid: Pick<BidEntity, 'tender'>): ConventionDates => ({
  deadline: bid.tender.deadline,
  timeZone: procurementTimeZone(bid.tender.buyerIdScheme),
});
