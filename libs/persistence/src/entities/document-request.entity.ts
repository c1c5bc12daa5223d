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
import type { DocumentSet, Problem } from '@cordage/domain';
import { AllocationVersionEntity } from './allocation-version.entity';
import { BidEntity } from './bid.entity';

export type DocumentRequestStatus = 'PENDING' | 'DONE' | 'FAILED';

/**
 * A request to generate a bid's documents from one allocation version. Its id is also the outbox
 * message's and the job's: a retried job finds the documents it already stored.
 */
@Entity('document_requests')
@Check(`"status" IN ('PENDING', 'DONE', 'FAILED')`)
@Check(`"document_set" IN ('CONVENTION', 'EXPORTS', 'AMENDMENT')`)
export class DocumentRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => BidEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'bid_id' })
  bid!: BidEntity;

  @Index()
  @Column({ name: 'bid_id', type: 'uuid' })
  bidId!: string;

  @ManyToOne(() => AllocationVersionEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'allocation_version_id' })
  allocationVersion!: AllocationVersionEntity;

  @Column({ name: 'allocation_version_id', type: 'uuid' })
  allocationVersionId!: string;

  @Column({ name: 'document_set', type: 'varchar', length: 16 })
  documentSet!: DocumentSet;

  /** For an amendment: the change of membership it carries. */
  @Column({ name: 'change_request_id', type: 'uuid', nullable: true })
  changeRequestId!: string | null;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: DocumentRequestStatus;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: { code: string; message: string; problems: Problem[] } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
