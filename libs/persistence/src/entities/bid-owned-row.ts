import { PrimaryGeneratedColumn } from 'typeorm';
import { BidEntity } from './bid.entity';
import { ManyToOneRef, RefColumn } from './references';

/**
 * The leading columns of the many tables whose rows belong to one bid, written once. An abstract
 * class, not an entity: each table still declares its own name, keys and checks, and its columns
 * come after these. (Its own file, apart from owned-rows.ts, because MemberEntity extends it.)
 */

/** A row of a bid with its own uuid: goes when the bid goes. */
export abstract class BidOwnedRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @RefColumn('bid_id')
  bidId!: string;
}
