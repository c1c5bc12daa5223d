import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt } from './references';

/** Demo only (MAIL_MODE=log): mails kept for the platform admins' page instead of being sent. */
@Entity('mail_log')
export class MailLogEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'varchar', length: 320 })
  recipient!: string;

  @Column({ type: 'varchar', length: 300 })
  subject!: string;

  @Column({ type: 'text' })
  body!: string;

  @CreatedAt()
  createdAt!: Date;
}
