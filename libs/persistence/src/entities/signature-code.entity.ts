import { Column, Entity, Index } from 'typeorm';
import { DocumentEntity } from './document.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';
import { MemberUserRow } from './owned-rows';

/** A one-time code mailed to a signatory to confirm one signature: kept as a keyed hash only. */
@Entity('signature_codes')
@Index(['documentId', 'memberId', 'userId'])
export class SignatureCodeEntity extends MemberUserRow {
  @ManyToOneRef(() => DocumentEntity, { onDelete: 'RESTRICT' })
  document!: DocumentEntity;

  @RefColumn('document_id')
  documentId!: string;

  @Column({ name: 'code_hash', type: 'char', length: 64 })
  codeHash!: string;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @TimestampColumn('used_at', { nullable: true })
  usedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;
}
