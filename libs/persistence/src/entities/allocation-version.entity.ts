import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { AllocationResult } from '@cordage/domain';
import { BidEntity } from './bid.entity';

export type AllocationVersionKind = 'RUN' | 'OVERRIDE';

/** A manual change of one line, as recorded with the version it created. */
export interface AllocationOverrideRecord {
  org: string;
  lot: number;
  territory: string;
  hoursBefore: number;
  hoursAfter: number;
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
export class AllocationVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  @Column({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @Column({ type: 'integer' })
  number!: number;

  @Column({ type: 'varchar', length: 10 })
  kind!: AllocationVersionKind;

  /** SHA-256 of the scenario the engine ran on: an unchanged bid is recognised by it. */
  @Column({ name: 'input_hash', type: 'varchar', length: 64 })
  inputHash!: string;

  /** For an override: the version it changed. */
  @Column({ name: 'based_on', type: 'uuid', nullable: true })
  basedOn!: string | null;

  @Column({ type: 'jsonb' })
  result!: AllocationResult;

  @Column({ type: 'jsonb', nullable: true })
  override!: AllocationOverrideRecord | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
