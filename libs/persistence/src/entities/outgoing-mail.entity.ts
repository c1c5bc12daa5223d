import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { TimestampColumn, CreatedAt } from './references';

/**
 * A mail to send, written in the transaction of the use case that asks for it; the worker's
 * `mail.send` job (jobId = this id) sends it and marks it sent. Its body goes once sent: login
 * and invitation links, signing codes are secrets that must not stay in the database.
 */
@Entity('outgoing_mails')
@Index('outgoing_mails_dedupe_key', ['dedupeKey'], {
  unique: true,
  where: '"dedupe_key" IS NOT NULL',
})
export class OutgoingMailEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  /** Null once sent. */
  @Column({ type: 'text', nullable: true })
  body!: string | null;

  /**
   * Names a mail that must be queued once only: a reminder per person and deadline, room for a
   * job id (200) and an address (320).
   */
  @Column({ name: 'dedupe_key', type: 'varchar', length: 600, nullable: true })
  dedupeKey!: string | null;

  @CreatedAt()
  createdAt!: Date;

  @TimestampColumn('sent_at', { nullable: true })
  sentAt!: Date | null;
}
