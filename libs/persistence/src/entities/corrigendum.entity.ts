import { Column, Entity, Unique } from 'typeorm';
import type { CorrigendumChange } from '@cordage/domain';
import { BidOwnedRow } from './bid-owned-row';
import { CreatedAt, RefColumn } from './references';

/**
 * A buyer's corrigendum (« avis rectificatif ») as applied to the bid, numbered from 1: what
 * changed, why, and what it outdated, so that members can see why an offer or a version no longer
 * holds.
 */
@Entity('corrigenda')
@Unique('corrigenda_bid_number_key', ['bidId', 'number'])
export class CorrigendumEntity extends BidOwnedRow {
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'text' })
  reason!: string;

  /** The buyer's reference of its notice, when it has one. */
  @Column({ name: 'buyer_reference', type: 'varchar', length: 100, nullable: true })
  buyerReference!: string | null;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn!: string;

  /** The changes as the coordinator entered them (dates as ISO strings). */
  @Column({ type: 'jsonb' })
  changes!: CorrigendumChange[];

  /** One French sentence per change, as mailed to the members. */
  @Column({ type: 'jsonb' })
  summary!: string[];

  @Column({ name: 'outdated_offers', type: 'integer' })
  outdatedOffers!: number;

  /** Numbers of the allocation versions it outdated. */
  @Column({ name: 'outdated_versions', type: 'jsonb' })
  outdatedVersions!: number[];

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @Column({ type: 'varchar', length: 320 })
  author!: string;

  @CreatedAt()
  createdAt!: Date;
}
