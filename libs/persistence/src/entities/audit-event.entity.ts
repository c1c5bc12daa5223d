import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { RefColumn, TimestampColumn } from './references';

/**
 * One change, append-only: a trigger refuses UPDATE and DELETE, and each row carries the SHA-256
 * of its content chained to the previous row's hash, so that an edited or removed row shows up
 * when the chain is verified (`cordage audit verify`).
 */
@Entity('audit_events')
export class AuditEventEntity {
  /** Order of the chain: assigned under a lock, gap-free. */
  @PrimaryColumn({ type: 'bigint' })
  seq!: string;

  @TimestampColumn('occurred_at')
  occurredAt!: Date;

  @RefColumn('actor_user_id', { nullable: true })
  actorUserId!: string | null;

  /** Who, readable: an address, `cli`, `worker`. */
  @Column({ type: 'varchar', length: 320 })
  actor!: string;

  @Column({ type: 'varchar', length: 64 })
  action!: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 64 })
  entityType!: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 64, nullable: true })
  entityId!: string | null;

  @Index()
  @RefColumn('bid_id', { nullable: true })
  bidId!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before!: unknown;

  @Column({ type: 'jsonb', nullable: true })
  after!: unknown;

  @Column({ name: 'request_id', type: 'varchar', length: 100, nullable: true })
  requestId!: string | null;

  @Column({ name: 'prev_hash', type: 'varchar', length: 64 })
  prevHash!: string;

  @Column({ type: 'varchar', length: 64 })
  hash!: string;
}
