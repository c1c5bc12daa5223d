import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
} from 'typeorm';
import type { Problem } from '@cordage/domain';
import { BidEntity } from './bid.entity';

export type AllocationRunStatus = 'PENDING' | 'DONE' | 'UNCHANGED' | 'FAILED';

/**
 * A request to allocate a bid. Its id is also the outbox message's and the job's. At most one
 * request per bid and input waits at a time: a second identical one (a double click) is the first.
 */
@Entity('allocation_runs')
@Index('allocation_runs_pending_input_key', ['bidId', 'inputHash'], {
  unique: true,
  where: `"status" = 'PENDING'`,
})
@Check(`"status" IN ('PENDING', 'DONE', 'UNCHANGED', 'FAILED')`)
export class AllocationRunEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  @Index()
  @Column({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: AllocationRunStatus;

  /** SHA-256 of the bid's data when it was asked (null for runs asked before it was recorded). */
  @Column({ name: 'input_hash', type: 'varchar', length: 64, nullable: true })
  inputHash!: string | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  /** The version this run produced, or the one it found unchanged. */
  @Column({ name: 'version_id', type: 'uuid', nullable: true })
  versionId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: { code: string; message: string; problems: Problem[] } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
