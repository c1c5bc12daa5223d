import { Check, Column, Entity, Unique } from 'typeorm';
import type { LotOutcome } from '@cordage/domain';
import { centsTransformer } from './column-transformers';
import { LotEntity } from './lot.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';
import { BidOwnedRow } from './bid-owned-row';

/** The buyer's decision on one lot of an awarded bid: won with its amount, or lost. Written once. */
@Entity('lot_awards')
@Unique('lot_awards_bid_lot_key', ['bidId', 'lotId'])
@Check(`"outcome" IN ('WON', 'LOST')`)
@Check(`("outcome" = 'WON') = ("awarded_cents" IS NOT NULL)`)
@Check(`"awarded_cents" > 0`)
@Check(`"outcome" = 'WON' OR "start_on" IS NULL`)
@Check(
  `("start_on" IS NULL) = ("duration_months" IS NULL) AND ("start_on" IS NULL) = ("period_months" IS NULL)`,
)
@Check(`"duration_months" BETWEEN 1 AND 120 AND "period_months" BETWEEN 1 AND "duration_months"`)
export class LotAwardEntity extends BidOwnedRow {
  @ManyToOneRef(() => LotEntity, { onDelete: 'CASCADE' })
  lot!: LotEntity;

  @RefColumn('lot_id')
  lotId!: string;

  @Column({ type: 'varchar', length: 8 })
  outcome!: LotOutcome;

  /** The notification's date, on the buyer's calendar. */
  @Column({ name: 'awarded_on', type: 'date' })
  awardedOn!: string;

  /** Excl. VAT, in cents, as the buyer awarded it; null for a lost lot. */
  @Column({ name: 'awarded_cents', type: 'bigint', nullable: true, transformer: centsTransformer })
  awardedCents!: number | null;

  /** The signed allocation version the planned split was taken from. */
  @RefColumn('version_id')
  versionId!: string;

  /** The won lot's contract, once set: its first day, duration and period, in months. */
  @Column({ name: 'start_on', type: 'date', nullable: true })
  startOn!: string | null;

  @Column({ name: 'duration_months', type: 'integer', nullable: true })
  durationMonths!: number | null;

  @Column({ name: 'period_months', type: 'integer', nullable: true })
  periodMonths!: number | null;

  @RefColumn('recorded_by', { nullable: true })
  recordedBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
