import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';
import type { DocumentKind } from '@cordage/domain';
import { AllocationVersionEntity } from './allocation-version.entity';
import { BidEntity } from './bid.entity';
import { JobRequestEntity } from './job-request.entity';

/**
 * One generated file of a bid, numbered per kind and subject from 1, linked to the allocation
 * version it says. Its bytes sit in the document storage under their SHA-256. A frozen document
 * (the convention put up for signature) can no longer change or go: a trigger refuses it.
 */
@Entity('documents')
@Unique('documents_bid_kind_subject_version_key', ['bidId', 'kind', 'subject', 'version'])
@Unique('documents_request_kind_subject_key', ['requestId', 'kind', 'subject'])
@Check(`"kind" IN ('CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS', 'AMENDMENT', 'BUYER_LETTER')`)
@Check(`"size_bytes" >= 0`)
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOne(() => BidEntity, { nullable: false, onDelete: 'RESTRICT' })
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

  @ManyToOne(() => JobRequestEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'request_id' })
  request!: JobRequestEntity;

  @Column({ name: 'request_id', type: 'uuid' })
  requestId!: string;

  @Column({ type: 'varchar', length: 16 })
  kind!: DocumentKind;

  /** Tells apart documents of one kind: a DC4 names its lot and parties; empty otherwise. */
  @Column({ type: 'varchar', length: 200, default: '' })
  subject!: string;

  @Column({ type: 'integer' })
  version!: number;

  @Column({ type: 'varchar', length: 255 })
  filename!: string;

  @Column({ name: 'media_type', type: 'varchar', length: 100 })
  mediaType!: string;

  @Column({ name: 'size_bytes', type: 'integer' })
  sizeBytes!: number;

  @Column({ type: 'char', length: 64 })
  sha256!: string;

  @Column({ name: 'storage_key', type: 'varchar', length: 200 })
  storageKey!: string;

  @Column({ name: 'frozen_at', type: 'timestamptz', nullable: true })
  frozenAt!: Date | null;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy!: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
