import { Check, Column, Entity, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DocumentKind } from '@cordage/domain';
import { AllocationVersionEntity } from './allocation-version.entity';
import { BidEntity } from './bid.entity';
import { ChangeRequestEntity } from './change-request.entity';
import { JobRequestEntity } from './job-request.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/**
 * One generated file of a bid, numbered per kind and subject from 1, linked to the allocation
 * version it says. Its bytes sit in the document storage under their SHA-256. A frozen document
 * (the convention put up for signature) can no longer change or go: a trigger refuses it.
 */
@Entity('documents')
@Unique('documents_bid_kind_subject_version_key', ['bidId', 'kind', 'subject', 'version'])
@Unique('documents_request_kind_subject_key', ['requestId', 'kind', 'subject'])
@Check(
  `"kind" IN ('CONVENTION', 'DC1', 'DC4', 'XLSX', 'CSV', 'OCDS', 'AMENDMENT', 'BUYER_LETTER', 'INSERTION_XLSX', 'INSERTION_PDF', 'EVALUATION', 'OCDS_CONTRACT')`,
)
@Check(`"size_bytes" >= 0`)
export class DocumentEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => BidEntity, { onDelete: 'RESTRICT' })
  bid!: BidEntity;

  @Index()
  @RefColumn('bid_id')
  bidId!: string;

  @ManyToOneRef(() => AllocationVersionEntity, { onDelete: 'RESTRICT' })
  allocationVersion!: AllocationVersionEntity;

  @RefColumn('allocation_version_id')
  allocationVersionId!: string;

  /**
   * The change request an amendment (and its letter) carries: two amendments may say the same
   * split (a re-plan's is rendered on the version in force), each is signed for its own request.
   */
  @ManyToOneRef(() => ChangeRequestEntity, { onDelete: 'RESTRICT', nullable: true })
  changeRequest!: ChangeRequestEntity | null;

  @RefColumn('change_request_id', { nullable: true })
  changeRequestId!: string | null;

  @ManyToOneRef(() => JobRequestEntity, { onDelete: 'RESTRICT' })
  request!: JobRequestEntity;

  @RefColumn('request_id')
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

  @TimestampColumn('frozen_at', { nullable: true })
  frozenAt!: Date | null;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
