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
import { DocumentEntity } from './document.entity';
import { MemberEntity } from './member.entity';

export type SigningRequestStatus = 'PENDING' | 'DONE' | 'FAILED';

/**
 * A confirmed request to sign (the one-time code was right). Its id is the outbox message's and
 * the job's; the job applies it once, whatever the retries.
 */
@Entity('signing_requests')
@Check(`"status" IN ('PENDING', 'DONE', 'FAILED')`)
export class SigningRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => DocumentEntity, { nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'document_id' })
  document!: DocumentEntity;

  @Index()
  @Column({ name: 'document_id', type: 'uuid' })
  documentId!: string;

  @ManyToOne(() => MemberEntity, { nullable: false, onDelete: 'CASCADE' })
  @JoinColumn({ name: 'member_id' })
  member!: MemberEntity;

  @Column({ name: 'member_id', type: 'uuid' })
  memberId!: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId!: string;

  @Column({ type: 'varchar', length: 10, default: 'PENDING' })
  status!: SigningRequestStatus;

  /** Where the confirmation came from, for the proof file. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  failure!: { code: string; message: string } | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt!: Date | null;
}
