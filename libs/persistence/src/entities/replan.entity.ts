import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import type { AllocationOptima, ReplanLine, ReplanLotTotal } from '@cordage/domain';
import { BidEntity } from './bid.entity';
import { CreatedAt, ManyToOneRef, RefColumn, TimestampColumn } from './references';

/** Stored values: QUEUED until the worker records the new plan (DONE) or refuses it (FAILED). */
export type ReplanStatus = 'QUEUED' | 'DONE' | 'FAILED';

/** What a re-plan gave: the new plan of the remaining periods and how each lot adds up. */
export interface ReplanResult {
  optima: AllocationOptima;
  lines: ReplanLine[];
  totals: ReplanLotTotal[];
}

/**
 * A re-plan of the contract from a period on (docs/after-award.md, "Re-planning"), numbered per
 * bid. Its id is its job request's: the worker computes it once, whatever the retries.
 */
@Entity('replans')
@Unique('replans_bid_number_key', ['bidId', 'number'])
@Check(`"status" IN ('QUEUED', 'DONE', 'FAILED')`)
@Check(`"from_period" >= 2`)
export class ReplanEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOneRef(() => BidEntity, { onDelete: 'CASCADE' })
  bid!: BidEntity;

  @RefColumn('bid_id')
  bidId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ name: 'from_period', type: 'integer' })
  fromPeriod!: number;

  @Column({ type: 'varchar', length: 10, default: 'QUEUED' })
  status!: ReplanStatus;

  @Column({ type: 'jsonb', nullable: true })
  result!: ReplanResult | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: { code: string; message: string } | null;

  @RefColumn('requested_by', { nullable: true })
  requestedBy!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @TimestampColumn('finished_at', { nullable: true })
  finishedAt!: Date | null;
}
