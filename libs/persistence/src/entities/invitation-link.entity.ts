import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { MemberEntity } from './member.entity';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/**
 * The link mailed with an invitation: it opens a session like a login link, but lives for days
 * (INVITATION_LINK_TTL_DAYS), once, and the coordinator can revoke it or send a new one. Only the
 * token's SHA-256 is stored.
 */
@Entity('invitation_links')
@Index('invitation_links_member_idx', ['memberId'])
export class InvitationLinkEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @ManyToOneRef(() => MemberEntity, { onDelete: 'CASCADE' })
  member!: MemberEntity;

  @RefColumn('member_id')
  memberId!: string;

  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  @RefColumn('user_id')
  userId!: string;

  @Index('invitation_links_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('used_at', { nullable: true })
  usedAt!: Date | null;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;

  @RefColumn('created_by', { nullable: true })
  createdBy!: string | null;

  @CreatedAt()
  createdAt!: Date;
}
