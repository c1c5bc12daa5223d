import { Column, Entity, JoinColumn, OneToOne, PrimaryColumn } from 'typeorm';
import { BidEntity } from './bid.entity';

/**
 * The revision of what a bid's read shows (`BidReadRepository.findBid`), written by Postgres only:
 * triggers on every table that read reads note the bids a statement changed
 * (`bid_revision_marks`), and at commit the transaction gives each of them a new value of
 * `bid_revision_seq`. Two snapshots that read the same revision read the same bid, so the api
 * keeps the read under (bid, revision). A row of its own rather than a column of `bids`: the use
 * cases lock the bid's row early, the revision is taken only at commit.
 */
@Entity('bid_revisions')
export class BidRevisionEntity {
  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @OneToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  /** A value of `bid_revision_seq`: never given twice, so never shared by two states of the bid. */
  @Column({ type: 'bigint' })
  revision!: string;
}
