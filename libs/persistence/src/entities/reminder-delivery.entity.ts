import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/**
 * One reminder mailed to one person: recorded in the transaction that sends it, so that a job
 * run twice (two workers, a retry) never mails the same reminder twice.
 */
@Entity('reminder_deliveries')
export class ReminderDeliveryEntity {
  @PrimaryColumn({ name: 'job_id', type: 'varchar', length: 200 })
  jobId!: string;

  @PrimaryColumn({ type: 'varchar', length: 320 })
  recipient!: string;

  @CreateDateColumn({ name: 'sent_at', type: 'timestamptz' })
  sentAt!: Date;
}
