import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { DocumentEntity } from './document.entity';
import { MemberEntity } from './member.entity';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/** A one-time code mailed to a signatory to confirm one signature: kept as a keyed hash only. */
@Entity('signature_codes')
@Index(['documentId', 'memberId', 'userId'])
export class SignatureCodeEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => DocumentEntity, { onDelete: 'RESTRICT' })
  document!: DocumentEntity;

  @RefColumn('document_id')
  documentId!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  @RefColumn('user_id')
  userId!: string;

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
