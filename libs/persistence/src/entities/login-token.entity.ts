import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/**
 * A magic-link request. Only the token's SHA-256 is stored; every request is kept (even for an
 * unknown address, without a token) so that rate limits count what was asked, not what was sent.
 */
@Entity('login_tokens')
@Index('login_tokens_email_created_idx', ['email', 'createdAt'])
@Index('login_tokens_ip_created_idx', ['requestedIp', 'createdAt'])
export class LoginTokenEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  email!: string;

  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE', nullable: true })
  user!: UserEntity | null;

  @RefColumn('user_id', { nullable: true })
  userId!: string | null;

  @Index('login_tokens_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64, nullable: true })
  tokenHash!: string | null;

  @Column({ name: 'requested_ip', type: 'varchar', length: 64, nullable: true })
  requestedIp!: string | null;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('used_at', { nullable: true })
  usedAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;
}
