import { Column, Entity, Index, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import type { RenewalCarryOver } from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { CreatedAt, ManyToOneRef, RefColumn } from './references';

/**
 * A bid started from a finished one (renewal): the link to the previous bid and what was carried
 * over, as proposed to the members then. Written once with the new bid; the members' answers and
 * offers live in the new bid's own rows.
 */
@Entity('bid_renewals')
@Index('bid_renewals_previous_bid_idx', ['previousBidId'])
export class BidRenewalEntity {
  /** The new bid. */
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @OneToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  /** The finished bid it renews: kept while a renewal points to it. */
  @ManyToOneRef(() => BidEntity, { onDelete: 'RESTRICT' })
  previousBid!: BidEntity;

  @RefColumn('previous_bid_id')
  previousBidId!: string;

  /** The carry-over and the diff between the two tenders (the domain's renewalCarryOver). */
  @Column({ name: 'carry_over', type: 'jsonb' })
  carryOver!: RenewalCarryOver;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
