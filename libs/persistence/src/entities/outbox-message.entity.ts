import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, CreatedAt } from './references';

/**
 * Transactional outbox: a job to enqueue, written in the same transaction as the request it
 * serves. The relay enqueues it with jobId = id, or the job id it names (so a second enqueue is
 * a no-op), and then marks
 * it published.
 */
@Entity('outbox_messages')
@Index('outbox_messages_unpublished_idx', ['createdAt'], { where: '"published_at" IS NULL' })
export class OutboxMessageEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'queue_name', type: 'varchar', length: 64 })
  queueName!: string;

  @Column({ name: 'job_name', type: 'varchar', length: 64 })
  jobName!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  /** The queue's job id when it is not this row's id (a deadline's job, named by its bid and time). */
  @Column({ name: 'job_id', type: 'varchar', length: 200, nullable: true })
  jobId!: string | null;

  /** For a deadline: the job runs at this time, not at once. */
  @TimestampColumn('deliver_at', { nullable: true })
  deliverAt!: Date | null;

  @CreatedAt()
  createdAt!: Date;

  @TimestampColumn('published_at', { nullable: true })
  publishedAt!: Date | null;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError!: string | null;
}
