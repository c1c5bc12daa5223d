import { Check, Column, Entity, Unique } from 'typeorm';
import type { AllocationResult } from '@cordage/domain';
import { ManyToOneRef, RefColumn, CreatedAt } from './references';
import { BidOwnedRow } from './bid-owned-row';
import { CorrigendumEntity } from './corrigendum.entity';

export type AllocationVersionKind = 'RUN' | 'OVERRIDE';

/**
 * A manual change of one line, as recorded with the version it created; for hours moved between
 * two members, `org` is the one that took them and `from` the one that gave them up.
 */
export interface AllocationOverrideRecord {
  org: string;
  lot: number;
  territory: string;
  hoursBefore: number;
  hoursAfter: number;
  from?: { org: string; hoursBefore: number; hoursAfter: number };
  reason: string;
  authorId: string | null;
  author: string;
}

/**
 * One allocation of a bid, immutable: each run or override adds a version numbered from 1, so
 * that what members approved and signed can always be found again and compared.
 */
@Entity('allocation_versions')
@Unique('allocation_versions_bid_number_key', ['bidId', 'number'])
@Check(`"kind" IN ('RUN', 'OVERRIDE')`)
export class AllocationVersionEntity extends BidOwnedRow {
  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: AllocationVersionKind;

  /** SHA-256 of the scenario the engine ran on: an unchanged bid is recognised by it. */
  @Column({ name: 'input_hash', type: 'varchar', length: 64 })
  inputHash!: string;

  /** For an override: the version it changed. */
  @RefColumn('based_on', { nullable: true })
  basedOn!: string | null;

  @Column({ type: 'jsonb' })
  result!: AllocationResult;

  @Column({ type: 'jsonb', nullable: true })
  override!: AllocationOverrideRecord | null;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;

  /** The corrigendum that made it outdated, and why in French; null while it holds. */
  @ManyToOneRef(() => CorrigendumEntity, { onDelete: 'SET NULL', nullable: true })
  outdatedBy!: CorrigendumEntity | null;

  @RefColumn('outdated_by_id', { nullable: true })
  outdatedById!: string | null;

  @Column({ name: 'outdated_reason', type: 'varchar', length: 500, nullable: true })
  outdatedReason!: string | null;
}
