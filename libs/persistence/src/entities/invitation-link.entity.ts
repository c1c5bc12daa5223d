import { Column, Entity, Index } from 'typeorm';
import { RefColumn, TimestampColumn, CreatedAt } from './references';
import { MemberUserRow } from './owned-rows';

/**
 * The link mailed with an invitation: it opens a session like a login link, but lives for days
 * (INVITATION_LINK_TTL_DAYS), once, and the coordinator can revoke it or send a new one. Only the
 * token's SHA-256 is stored.
 */
@Entity('invitation_links')
@Index('invitation_links_member_idx', ['memberId'])
export class InvitationLinkEntity extends MemberUserRow {
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
