import { Entity, PrimaryColumn } from 'typeorm';

/**
 * A bid the running transaction changed, noted by the revision triggers and consumed at its
 * commit, when the bid's revision is bumped (`bid_revisions`). The row never outlives its
 * transaction; no foreign key, so that noting a bid takes no lock on it.
 */
@Entity('bid_revision_marks')
export class BidRevisionMarkEntity {
  /** `txid_current()` of the transaction that changed the bid. */
  @PrimaryColumn({ type: 'bigint' })
  xact!: string;

  @PrimaryColumn({ name: 'bid_id', type: 'uuid' })
  bidId!: string;
}
