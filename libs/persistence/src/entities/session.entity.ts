import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { UserEntity } from './user.entity';
import { ManyToOneRef, RefColumn, TimestampColumn, CreatedAt } from './references';

/** A signed-in browser. The cookie carries a random token; only its SHA-256 is stored. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Index('sessions_token_hash_key', { unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash!: string;

  @ManyToOneRef(() => UserEntity, { onDelete: 'CASCADE' })
  user!: UserEntity;

  @Index()
  @RefColumn('user_id')
  userId!: string;

  /** Sent back in the X-CSRF-Token header of every state-changing request. */
  @Column({ name: 'csrf_token', type: 'varchar', length: 64 })
  csrfToken!: string;

  @Column({ type: 'varchar', length: 64, nullable: true })
  ip!: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 300, nullable: true })
  userAgent!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @TimestampColumn('expires_at')
  expiresAt!: Date;

  @TimestampColumn('revoked_at', { nullable: true })
  revokedAt!: Date | null;
}
